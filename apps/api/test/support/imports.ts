/**
 * Helpers for the import tests: upload a file through POST /imports, drive the GraphQL import API and wait
 * for the background job.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from './test-app';

export const FIXTURES = join(__dirname, '..', '..', '..', '..', 'packages', 'domain', 'test-fixtures', 'imports');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function manifest(): { files: Record<string, { encoding: string; delimiter: string; hasHeader: boolean; dataRows: number; accepted: number; rejected: number; rejectedLines: number[]; mapping: string[] }> } {
  return JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8'));
}

export const IMPORT_FIELDS_SELECTION = `id organisationId fileName byteSize encoding delimiter hasHeader status
  columns { index header samples field suggested } matchOrder keepExisting
  dryRun { total done created updated unchanged rejected } dryRunSamples { rowNumber outcome summary reasons }
  progress { total done created updated unchanged rejected } rowsPerSecond secondsLeft startedAt finishedAt durationSeconds
  createdBy createdAt error rejectsUrl`;

export interface ImportView {
  id: string;
  organisationId: string;
  fileName: string;
  byteSize: number;
  encoding: string;
  delimiter: string;
  hasHeader: boolean;
  status: string;
  columns: { index: number; header: string; samples: string[]; field: string; suggested: string }[];
  matchOrder: string[];
  keepExisting: string[];
  dryRun: Counts | null;
  dryRunSamples: { rowNumber: number; outcome: string; summary: string; reasons: string[] }[];
  progress: Counts;
  rowsPerSecond: number | null;
  secondsLeft: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  createdBy: string;
  error: string | null;
  rejectsUrl: string | null;
}

export interface Counts { total: number; done: number; created: number; updated: number; unchanged: number; rejected: number }

export async function upload(t: TestApp, organisationId: string, body: Buffer, fileName = 'members.csv', headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/imports?organisationId=${encodeURIComponent(organisationId)}&fileName=${encodeURIComponent(fileName)}`,
    headers: { 'content-type': 'text/csv', ...headers },
    payload: body,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as { data: { memberImport: { id: string } } | null; errors?: { message: string; extensions: { code: string } }[] } };
}

export async function getImport(t: TestApp, id: string, headers?: Record<string, string>): Promise<ImportView> {
  const res = await t.gql<{ memberImport: ImportView }>(`query($id: ID!) { memberImport(id: $id) { ${IMPORT_FIELDS_SELECTION} } }`, { id }, headers);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data!.memberImport;
}

export async function mutate(t: TestApp, name: 'startImportDryRun' | 'startMemberImport' | 'cancelMemberImport', id: string, headers?: Record<string, string>) {
  return t.gql<Record<string, ImportView>>(`mutation($id: ID!) { ${name}(id: $id) { ${IMPORT_FIELDS_SELECTION} } }`, { id }, headers);
}

export async function waitFor(t: TestApp, id: string, statuses: string[], timeoutMs = 60_000, headers?: Record<string, string>): Promise<ImportView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = await getImport(t, id, headers);
    if (statuses.includes(view.status)) return view;
    if (Date.now() > until) throw new Error(`import ${id} still ${view.status} (${JSON.stringify(view.progress)}; error ${view.error})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Upload, dry run, run: the whole flow; returns the finished import. */
export async function importFile(t: TestApp, organisationId: string, body: Buffer, headers: Record<string, string>, configure?: (id: string) => Promise<void>): Promise<{ dry: ImportView; done: ImportView }> {
  const up = await upload(t, organisationId, body, 'members.csv', headers);
  if (up.status !== 201) throw new Error(JSON.stringify(up.body));
  const id = up.body.data!.memberImport.id;
  if (configure) await configure(id);
  const dryStart = await mutate(t, 'startImportDryRun', id, headers);
  if (dryStart.body.errors) throw new Error(JSON.stringify(dryStart.body.errors));
  const dry = await waitFor(t, id, ['DRY_RUN_DONE', 'FAILED'], 60_000, headers);
  if (dry.status !== 'DRY_RUN_DONE') throw new Error(`dry run failed: ${dry.error}`);
  const start = await mutate(t, 'startMemberImport', id, headers);
  if (start.body.errors) throw new Error(JSON.stringify(start.body.errors));
  const done = await waitFor(t, id, ['COMPLETED', 'FAILED'], 60_000, headers);
  if (done.status !== 'COMPLETED') throw new Error(`import failed: ${done.error}`);
  return { dry, done };
}
