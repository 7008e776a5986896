/**
 * Helpers of the export tests: call GET /exports/members.csv in-process, and read CSV back with a
 * parser written here (RFC 4180), independent of the export's own code.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const EXPORT_HEADER = [
  'id', 'membership_number', 'first_name', 'last_name', 'email', 'emails', 'phone', 'phones', 'postcode', 'region',
  'branch', 'workplace', 'employer', 'status', 'joined_on', 'left_on', 'tags', 'issues', 'sms_consent',
  'email_consent', 'support_level', 'engagement_score', 'created_at', 'updated_at',
];

export interface ExportResponse {
  status: number;
  headers: Record<string, unknown>;
  raw: Buffer;
  text: string;
  /** The parsed body when it is an error (JSON), else null. */
  json: { data: null; errors: { message: string; extensions: { code: string; requestId: string; fields?: { path: string }[] } }[] } | null;
}

export function exportUrl(organisationId: string | null, params: Record<string, unknown> = {}): string {
  const q = new URLSearchParams();
  if (organisationId !== null) q.set('organisationId', organisationId);
  for (const [key, value] of Object.entries(params)) q.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return `/exports/members.csv?${q.toString()}`;
}

export async function getExport(app: NestFastifyApplication, url: string, headers: Record<string, string>): Promise<ExportResponse> {
  const res = await app.inject({ method: 'GET', url, headers });
  const raw = res.rawPayload;
  const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
  return { status: res.statusCode, headers: res.headers, raw, text: raw.toString('utf8'), json: isJson ? JSON.parse(raw.toString('utf8')) : null };
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

/** Records as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`a row has ${r.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}
