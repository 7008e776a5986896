import { Link } from 'react-router-dom';
import { cx } from '@muster/ui';
import type { ComparedMember } from '../graphql/dedupe.graphql';
import { comparisonRows } from '../lib/dedupe-compare';

/**
 * The members of a suggestion side by side, one column each, rows that differ marked; a radio button above each
 * column chooses the record that survives the merge (the others' phones, emails, tags and history move onto it).
 */
export function DuplicateComparison({ organisationId, suggestionId, members, survivorId, onSurvivor, disabled }: {
  organisationId: string;
  suggestionId: string;
  members: readonly ComparedMember[];
  survivorId: string | null;
  onSurvivor: (id: string) => void;
  disabled?: boolean;
}) {
  const rows = comparisonRows(members);
  return (
    <div className="mu-table-wrap admin-compare" data-testid="duplicate-comparison">
      <table className="admin-compare__table">
        <caption className="mu-visually-hidden">The possible duplicates side by side</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="mu-visually-hidden">Field</span>
            </th>
            {members.map((m) => (
              <th key={m.id} scope="col" className={cx(m.id === survivorId && 'admin-compare__survivor')} data-testid="compared-member" data-member-id={m.id}>
                <label className="admin-check">
                  <input
                    type="radio"
                    name={`survivor-${suggestionId}`}
                    value={m.id}
                    checked={m.id === survivorId}
                    disabled={disabled}
                    onChange={() => onSurvivor(m.id)}
                    data-testid="choose-survivor"
                  />
                  <span>{m.id === survivorId ? 'Keep this record' : 'Merge into the kept one'}</span>
                </label>
                <Link to={`/orgs/${organisationId}/members/${m.id}`} className="admin-compare__name" target="_blank" rel="noreferrer">
                  {m.fullName}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={cx(r.differs && 'admin-compare__row--differs')} data-testid="compare-row" data-field={r.key} data-differs={String(r.differs)}>
              <th scope="row">
                {r.label}
                {r.differs ? <span className="mu-visually-hidden"> (differs)</span> : null}
              </th>
              {r.values.map((v, i) => (
                <td key={members[i].id} className={cx(members[i].id === survivorId && 'admin-compare__survivor')}>
                  {v || <span className="admin-muted">—</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
