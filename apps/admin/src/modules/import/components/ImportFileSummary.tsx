import { DescriptionList, formatDateTime } from '@muster/ui';
import type { MemberImport } from '../graphql/import.graphql';
import { delimiterLabel, encodingLabel } from '../lib/import-labels';
import { formatBytes } from '../lib/import-progress';
import { previewRows } from '../lib/import-mapping';

/** What the API detected in the file, and its first rows as the API read them (so a wrong guess is plain to see). */
export function ImportFileSummary({ memberImport }: { memberImport: MemberImport }) {
  const m = memberImport;
  const rows = previewRows(m.columns);
  return (
    <div className="mu-stack">
      <DescriptionList
        items={[
          { term: 'Encoding', description: <span data-testid="detected-encoding" data-value={m.encoding}>{encodingLabel(m.encoding)}</span> },
          { term: 'Separator', description: <span data-testid="detected-delimiter" data-value={m.delimiter}>{delimiterLabel(m.delimiter)}</span> },
          { term: 'Header row', description: <span data-testid="detected-header" data-value={String(m.hasHeader)}>{m.hasHeader ? 'Yes, the first row names the columns' : 'No, the first row is data'}</span> },
          { term: 'Size', description: formatBytes(m.byteSize) },
          { term: 'Uploaded', description: `${formatDateTime(m.createdAt)} by ${m.createdBy}` },
        ]}
      />
      {rows.length ? (
        <div className="admin-preview" tabIndex={0} role="region" aria-label="Preview of the file">
          <table className="admin-preview__table" data-testid="import-preview">
            <caption>The first {rows.length} rows</caption>
            <thead>
              <tr>
                {m.columns.map((c) => (
                  <th key={c.index} scope="col">{c.header || `Column ${c.index + 1}`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-testid="preview-row">
                  {r.map((v, j) => (
                    <td key={j}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
