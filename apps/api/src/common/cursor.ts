/**
 * Opaque cursors: base64url of JSON [sortName, ...sortValues, id]. The sort name is inside so a
 * cursor from one ordering is rejected under another instead of silently skipping rows.
 */
export type CursorValue = string | number | null;

export interface DecodedCursor {
  sort: string;
  values: CursorValue[];
  id: string;
}

export function encodeCursor(sort: string, values: CursorValue[], id: string): string {
  return Buffer.from(JSON.stringify([sort, ...values, id]), 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor we made (callers report VALIDATION_FAILED). */
export function decodeCursor(cursor: string, expectedSort: string, valueCount: number): DecodedCursor | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== valueCount + 2) return null;
  const [sort, ...rest] = parsed as unknown[];
  const id = rest.pop();
  if (sort !== expectedSort || typeof id !== 'string' || !UUID.test(id)) return null;
  if (!rest.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) return null;
  return { sort, values: rest as CursorValue[], id };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
