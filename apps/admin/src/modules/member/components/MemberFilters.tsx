import { useEffect, useState, type KeyboardEvent } from 'react';
import { Button, DateField, FilterBar, FilterChip, SelectField, TextField } from '@muster/ui';
import type { ConsentStatus, MemberStatus } from '@muster/domain';
import { activeFilters, clearFilters, type MemberListParams } from '../lib/member-list-params';
import { CONSENT_OPTIONS, STATUS_OPTIONS } from './MemberStatusBadge';

/** A text filter that applies on Enter or when focus leaves, so typing does not fire a query per key. */
function CommitTextField({ label, value, onCommit, placeholder, testId }: { label: string; value: string; onCommit: (v: string) => void; placeholder?: string; testId: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <TextField
      label={label}
      placeholder={placeholder}
      value={draft}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
    />
  );
}

const splitList = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function MemberFilters({ params, regions, onChange, onReplace, segmentNames }: {
  params: MemberListParams;
  regions: string[];
  /** Segment id → name, for the "In segment" chip. */
  segmentNames?: Record<string, string>;
  onChange: (changes: Partial<MemberListParams>) => void;
  onReplace: (next: MemberListParams) => void;
}) {
  const [open, setOpen] = useState(false);
  const chips = activeFilters(params, segmentNames);
  // The less used filters wait behind "More filters", but never hide one that is narrowing the list.
  const secondaryActive = !!(params.branch || params.workplace || params.tags.length || params.issues.length || params.smsConsent || params.emailConsent);
  const [more, setMore] = useState(secondaryActive);
  const showMore = more || secondaryActive;
  const regionOptions = [...new Set([...regions, ...(params.region ? [params.region] : [])])].map((r) => ({ value: r, label: r }));
  return (
    <div className={`admin-filters${open ? ' admin-filters--open' : ''}`}>
      <Button className="admin-filters__toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide filters' : `Filters${chips.length ? ` (${chips.length})` : ''}`}
      </Button>
      <FilterBar
        label="Member filters"
        onClearAll={chips.length ? () => onReplace(clearFilters(params)) : undefined}
        chips={
          chips.length
            ? chips.map((c) => <FilterChip key={c.key} label={c.label} onRemove={() => onChange(c.clear)} />)
            : undefined
        }
      >
        <SelectField
          label="Status"
          placeholder="Any status"
          options={STATUS_OPTIONS}
          value={params.status.length === 1 ? params.status[0] : ''}
          data-testid="filter-status"
          onChange={(e) => onChange({ status: e.target.value ? [e.target.value as MemberStatus] : [] })}
        />
        <SelectField
          label="Region"
          placeholder="Any region"
          options={regionOptions}
          value={params.region}
          data-testid="filter-region"
          onChange={(e) => onChange({ region: e.target.value })}
        />
        <DateField label="Joined from" value={params.joinedFrom} data-testid="filter-joined-from" onChange={(e) => onChange({ joinedFrom: e.target.value })} />
        <DateField label="Joined to" value={params.joinedTo} data-testid="filter-joined-to" onChange={(e) => onChange({ joinedTo: e.target.value })} />
        {showMore ? (
          <>
            <CommitTextField label="Branch" placeholder="Starts with…" value={params.branch} testId="filter-branch" onCommit={(branch) => onChange({ branch })} />
            <CommitTextField label="Workplace" placeholder="Starts with…" value={params.workplace} testId="filter-workplace" onCommit={(workplace) => onChange({ workplace })} />
            <CommitTextField label="Tags" placeholder="Any of: rep, steward" value={params.tags.join(', ')} testId="filter-tags" onCommit={(v) => onChange({ tags: splitList(v) })} />
            <CommitTextField label="Issues" placeholder="Any of: pay, pensions" value={params.issues.join(', ')} testId="filter-issues" onCommit={(v) => onChange({ issues: splitList(v) })} />
            <SelectField
              label="SMS consent"
              placeholder="Any"
              options={CONSENT_OPTIONS}
              value={params.smsConsent}
              data-testid="filter-sms-consent"
              onChange={(e) => onChange({ smsConsent: e.target.value as ConsentStatus | '' })}
            />
            <SelectField
              label="Email consent"
              placeholder="Any"
              options={CONSENT_OPTIONS}
              value={params.emailConsent}
              data-testid="filter-email-consent"
              onChange={(e) => onChange({ emailConsent: e.target.value as ConsentStatus | '' })}
            />
          </>
        ) : null}
        {secondaryActive ? null : (
          <Button variant="ghost" className="admin-filters__more" aria-expanded={showMore} onClick={() => setMore((m) => !m)} data-testid="more-filters">
            {showMore ? 'Fewer filters' : 'More filters'}
          </Button>
        )}
      </FilterBar>
    </div>
  );
}
