import { useEffect, useState, type FormEvent } from 'react';
import { Button, DateField, FilterBar, FilterChip, SelectField, type SelectOption } from '@muster/ui';
import { hasUnit, scopeProblem, unitLabel, type InsightsScope } from '../lib/insights-scope.js';

/** The select's value for the "Unknown" unit (the empty key), apart from "All" (no filter). */
const UNKNOWN_OPTION = '__unknown__';
const toOption = (value: string | undefined) => (value === undefined ? '' : value === '' ? UNKNOWN_OPTION : value);
const fromOption = (value: string) => (value === '' ? undefined : value === UNKNOWN_OPTION ? '' : value);

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
  // Options carry unit keys ("" = Unknown) as select values; the unit in force stays pickable even when the current
  // answer does not list it.
  const withCurrent = (options: readonly SelectOption[], value?: string) => {
    const all = hasUnit(value) && !options.some((o) => o.value === value) ? [{ value, label: unitLabel(value) }, ...options] : options;
    return all.map((o) => ({ value: toOption(o.value), label: o.label }));
  };
  const chips = [
    hasUnit(scope.region) ? <FilterChip key="region" label={`Region: ${unitLabel(scope.region)}`} onRemove={() => onChange({ ...scope, region: undefined, branch: undefined })} /> : null,
    hasUnit(scope.branch) ? <FilterChip key="branch" label={`Branch: ${unitLabel(scope.branch)}`} onRemove={() => onChange({ ...scope, branch: undefined })} /> : null,
    scope.from || scope.to ? <FilterChip key="dates" label={`Dates: ${scope.from ?? '…'} to ${scope.to ?? 'today'}`} onRemove={() => onChange({ ...scope, from: undefined, to: undefined })} /> : null,
  ].filter(Boolean);
  return (
    <FilterBar label="Dashboard filters" chips={chips.length ? chips : undefined} onClearAll={() => onChange({})}>
      <form className="insights-filters" onSubmit={apply} data-testid="insights-filters">
        <DateField label="From" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} data-testid="filter-from" />
        <DateField label="To" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} data-testid="filter-to" error={problem} />
        <Button type="submit" variant="secondary" data-testid="filter-apply" disabled={Boolean(problem)}>Apply dates</Button>
        <SelectField label="Region" placeholder="All regions" options={withCurrent(regions, scope.region)} value={toOption(scope.region)}
          data-testid="filter-region" onChange={(e) => onChange({ ...scope, region: fromOption(e.target.value), branch: undefined })} />
        <SelectField label="Branch" placeholder="All branches" options={withCurrent(branches, scope.branch)} value={toOption(scope.branch)}
          data-testid="filter-branch" onChange={(e) => onChange({ ...scope, branch: fromOption(e.target.value) })} />
      </form>
    </FilterBar>
  );
}
