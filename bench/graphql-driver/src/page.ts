// The one piece every target shares: the 50-row keyset page SQL and the Relay-shaped result.
// Keeping it here guarantees the floor and the three GraphQL stacks run byte-identical SQL.
import { Pool } from 'pg';

export const POOL_SIZE = 10;
export const ORG_ID = '00000000-0000-7000-8000-000000000001';

export function makePool(): Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  return new Pool({ connectionString: url, max: POOL_SIZE });
}

// Keyset: the cursor is the sort values + id, so page N costs the same as page 1.
export const FIRST_PAGE_SQL = `SELECT id, first_name, last_name, email, phone, status, region, branch
  FROM bench_members WHERE organisation_id = $1
  ORDER BY last_name, id LIMIT $2`;
export const NEXT_PAGE_SQL = `SELECT id, first_name, last_name, email, phone, status, region, branch
  FROM bench_members WHERE organisation_id = $1 AND (last_name, id) > ($2, $3)
  ORDER BY last_name, id LIMIT $4`;

export interface MemberRow {
  id: string; first_name: string; last_name: string; email: string | null; phone: string | null;
  status: string; region: string; branch: string;
}

export interface MemberNode {
  id: string; firstName: string; lastName: string; email: string | null; phone: string | null;
  status: string; region: string; branch: string;
}

export interface Page {
  edges: { cursor: string; node: MemberNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function encodeCursor(lastName: string, id: string): string {
  return Buffer.from(JSON.stringify([lastName, id])).toString('base64url');
}

export async function fetchPage(pool: Pool, first: number, after?: string | null): Promise<Page> {
  const limit = first + 1;
  let rows: MemberRow[];
  if (after) {
    const [lastName, id] = JSON.parse(Buffer.from(after, 'base64url').toString()) as [string, string];
    rows = (await pool.query<MemberRow>({ name: 'bench_next', text: NEXT_PAGE_SQL, values: [ORG_ID, lastName, id, limit] })).rows;
  } else {
    rows = (await pool.query<MemberRow>({ name: 'bench_first', text: FIRST_PAGE_SQL, values: [ORG_ID, limit] })).rows;
  }
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((r) => ({
    cursor: encodeCursor(r.last_name, r.id),
    node: {
      id: r.id, firstName: r.first_name, lastName: r.last_name, email: r.email, phone: r.phone,
      status: r.status, region: r.region, branch: r.branch,
    },
  }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}
