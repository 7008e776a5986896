/**
 * The insight rollups stay equal to the direct aggregates (GROUP BY over member, written here independently of the
 * migration's SQL: reachable by SMS is read from member_phone, not from has_mobile) after inserts, updates, deletes,
 * phone changes, a real import through the API, a merge and its unmerge, with and without folding; an update that
 * changes nothing counted writes no delta; concurrent writers of one organisation do not wait for each other, nor for
 * the fold; the API answers exactly right after a write (no fold needed).
 */
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { importFile } from './support/imports';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let db: Client;
let organiser: TestUser;

const DIRECT = `
  WITH m AS (SELECT *, COALESCE(region, '') AS r, COALESCE(branch, '') AS b FROM member),
  facts AS (
              SELECT organisation_id, r, b, 'TOTAL' AS dim, '' AS k FROM m
    UNION ALL SELECT organisation_id, r, b, 'STATUS', status::text FROM m
    UNION ALL SELECT organisation_id, r, b, 'REGION', r FROM m
    UNION ALL SELECT organisation_id, r, b, 'BRANCH', b FROM m
    UNION ALL SELECT organisation_id, r, b, 'WORKPLACE', COALESCE(workplace, '') FROM m
    UNION ALL SELECT organisation_id, r, b, 'EMPLOYER', COALESCE(employer, '') FROM m
    UNION ALL SELECT organisation_id, r, b, 'JOINED', to_char(joined_on, 'YYYY-MM') FROM m WHERE joined_on IS NOT NULL
    UNION ALL SELECT organisation_id, r, b, 'LEFT', to_char(left_on, 'YYYY-MM') FROM m WHERE left_on IS NOT NULL
    UNION ALL SELECT organisation_id, r, b, 'EXIT', to_char(CASE WHEN left_on > joined_on THEN left_on ELSE joined_on END, 'YYYY-MM') FROM m
               WHERE joined_on IS NOT NULL AND left_on IS NOT NULL
    UNION ALL SELECT organisation_id, r, b, 'SMS_CONSENT', sms_consent::text FROM m
    UNION ALL SELECT organisation_id, r, b, 'EMAIL_CONSENT', email_consent::text FROM m
    UNION ALL SELECT organisation_id, r, b, 'SMS_REACHABLE', 'true' FROM m WHERE sms_consent = 'GRANTED'
               AND EXISTS (SELECT 1 FROM member_phone p WHERE p.organisation_id = m.organisation_id AND p.member_id = m.id AND p.type = 'MOBILE')
    UNION ALL SELECT organisation_id, r, b, 'EMAIL_REACHABLE', 'true' FROM m WHERE email IS NOT NULL AND email_consent = 'GRANTED'
    UNION ALL SELECT organisation_id, r, b, 'ISSUE', i FROM m CROSS JOIN LATERAL (SELECT DISTINCT unnest(m.issues) AS i) x
  ),
  direct AS (
              SELECT organisation_id, dim, 0 AS lvl, '' AS r, '' AS b, k, count(*) AS n FROM facts GROUP BY organisation_id, dim, k
    UNION ALL SELECT organisation_id, dim, 1, r, '', k, count(*) FROM facts GROUP BY organisation_id, dim, r, k
    UNION ALL SELECT organisation_id, dim, 2, '', b, k, count(*) FROM facts GROUP BY organisation_id, dim, b, k
    UNION ALL SELECT organisation_id, dim, 3, r, b, k, count(*) FROM facts GROUP BY organisation_id, dim, r, b, k
  ),
  rolled AS (
    SELECT organisation_id, dimension AS dim, level AS lvl, region AS r, branch AS b, key AS k, sum(n) AS n FROM (
      SELECT organisation_id, dimension, level, region, branch, key, count AS n FROM insight_rollup
      UNION ALL
      SELECT d.organisation_id, d.dimension, lv.level, CASE WHEN lv.level IN (1, 3) THEN u.region ELSE '' END,
             CASE WHEN lv.level IN (2, 3) THEN u.branch ELSE '' END, u.key, u.n
        FROM insight_rollup_delta d CROSS JOIN LATERAL unnest(d.regions, d.branches, d.keys, d.deltas) AS u(region, branch, key, n)
             CROSS JOIN (VALUES (0), (1), (2), (3)) AS lv(level)
    ) x GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
  )
  SELECT COALESCE(d.organisation_id, r.organisation_id) AS org, COALESCE(d.dim, r.dim) AS dim, COALESCE(d.lvl, r.lvl) AS lvl,
         COALESCE(d.r, r.r) AS region, COALESCE(d.b, r.b) AS branch, COALESCE(d.k, r.k) AS key, d.n::int AS direct, r.n::int AS rolled
    FROM direct d FULL JOIN rolled r
      ON d.organisation_id = r.organisation_id AND d.dim = r.dim AND d.lvl = r.lvl AND d.r COLLATE "C" = r.r
     AND d.b COLLATE "C" = r.b AND d.k COLLATE "C" = r.k
   WHERE d.n IS DISTINCT FROM r.n
   LIMIT 20`;

async function mismatches(): Promise<unknown[]> {
  return (await db.query(DIRECT)).rows;
}

/** Folds everything pending (the API's own fold job may hold the fold lock for a moment: then wait for it). */
async function fold(): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    await db.query(`SELECT insight_rollup_fold(100000)`);
    if ((await deltaRows()) === 0) return;
    if (Date.now() > until) throw new Error('deltas still pending after 10 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Exact before folding (rollup + pending deltas) and after; no zero rows left behind. */
async function expectExact(step: string): Promise<void> {
  expect([step, await mismatches()]).toEqual([step, []]);
  await fold();
  expect([step, await mismatches()]).toEqual([step, []]);
  expect((await db.query(`SELECT count(*)::int AS n FROM insight_rollup_delta`)).rows[0].n).toBe(0);
  expect((await db.query(`SELECT count(*)::int AS n FROM insight_rollup WHERE count = 0`)).rows[0].n).toBe(0);
}

async function deltaRows(): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM insight_rollup_delta`)).rows[0].n;
}

async function apiTotal(scope: Record<string, unknown> | null = null): Promise<number | null> {
  const res = await t.gql<{ insights: { total: { count: number | null } } }>(
    `query($org: ID!, $scope: InsightsScopeInput) { insights(organisationId: $org, scope: $scope) { total { count } } }`, { org: UNION_ID, scope });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.insights.total.count;
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, buildFixture(120));
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('rollups equal the direct aggregates', () => {
  it('after inserts (the fixture, one row at a time) and a multi-row INSERT', async () => {
    await expectExact('fixture');
    expect((await db.query(`SELECT count(*)::int AS n FROM insight_rollup`)).rows[0].n).toBeGreaterThan(100);
    // The check can fail: one rollup row off by one is seen.
    await db.query(`UPDATE insight_rollup SET count = count + 1 WHERE organisation_id = $1 AND dimension = 'STATUS' AND level = 3 AND key = 'ACTIVE'
                      AND region = 'Wales' AND branch = 'Cardiff'`, [UNION_ID]);
    expect(await mismatches()).toEqual([expect.objectContaining({ dim: 'STATUS', lvl: 3, region: 'Wales', branch: 'Cardiff', key: 'ACTIVE' })]);
    await db.query(`UPDATE insight_rollup SET count = count - 1 WHERE organisation_id = $1 AND dimension = 'STATUS' AND level = 3 AND key = 'ACTIVE'
                      AND region = 'Wales' AND branch = 'Cardiff'`, [UNION_ID]);
    expect(await mismatches()).toEqual([]);
    await db.query(`INSERT INTO member (organisation_id, id, first_name, last_name, region, branch, workplace, status, joined_on, left_on, issues, sms_consent, email, email_consent)
      SELECT $1, gen_random_uuid(), 'Bulk', 'Member' || g, (ARRAY['Wales', 'Scotland', NULL])[1 + g % 3], 'Bulk ' || (g % 4), NULL,
             (ARRAY['ACTIVE', 'LAPSED', 'LEFT'])[1 + g % 3]::member_status, date '2020-01-15' + g, CASE WHEN g % 3 = 2 THEN date '2019-12-01' + g * 2 END,
             ARRAY['pay', 'pay', 'bulk ' || (g % 2)], 'GRANTED', CASE WHEN g % 2 = 0 THEN 'b' || g || '@example.org' END, 'GRANTED'
        FROM generate_series(1, 400) g`, [UNION_ID]);
    await expectExact('bulk insert');
  });

  it('after multi-row updates of every counted column, and none after an update that changes nothing counted', async () => {
    await fold();
    await db.query(`UPDATE member SET engagement_score = engagement_score + 1, updated_at = now() WHERE organisation_id = $1`, [UNION_ID]);
    expect(await deltaRows()).toBe(0);
    await db.query(`UPDATE member SET status = 'LAPSED', region = 'Scotland' WHERE organisation_id = $1 AND status = 'ACTIVE' AND branch = 'Leeds 1'`, [UNION_ID]);
    await db.query(`UPDATE member SET sms_consent = 'WITHDRAWN', email_consent = 'UNKNOWN' WHERE organisation_id = $1 AND first_name = 'Mary'`, [UNION_ID]);
    await db.query(`UPDATE member SET issues = array_append(issues, 'housing'), workplace = NULL, employer = 'Agency' WHERE organisation_id = $1 AND last_name = 'Jones'`, [UNION_ID]);
    await db.query(`UPDATE member SET left_on = date '2026-01-20', status = 'LEFT' WHERE organisation_id = $1 AND last_name = 'Patel' AND left_on IS NULL`, [UNION_ID]);
    await db.query(`UPDATE member SET joined_on = NULL WHERE organisation_id = $1 AND first_name = 'Owen'`, [UNION_ID]);
    await db.query(`UPDATE member SET joined_on = date '2027-03-01' WHERE organisation_id = $1 AND first_name = 'Aisha' AND left_on IS NOT NULL`, [UNION_ID]);
    await db.query(`UPDATE member SET email = NULL WHERE organisation_id = $1 AND first_name = 'Sean'`, [UNION_ID]);
    await db.query(`UPDATE member SET branch = NULL, region = NULL WHERE organisation_id = $1 AND first_name = 'Jo'`, [UNION_ID]);
    await expectExact('updates');
  });

  it('after phone changes (has_mobile kept by member_phone triggers) and deletes', async () => {
    const { rows } = await db.query(`SELECT id FROM member WHERE organisation_id = $1 AND sms_consent = 'GRANTED' AND NOT has_mobile LIMIT 5`, [UNION_ID]);
    expect(rows.length).toBeGreaterThan(0);
    for (const [i, r] of rows.entries()) {
      await db.query(`INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position) VALUES ($1, $2, $3, $4, 'MOBILE', true, 0)`,
        [UNION_ID, uuidv7(), r.id, `+4477008${String(i).padStart(5, '0')}`]);
    }
    await expectExact('mobiles added');
    await db.query(`DELETE FROM member_phone WHERE organisation_id = $1 AND member_id IN (SELECT id FROM member WHERE organisation_id = $1 AND first_name = 'John')`, [UNION_ID]);
    await db.query(`UPDATE member_phone SET type = 'LANDLINE' WHERE organisation_id = $1 AND member_id IN (SELECT id FROM member WHERE organisation_id = $1 AND first_name = 'Priya')`, [UNION_ID]);
    await expectExact('mobiles removed');
    await db.query(`DELETE FROM member WHERE organisation_id = $1 AND (last_name = 'Evans' OR first_name = 'Bulk' AND last_name LIKE '%7')`, [UNION_ID]);
    await expectExact('deletes');
  });

  it('after a real import through the API', async () => {
    const header = 'Membership No,First Name,Last Name,Email,Mobile,Branch,Tags,Issues,SMS Opt In,Email Opt In';
    const rows = Array.from({ length: 60 }, (_, i) => `R${i},Rita${i},Roll,rita${i}@roll.example.org,07400 ${String(100000 + i)},${i % 2 ? 'Leeds 1' : 'Import Branch'},,${i % 3 ? 'pay' : 'pay;safety'},${i % 2 ? 'yes' : 'no'},yes`);
    await fold();
    const before = await apiTotal();
    const { done } = await importFile(t, UNION_ID, Buffer.from([header, ...rows].join('\n') + '\n'), organiser.headers);
    expect(done.progress.created).toBe(60);
    // The API answers the new total at once (pending deltas are read too), before any fold.
    expect(await apiTotal()).toBe(before! + 60);
    expect(await apiTotal({ branch: 'Import Branch' })).toBe(30);
    await expectExact('import');
    // Updating the same rows through a second import.
    const again = rows.map((r) => r.replace(',yes,yes', ',no,no'));
    await importFile(t, UNION_ID, Buffer.from([header, ...again].join('\n') + '\n'), organiser.headers);
    await expectExact('re-import');
  });

  it('after a merge and its unmerge through the API', async () => {
    const { rows } = await db.query(`SELECT id FROM member WHERE organisation_id = $1 AND last_name = 'Roll' ORDER BY membership_number LIMIT 3`, [UNION_ID]);
    const merged = await t.gql<{ mergeMembers: { id: string } }>(`mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { id } }`,
      { input: { organisationId: UNION_ID, survivorId: rows[0].id, mergedIds: [rows[1].id, rows[2].id] } }, organiser.headers);
    expect(merged.body.errors).toBeUndefined();
    await expectExact('merge');
    const undone = await t.gql(`mutation($id: ID!) { unmergeMembers(mergeId: $id) { id } }`, { id: merged.body.data!.mergeMembers.id }, organiser.headers);
    expect(undone.body.errors).toBeUndefined();
    await expectExact('unmerge');
  });

  it('the API process folds pending deltas by itself (the fold job)', async () => {
    await db.query(`UPDATE member SET region = 'Fold Region' WHERE organisation_id = $1 AND last_name = 'Roll'`, [UNION_ID]);
    expect(await deltaRows()).toBeGreaterThan(0);
    const until = Date.now() + 15_000;
    while ((await deltaRows()) > 0) {
      if (Date.now() > until) throw new Error('the fold job did not fold within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await mismatches()).toEqual([]);
  });

  it('keeps the other organisation untouched by the union\'s writes', async () => {
    const { rows } = await db.query(`SELECT count::int AS n FROM insight_rollup WHERE organisation_id = $1 AND dimension = 'TOTAL' AND level = 0`, [OTHER_ID]);
    expect(rows[0].n).toBe((await db.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [OTHER_ID])).rows[0].n);
  });
});

describe('ranked panels with pending deltas', () => {
  it('breakdowns and top issues are exact while deltas wait to be folded (a key moving into or out of the top)', async () => {
    await fold();
    expect((await t.gql(`mutation($org: ID!) { updateInsightSettings(organisationId: $org, suppressionThreshold: 0) { suppressionThreshold } }`, { org: UNION_ID })).body.errors).toBeUndefined();
    const paused = new Client({ connectionString: t.databaseUrl });
    await paused.connect();
    try {
      // Hold the fold's lock: nothing is folded until released (insight_rollup_fold returns at once).
      await paused.query(`SELECT pg_advisory_lock(hashtext('insight_rollup_fold'))`);
      // Three members in four move to a new employer and get a new issue: only the pending deltas know it.
      await db.query(`UPDATE member SET employer = 'Pending Co', workplace = 'Pending Works', issues = array_append(issues, 'pending issue')
                        WHERE organisation_id = $1 AND get_byte(uuid_send(id), 15) % 4 <> 0`, [UNION_ID]);
      expect(await deltaRows()).toBeGreaterThan(0);
      const res = await t.gql<{ insights: { employer: { rows: { key: string; count: number }[]; otherCount: { count: number }; total: { count: number } };
        workplace: { rows: { key: string; count: number }[] }; topIssues: { key: string; count: number; unit: string }[] } }>(
        `query($org: ID!) { insights(organisationId: $org) { employer: breakdown(dimension: EMPLOYER, limit: 2) { rows { key count } otherCount { count } total { count } }
           workplace: breakdown(dimension: WORKPLACE, limit: 1) { rows { key count } } topIssues(limit: 2, by: REGION) { key count unit } } }`, { org: UNION_ID });
      expect(res.body.errors).toBeUndefined();
      const direct = async (text: string) => (await db.query(text, [UNION_ID])).rows;
      const employers = await direct(`SELECT COALESCE(employer, '') AS key, count(*)::int AS count FROM member WHERE organisation_id = $1 GROUP BY 1 ORDER BY 2 DESC, COALESCE(employer, '') COLLATE "C"`);
      const p = res.body.data!.insights;
      expect(p.employer.rows).toEqual(employers.slice(0, 2));
      expect(p.employer.rows[0].key).toBe('Pending Co');
      expect(p.employer.otherCount.count).toBe(employers.slice(2).reduce((n: number, r: { count: number }) => n + r.count, 0));
      expect(p.employer.total.count).toBe(employers.reduce((n: number, r: { count: number }) => n + r.count, 0));
      expect(p.workplace.rows).toEqual((await direct(`SELECT COALESCE(workplace, '') AS key, count(*)::int AS count FROM member WHERE organisation_id = $1 GROUP BY 1 ORDER BY 2 DESC, COALESCE(workplace, '') COLLATE "C" LIMIT 1`)));
      const issues = await direct(`SELECT unit, key, count FROM (SELECT COALESCE(region, '') AS unit, i AS key, count(*)::int AS count,
          row_number() OVER (PARTITION BY COALESCE(region, '') ORDER BY count(*) DESC, i COLLATE "C") AS rn
          FROM member, LATERAL (SELECT DISTINCT unnest(issues) AS i) x WHERE organisation_id = $1 GROUP BY 1, 2) r WHERE rn <= 2 ORDER BY unit COLLATE "C", rn`);
      expect(p.topIssues.map((r) => ({ unit: r.unit, key: r.key, count: r.count }))).toEqual(issues);
      expect(p.topIssues.some((r) => r.key === 'pending issue')).toBe(true);
    } finally {
      await paused.query(`SELECT pg_advisory_unlock(hashtext('insight_rollup_fold'))`);
      await paused.end();
    }
    await expectExact('after the pause');
  });
});

describe('concurrency', () => {
  async function client(): Promise<Client> {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    return c;
  }

  it('two writers updating members of one organisation (same counted cells) do not wait for each other, nor for the fold', async () => {
    await fold();
    const { rows } = await db.query(`SELECT id FROM member WHERE organisation_id = $1 AND status = 'ACTIVE' AND region = 'Wales' ORDER BY id LIMIT 2`, [UNION_ID]);
    expect(rows).toHaveLength(2);
    const [a, b] = [await client(), await client()];
    try {
      await a.query(`BEGIN`);
      await a.query(`UPDATE member SET status = 'LAPSED' WHERE organisation_id = $1 AND id = $2`, [UNION_ID, rows[0].id]);
      // The first transaction stays open holding its delta row; the second must not block on anything of it.
      await b.query(`SET lock_timeout = '2s'`);
      const started = Date.now();
      await b.query(`BEGIN`);
      await b.query(`UPDATE member SET status = 'LAPSED' WHERE organisation_id = $1 AND id = $2`, [UNION_ID, rows[1].id]);
      await b.query(`INSERT INTO member (organisation_id, id, first_name, last_name, region, status) VALUES ($1, gen_random_uuid(), 'Con', 'Current', 'Wales', 'ACTIVE')`, [UNION_ID]);
      await b.query(`COMMIT`);
      // The fold runs while a writer is open: it folds what is committed and leaves the rest.
      await b.query(`SELECT insight_rollup_fold(100000)`);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await mismatches()).toEqual([]);
      await a.query(`COMMIT`);
      await expectExact('concurrent writers');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('many concurrent single-row writers of one organisation finish and stay exact', async () => {
    const { rows } = await db.query(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id LIMIT 40`, [UNION_ID]);
    const writers = await Promise.all(Array.from({ length: 8 }, () => client()));
    try {
      await Promise.all(writers.map(async (c, w) => {
        await c.query(`SET lock_timeout = '5s'`);
        for (let i = w; i < rows.length; i += writers.length) {
          await c.query(`UPDATE member SET sms_consent = CASE sms_consent WHEN 'GRANTED' THEN 'WITHDRAWN'::consent_status ELSE 'GRANTED'::consent_status END,
            issues = array_append(issues, 'w${w}') WHERE organisation_id = $1 AND id = $2`, [UNION_ID, rows[i].id]);
          if (i % 3 === 0) await c.query(`SELECT insight_rollup_fold(1000)`);
        }
      }));
    } finally {
      await Promise.all(writers.map((c) => c.end()));
    }
    await expectExact('concurrent single-row writers');
  });
});
