import { Badge, Button, Callout, cx } from '@muster/ui';
import type { ImportColumn, ImportField } from '../graphql/import.graphql';
import { FIELD_LABEL, fieldOptions } from '../lib/import-labels';
import { duplicateFields } from '../lib/import-mapping';

/**
 * One select per column of the file, with the column's header and first values beside it. The API's suggestion is
 * marked: a column still on its suggestion shows "Suggested", one moved away from it offers the suggestion back.
 */
export function ImportMappingEditor({ columns, fields, onChange, disabled }: {
  columns: readonly ImportColumn[];
  fields: readonly ImportField[];
  onChange: (index: number, field: ImportField) => void;
  disabled?: boolean;
}) {
  const duplicates = duplicateFields(fields);
  return (
    <div className="admin-mapping" data-testid="mapping-editor">
      {duplicates.length ? (
        <Callout tone="warning" title="Two columns go to the same field">
          {duplicates.map((f) => FIELD_LABEL[f]).join(', ')}: only the first column’s value is used. Map the other to a different field or to
          “Don’t import”.
        </Callout>
      ) : null}
      <table className="admin-mapping__table">
        <caption className="mu-visually-hidden">Column mapping</caption>
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">First values</th>
            <th scope="col">Import into</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => {
            const field = fields[c.index] ?? c.field;
            const onSuggestion = field === c.suggested && c.suggested !== 'IGNORE';
            const selectId = `mapping-${c.index}`;
            return (
              <tr
                key={c.index}
                className={cx(onSuggestion && 'admin-mapping__row--suggested', field === 'IGNORE' && 'admin-mapping__row--ignored')}
                data-testid="mapping-row"
                data-header={c.header}
                data-field={field}
                data-suggested={c.suggested}
              >
                <th scope="row">
                  <label htmlFor={selectId} className="admin-mapping__header">
                    {c.header || <span className="admin-muted">Column {c.index + 1} (no header)</span>}
                  </label>
                </th>
                <td className="admin-mapping__samples">
                  {c.samples.slice(0, 3).map((s, i) => (
                    <span key={i} className="admin-mapping__sample">
                      {s === '' ? <span className="admin-muted">(blank)</span> : s}
                    </span>
                  ))}
                </td>
                <td>
                  <div className="admin-mapping__choice">
                    <select
                      id={selectId}
                      className="mu-input mu-select"
                      value={field}
                      disabled={disabled}
                      onChange={(e) => onChange(c.index, e.target.value as ImportField)}
                      data-testid="mapping-select"
                    >
                      {fieldOptions(c.suggested).map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {onSuggestion ? <Badge tone="info">Suggested</Badge> : null}
                    {!onSuggestion && c.suggested !== 'IGNORE' ? (
                      <Button size="sm" variant="ghost" disabled={disabled} onClick={() => onChange(c.index, c.suggested)} data-testid="use-suggestion">
                        Use suggestion: {FIELD_LABEL[c.suggested]}
                      </Button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
