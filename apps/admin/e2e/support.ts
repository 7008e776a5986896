/** Helpers shared by the admin end-to-end tests (not a test file: jest matches *.e2e.ts only). */
import { CsvParser, isBlankRecord } from '@muster/domain';

/** Whether the API knows a root field: a missing one fails validation ("Cannot query field"), before any auth check. */
export async function apiHasField(apiUrl: string, query: string, field: string): Promise<boolean> {
  const res = await fetch(`${apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ message?: string }> };
  return !(body.errors ?? []).some((e) => (e.message ?? '').includes(`Cannot query field "${field}"`));
}

/** Records of a downloaded CSV, read with the importer's own parser (blank records dropped). */
export function parseCsv(text: string): string[][] {
  const parser = new CsvParser(',');
  return [...parser.push(text), ...parser.end()].filter((r) => !isBlankRecord(r)).map((r) => r.fields);
}
