import { Badge, StatCard, formatNumber, pluralise } from '@muster/ui';
import type { ImportCounts, ImportRowOutcome, ImportRowSample } from '../graphql/import.graphql';
import { OUTCOME_LABEL, OUTCOME_TONE } from '../lib/import-labels';

const OUTCOMES: ImportRowOutcome[] = ['CREATED', 'UPDATED', 'UNCHANGED', 'REJECTED'];
const KEY: Record<ImportRowOutcome, keyof ImportCounts> = { CREATED: 'created', UPDATED: 'updated', UNCHANGED: 'unchanged', REJECTED: 'rejected' };

/** A share as a whole percent, except that a few rows of many read "<1%" rather than a misleading 0%. */
export function share(part: number, total: number): string {
  if (!total || !part) return '0%';
  const percent = Math.round((part / total) * 100);
  if (percent === 0) return '<1%';
  if (percent === 100 && part < total) return '>99%';
  return `${percent}%`;
}

/** New, updated, unchanged and rejected rows, each with its raw value for tests and screen readers. */
export function ImportCountsGrid({ counts, testId, future }: { counts: ImportCounts; testId: string; future?: boolean }) {
  return (
    <div className="admin-counts" data-testid={testId}>
      {OUTCOMES.map((o) => (
        <div key={o} data-testid={`${testId}-${KEY[o]}`} data-value={counts[KEY[o]]}>
          <StatCard
            label={future ? { CREATED: 'Would be new', UPDATED: 'Would update', UNCHANGED: 'Would not change', REJECTED: 'Would be rejected' }[o] : OUTCOME_LABEL[o]}
            value={formatNumber(counts[KEY[o]])}
            detail={counts.total ? `${share(counts[KEY[o]], counts.total)} of ${pluralise(counts.total, 'row')}` : undefined}
          />
        </div>
      ))}
    </div>
  );
}

/** Up to five example rows per outcome, with the reasons a rejected row was turned away. */
export function ImportSamples({ samples }: { samples: readonly ImportRowSample[] }) {
  if (!samples.length) return null;
  return (
    <div className="admin-samples" data-testid="dry-run-samples">
      {OUTCOMES.map((o) => {
        const rows = samples.filter((s) => s.outcome === o);
        if (!rows.length) return null;
        return (
          <section key={o} className="admin-samples__group" data-testid={`samples-${o}`}>
            <h3 className="admin-samples__title">
              <Badge tone={OUTCOME_TONE[o]}>{OUTCOME_LABEL[o]}</Badge> examples
            </h3>
            <ul className="admin-plain-list">
              {rows.map((s) => (
                <li key={`${s.outcome}-${s.rowNumber}`} className="admin-samples__row" data-testid="sample-row">
                  <span className="admin-samples__line">Row {formatNumber(s.rowNumber)}</span> {s.summary}
                  {s.reasons.length ? (
                    // A rejected row's reasons say why it was turned away; any other row's are warnings (e.g. a phone dropped).
                    <ul className={o === 'REJECTED' ? 'admin-samples__reasons' : 'admin-samples__reasons admin-samples__reasons--warning'} aria-label={o === 'REJECTED' ? 'Why' : 'Warnings'}>
                      {s.reasons.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
