import { useState } from 'react';
import { Button, SelectField } from '@muster/ui';
import type { CampaignTeamRole } from '../graphql/campaign.graphql';
import type { TeamCandidate } from '../hooks/useTeamCandidates';
import { TEAM_ROLES, TEAM_ROLE_LABELS, options } from '../lib/campaign-labels';

export interface TeamEntry { userId: string; role: CampaignTeamRole }

/** The campaign's team: add a person with a role, change a role, remove; one row per person. */
export function TeamPicker({ value, onChange, candidates, complete }: {
  value: readonly TeamEntry[]; onChange: (next: TeamEntry[]) => void; candidates: readonly TeamCandidate[]; complete: boolean;
}) {
  const [pick, setPick] = useState('');
  const [role, setRole] = useState<CampaignTeamRole>('CALLER');
  const names = new Map(candidates.map((c) => [c.id, c]));
  const free = candidates.filter((c) => !value.some((v) => v.userId === c.id));
  return (
    <div className="cmp-team" data-testid="team-picker">
      {value.length === 0 ? <p className="cmp-muted">No one on the team yet.</p> : (
        <ul className="admin-plain-list">
          {value.map((m) => {
            const who = names.get(m.userId);
            return (
              <li key={m.userId} className="cmp-team__row" data-testid="team-member" data-user={m.userId}>
                <span className="cmp-team__name">{who ? <>{who.name} <span className="cmp-muted">{who.email}</span></> : m.userId}</span>
                <SelectField label={`Role of ${who?.name ?? 'this person'}`} value={m.role} options={options(TEAM_ROLES, TEAM_ROLE_LABELS)}
                  onChange={(e) => onChange(value.map((v) => (v.userId === m.userId ? { ...v, role: e.target.value as CampaignTeamRole } : v)))} />
                <Button variant="ghost" onClick={() => onChange(value.filter((v) => v.userId !== m.userId))} aria-label={`Remove ${who?.name ?? 'this person'} from the team`}>Remove</Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="cmp-team__row">
        <SelectField label="Add a person" placeholder="Choose a person…" value={pick} data-testid="team-add-user"
          options={free.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))} onChange={(e) => setPick(e.target.value)} />
        <SelectField label="As" value={role} data-testid="team-add-role" options={options(TEAM_ROLES, TEAM_ROLE_LABELS)} onChange={(e) => setRole(e.target.value as CampaignTeamRole)} />
        <Button disabled={!pick} data-testid="team-add" onClick={() => { onChange([...value, { userId: pick, role }]); setPick(''); }}>Add to team</Button>
      </div>
      {complete ? null : <p className="cmp-muted" data-testid="team-partial">Offered: the first 200 people who work for this organisation, the current team and you.</p>}
    </div>
  );
}
