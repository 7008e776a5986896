import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, SelectField, TextField, formatNumber } from '@muster/ui';
import { MEMBER_PICKER_QUERY } from '../graphql/campaign.graphql';

/**
 * Finds a member by name, email or phone (the members list's own search) and picks one of the first ten matches.
 * A search runs on "Find" or Enter, not on every key. Used by the "record a response" and "record a donation" forms.
 */
export function MemberPicker({ organisationId, value, onChange, label = 'Member', optional }: {
  organisationId: string; value: string; onChange: (memberId: string) => void; label?: string; optional?: boolean;
}) {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const result = useQuery(MEMBER_PICKER_QUERY, { variables: { organisationId, search }, skip: search.length < 2 });
  const matches = result.data?.members.edges.map((e) => e.node) ?? [];
  const find = (e?: { preventDefault(): void }) => {
    e?.preventDefault();
    setSearch(draft.trim());
    onChange('');
  };
  const total = result.data?.members.totalCount ?? 0;
  return (
    <div className="cmp-member-picker">
      <div className="cmp-team__row">
        <TextField label={`Find a ${label.toLowerCase()}`} hint="Name, email or phone; at least 2 characters." value={draft} data-testid="member-search"
          onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') find(e); }} />
        <Button onClick={() => find()} disabled={draft.trim().length < 2} data-testid="member-find">Find</Button>
      </div>
      {search.length >= 2 ? (
        result.loading ? <p className="cmp-muted">Searching…</p>
          : matches.length === 0 ? <p className="cmp-muted" data-testid="member-none">No member matches “{search}”.</p>
            : (
              <SelectField label={label} required={!optional} placeholder={optional ? 'No member (anonymous)' : 'Choose…'} value={value} data-testid="member-choice"
                hint={total > matches.length ? `The first ${matches.length} of ${formatNumber(total)} matches: type more to narrow them.` : undefined}
                options={matches.map((m) => ({ value: m.id, label: m.email ? `${m.fullName} (${m.email})` : m.fullName }))} onChange={(e) => onChange(e.target.value)} />
            )
      ) : null}
    </div>
  );
}
