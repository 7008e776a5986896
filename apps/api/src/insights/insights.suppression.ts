/**
 * Small-number suppression of the insight figures (docs/insights.md, "Suppression"). Pure functions.
 *
 * Rule: a count c with 1 ≤ c < threshold is returned as `count: null, suppressed: true` (threshold 0 = off).
 * In a partition whose total is shown (a breakdown's rows + otherCount = total; consent GRANTED + WITHDRAWN + UNKNOWN =
 * total; reachable + not reachable = total), a lone unshown small cell could be recomputed by subtraction, so the
 * smallest shown non-zero cell is suppressed as well (secondary suppression). Cells that are never shown (e.g. "not
 * reachable") take part in the partition as unshown cells.
 */
import type { InsightCount } from './insights.object.js';

export interface RawCell {
  key: string;
  label: string;
  count: number;
  /** Part of the partition but never returned (e.g. members not reachable). */
  hidden?: boolean;
}

export function isSmall(count: number, threshold: number): boolean {
  return threshold > 0 && count >= 1 && count < threshold;
}

export function cell(key: string, label: string, count: number, threshold: number): InsightCount {
  const suppressed = isSmall(count, threshold);
  return { key, label, count: suppressed ? null : count, suppressed };
}

/** The visible cells of a partition, in input order, with primary and secondary suppression applied. */
export function suppressPartition(cells: RawCell[], threshold: number): InsightCount[] {
  const suppressed = new Set<number>();
  cells.forEach((c, i) => { if (isSmall(c.count, threshold)) suppressed.add(i); });
  const unshown = cells.map((c, i) => c.hidden || suppressed.has(i));
  const unshownCount = unshown.filter(Boolean).length;
  const loneSmall = unshownCount === 1 && cells.some((c, i) => unshown[i] && isSmall(c.count, threshold));
  if (loneSmall) {
    let pick = -1;
    cells.forEach((c, i) => {
      if (!unshown[i] && c.count > 0 && (pick < 0 || c.count < cells[pick].count)) pick = i;
    });
    if (pick >= 0) suppressed.add(pick);
  }
  return cells.flatMap((c, i) => (c.hidden ? [] : [{ key: c.key, label: c.label, count: suppressed.has(i) ? null : c.count, suppressed: suppressed.has(i) }]));
}
