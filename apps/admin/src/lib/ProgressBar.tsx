import type { ReactNode } from 'react';

/**
 * A determinate progress bar a screen reader announces (role="progressbar" with its value and a text value), or an
 * indeterminate one while the total is unknown. The figures beside it are the caller's.
 */
export function ProgressBar({ value, max = 100, label, valueText, testId }: { value: number | null; max?: number; label: ReactNode; valueText?: string; testId?: string }) {
  const known = value != null && max > 0;
  const percent = known ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <div className="admin-progress" data-testid={testId}>
      <div className="admin-progress__label" id={testId ? `${testId}-label` : undefined}>{label}</div>
      <div
        className={known ? 'admin-progress__track' : 'admin-progress__track admin-progress__track--indeterminate'}
        role="progressbar"
        aria-labelledby={testId ? `${testId}-label` : undefined}
        aria-valuemin={0}
        aria-valuemax={known ? max : undefined}
        aria-valuenow={known ? value : undefined}
        aria-valuetext={valueText}
        data-value={known ? value : undefined}
        data-max={known ? max : undefined}
      >
        <div className="admin-progress__fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
    </div>
  );
}
