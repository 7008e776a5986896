/** Helpers shared by the portal end-to-end tests (not a test file: jest matches *.e2e.ts only). */
import type { Page } from 'playwright-core';
import type { TestStack } from '@muster/devstack';

/** What a dashboard shows for a true count n under the small-number rule: the number, or null for "withheld". */
export function shownCount(n: number, threshold: number): number | null {
  return threshold > 0 && n >= 1 && n < threshold ? null : n;
}

/**
 * The rows of a chart's table: key → raw value (data-value, not the formatted text), or null where the cell is
 * suppressed — which must then read exactly "<threshold" and carry no number.
 */
export async function chartTable(p: Page, id: string, threshold: number, series?: string): Promise<Map<string, number | null>> {
  const cell = series ? `td[data-series="${series}"]` : '[data-testid="chart-value"]';
  const rows = await p.$$eval(
    `[data-testid="chart-${id}-table"] tbody tr[data-key]`,
    (trs, sel) => trs.map((tr) => {
      const td = tr.querySelector(sel);
      const suppressed = td?.getAttribute('data-suppressed') === 'true';
      return [tr.getAttribute('data-key') ?? '', suppressed ? null : (td?.getAttribute('data-value') ?? 'NaN'), td?.textContent ?? '', td?.hasAttribute('data-value') ?? false] as const;
    }),
    cell,
  );
  for (const [key, value, text, hasValue] of rows) if (value === null) expect([key, text, hasValue]).toEqual([key, `<${threshold}`, false]);
  return new Map(rows.map(([k, v]) => [k, v === null ? null : Number(v)]));
}

/**
 * A breakdown as docs/insights.md says it is shown, from SQL rows { key, n }: small counts withheld, and when exactly
 * one cell of the partition (rows + "other", which add up to the total shown) is withheld, the smallest shown non-zero
 * cell too, so the withheld one cannot be worked out by subtraction (ties: the first in the API's order, largest
 * first then by key).
 */
export async function sqlPartition(stack: TestStack, threshold: number, sql: string, params: unknown[]): Promise<Map<string, number | null>> {
  const rows = (await stack.query<{ key: string; n: number }>(sql, params)).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hidden = new Set(rows.filter((r) => shownCount(r.n, threshold) === null).map((r) => r.key));
  if (hidden.size === 1) {
    const visible = rows.filter((r) => !hidden.has(r.key) && r.n > 0);
    const smallest = visible.reduce<(typeof visible)[number] | null>((min, r) => (!min || r.n < min.n ? r : min), null);
    if (smallest) hidden.add(smallest.key);
  }
  return new Map(rows.map((r) => [r.key, hidden.has(r.key) ? null : r.n]));
}

/** Counts that are not a partition (issues: a member names several), each under the small-number rule. */
export async function sqlCounts(stack: TestStack, threshold: number, sql: string, params: unknown[]): Promise<Map<string, number | null>> {
  const rows = await stack.query<{ key: string; n: number }>(sql, params);
  return new Map(rows.map((r) => [r.key, shownCount(r.n, threshold)]));
}
