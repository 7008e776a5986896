import { Button } from '@muster/ui';
import { IMPORT_MATCH_KEYS, type ImportField, type ImportMatchKey } from '../graphql/import.graphql';
import { FIELD_LABEL, MATCH_KEY_LABEL } from '../lib/import-labels';
import { moveMatchKey, overwritableFields, toggleMatchKey } from '../lib/import-mapping';

/**
 * How rows find existing members (the keys, tried in order) and which fields an existing member keeps when the file
 * has a value for them ("don't overwrite existing values").
 */
export function ImportOptions({ matchOrder, keepExisting, fields, onChange, disabled }: {
  matchOrder: readonly ImportMatchKey[];
  keepExisting: readonly ImportField[];
  fields: readonly ImportField[];
  onChange: (changes: { matchOrder?: ImportMatchKey[]; keepExisting?: ImportField[] }) => void;
  disabled?: boolean;
}) {
  const unused = IMPORT_MATCH_KEYS.filter((k) => !matchOrder.includes(k));
  const keepable = overwritableFields(fields);
  return (
    <div className="admin-import-options">
      <fieldset className="admin-fieldset" data-testid="match-order">
        <legend className="mu-field__label">Match existing members on</legend>
        <p className="mu-field__hint">A row updates the first member it matches, trying these in order; a row that matches none is a new member.</p>
        <ol className="admin-match-order">
          {matchOrder.map((key, i) => (
            <li key={key} className="admin-match-order__item" data-testid="match-key" data-key={key}>
              <label className="admin-check">
                <input
                  type="checkbox"
                  checked
                  disabled={disabled || matchOrder.length === 1}
                  onChange={() => onChange({ matchOrder: toggleMatchKey(matchOrder, key, false) })}
                />
                <span>
                  {i + 1}. {MATCH_KEY_LABEL[key]}
                </span>
              </label>
              <span className="admin-match-order__moves">
                <Button size="sm" variant="ghost" disabled={disabled || i === 0} onClick={() => onChange({ matchOrder: moveMatchKey(matchOrder, key, -1) })} aria-label={`Try ${MATCH_KEY_LABEL[key]} earlier`}>
                  ↑
                </Button>
                <Button size="sm" variant="ghost" disabled={disabled || i === matchOrder.length - 1} onClick={() => onChange({ matchOrder: moveMatchKey(matchOrder, key, 1) })} aria-label={`Try ${MATCH_KEY_LABEL[key]} later`}>
                  ↓
                </Button>
              </span>
            </li>
          ))}
          {unused.map((key) => (
            <li key={key} className="admin-match-order__item admin-match-order__item--off" data-testid="match-key-off" data-key={key}>
              <label className="admin-check">
                <input type="checkbox" checked={false} disabled={disabled} onChange={() => onChange({ matchOrder: toggleMatchKey(matchOrder, key, true) })} />
                <span>{MATCH_KEY_LABEL[key]} (not used)</span>
              </label>
            </li>
          ))}
        </ol>
      </fieldset>
      <fieldset className="admin-fieldset" data-testid="keep-existing">
        <legend className="mu-field__label">Don’t overwrite existing values</legend>
        <p className="mu-field__hint">
          For a member who already exists, a ticked field keeps its current value and is only filled in where it is empty. Tags and issues are
          always added to, never replaced.
        </p>
        {keepable.length ? (
          <div className="admin-check-grid">
            {keepable.map((f) => (
              <label key={f} className="admin-check">
                <input
                  type="checkbox"
                  checked={keepExisting.includes(f)}
                  disabled={disabled}
                  data-testid={`keep-existing-${f}`}
                  onChange={(e) =>
                    onChange({ keepExisting: e.target.checked ? [...keepExisting, f] : keepExisting.filter((k) => k !== f) })
                  }
                />
                <span>{FIELD_LABEL[f]}</span>
              </label>
            ))}
          </div>
        ) : (
          <p className="admin-muted">Map some columns first.</p>
        )}
      </fieldset>
    </div>
  );
}
