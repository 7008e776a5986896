import { useEffect, useState, type FormEvent } from 'react';
import { Button, DateField, FilterBar, FilterChip, SelectField, type SelectOption } from '@muster/ui';
import { scopeProblem, type InsightsScope } from '../lib/insights-scope.js';

/**
 * Date range and unit (region, branch). Dates apply with the button (one history entry per change); a unit applies
 * as soon as it is picked. The page keeps the scope in the URL.
 */
export function InsightsFilters({ scope, regions, branches, onChange }: {
  scope: InsightsScope;
  regions: readonly SelectOption[];
  branches: readonly SelectOption[];
  onChange: (scope: InsightsScope) => void;
}) {
  const [from, setFrom] = useState(scope.from ?? '');
  const [to, setTo] = useState(scope.to ?? '');
  useEffect(() => { setFrom(scope.from ?? ''); setTo(scope.to ?? ''); }, [scope.from, scope.to]);
  const problem = scopeProblem({ from, to });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onChange({ ...scope, from: from || undefined, to: to || undefined });
  };
  // The unit in force stays pickable even when the current answer does not list it.
  const withCurrent = (options: readonly SelectOption[], value?: string) =>
    value && !options.some((o) => o.value === value) ? [{ value, label: value }, ...options] : options;
  const chips = [
    scope.region ? <FilterChip key="region" label={`Region: ${scope.region}`} onRemove={() => onChange({ ...scope, region: undefined, branch: undefined })} /> : null,
    scope.branch ? <FilterChip key="branch" label={`Branch: ${scope.branch}`} onRemove={() => onChange({ ...scope, branch: undefined })} /> : null,
    scope.from || scope.to ? <FilterChip key="dates" label={`Dates: ${scope.from ?? '…'} to ${scope.to ?? 'today'}`} onRemove={() => onChange({ ...scope, from: undefined, to: undefined })} /> : null,
  ].filter(Boolean);
  return (
    <FilterBar label="Dashboard filters" chips={chips.length ? chips : undefined} onClearAll={() => onChange({})}>
      <form className="insights-filters" onSubmit={apply} data-testid="insights-filters">
        <DateField label="From" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} data-testid="filter-from" />
        <DateField label="To" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} data-testid="filter-to" error={problem} />
        <Button type="submit" variant="secondary" data-testid="filter-apply" disabled={Boolean(problem)}>Apply dates</Button>
        <SelectField label="Region" placeholder="All regions" options={withCurrent(regions, scope.region)} value={scope.region ?? ''}
          data-testid="filter-region" onChange={(e) => onChange({ ...scope, region: e.target.value || undefined, branch: undefined })} />
        <SelectField label="Branch" placeholder="All branches" options={withCurrent(branches, scope.branch)} value={scope.branch ?? ''}
          data-testid="filter-branch" onChange={(e) => onChange({ ...scope, branch: e.target.value || undefined })} />
      </form>
    </FilterBar>
  );
}
