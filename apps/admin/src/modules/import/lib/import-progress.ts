// What the progress and report screens say about an import's counts, speed and time; pure, so it is tested on its own.
import type { ImportCounts, ImportStatus } from '../graphql/import.graphql';

/** States in which the API is working on the import (a dry run or the real thing): the page polls while in them. */
export const ACTIVE_STATUSES: readonly ImportStatus[] = ['DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING', 'CANCELLING'];
export const DRY_RUN_ACTIVE: readonly ImportStatus[] = ['DRY_RUN_QUEUED', 'DRY_RUN_RUNNING'];
export const IMPORT_ACTIVE: readonly ImportStatus[] = ['QUEUED', 'RUNNING', 'CANCELLING'];
export const FINISHED_STATUSES: readonly ImportStatus[] = ['COMPLETED', 'CANCELLED', 'FAILED'];
/** Before the real import: the mapping and options can still change. */
export const EDITABLE_STATUSES: readonly ImportStatus[] = ['ANALYSED', 'DRY_RUN_DONE'];

export const isActive = (s: ImportStatus) => ACTIVE_STATUSES.includes(s);
export const isFinished = (s: ImportStatus) => FINISHED_STATUSES.includes(s);
export const isEditable = (s: ImportStatus) => EDITABLE_STATUSES.includes(s);
export const canCancel = (s: ImportStatus) => ['DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING'].includes(s);

/** Whole percent done, never 100 before the last row and never NaN when the total is not known yet. */
export function percentDone(counts: Pick<ImportCounts, 'done' | 'total'>): number {
  if (!counts.total || counts.total <= 0) return 0;
  if (counts.done >= counts.total) return 100;
  return Math.min(99, Math.floor((counts.done / counts.total) * 100));
}

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatRate(rowsPerSecond: number | null | undefined): string {
  if (rowsPerSecond == null || !Number.isFinite(rowsPerSecond)) return '—';
  return `${whole.format(rowsPerSecond)} rows/s`;
}

/** "45 s", "3 min 20 s", "1 h 5 min": the precision a person needs for a wait. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${Math.floor(s / 60)} min`;
  }
  const minutes = Math.round((s % 3600) / 60);
  return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${Math.floor(s / 3600)} h`;
}

export function formatTimeLeft(secondsLeft: number | null | undefined, counts: Pick<ImportCounts, 'done' | 'total'>): string {
  if (counts.total > 0 && counts.done >= counts.total) return 'Finishing…';
  if (secondsLeft == null || !Number.isFinite(secondsLeft)) return 'Working it out…';
  if (secondsLeft < 1) return 'Less than a second';
  return `About ${formatDuration(secondsLeft)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? whole.format(value) : value.toFixed(1)} ${units[unit]}`;
}
