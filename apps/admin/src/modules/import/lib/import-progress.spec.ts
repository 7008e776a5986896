import { canCancel, formatBytes, formatDuration, formatRate, formatTimeLeft, isActive, isEditable, isFinished, percentDone } from './import-progress';

describe('import progress figures', () => {
  it('gives a whole percentage that reaches 100 only at the last row and is 0 while the total is unknown', () => {
    expect(percentDone({ done: 0, total: 0 })).toBe(0);
    expect(percentDone({ done: 5, total: 0 })).toBe(0);
    expect(percentDone({ done: 250_000, total: 1_000_000 })).toBe(25);
    expect(percentDone({ done: 999_999, total: 1_000_000 })).toBe(99);
    expect(percentDone({ done: 1_000_000, total: 1_000_000 })).toBe(100);
  });

  it('says rows per second, durations and time left the way a person reads them', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(18_234.6)).toBe('18,235 rows/s');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(4.4)).toBe('4 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatTimeLeft(null, { done: 10, total: 100 })).toBe('Working it out…');
    expect(formatTimeLeft(0.4, { done: 99, total: 100 })).toBe('Less than a second');
    expect(formatTimeLeft(75, { done: 10, total: 100 })).toBe('About 1 min 15 s');
    expect(formatTimeLeft(3, { done: 100, total: 100 })).toBe('Finishing…');
  });

  it('formats file sizes', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(1024 ** 3)).toBe('1.0 GB');
  });

  it('knows which states poll, which can still be edited, which can be cancelled and which are final', () => {
    expect(['DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING', 'CANCELLING'].every((s) => isActive(s as never))).toBe(true);
    expect(['ANALYSED', 'DRY_RUN_DONE', 'COMPLETED', 'CANCELLED', 'FAILED'].some((s) => isActive(s as never))).toBe(false);
    expect(isEditable('ANALYSED') && isEditable('DRY_RUN_DONE') && !isEditable('RUNNING') && !isEditable('COMPLETED')).toBe(true);
    expect(canCancel('RUNNING') && canCancel('QUEUED') && canCancel('DRY_RUN_RUNNING') && !canCancel('CANCELLING') && !canCancel('COMPLETED')).toBe(true);
    expect(isFinished('COMPLETED') && isFinished('CANCELLED') && isFinished('FAILED') && !isFinished('RUNNING')).toBe(true);
  });
});
