/**
 * The insights API against a real database: every panel equals what the fixture members say (computed here in
 * TypeScript, not by the API's SQL), scoped by region and branch; scope errors; small-number suppression and its
 * setting; and another organisation's user or API key gets NOT_FOUND for every field and scope.
 */
import type { Client } from 'pg';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID, type FixtureMember } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(80);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
let t: TestApp;
let db: Client;
let clientAdmin: TestUser;
let otherViewer: TestUser;

interface Count { key: string; label: string; count: number | null; suppressed: boolean }
const COUNT = 'key label count suppressed';
const PANELS = `asOf suppressionThreshold total { ${COUNT} }
  status: breakdown(dimension: STATUS) { rows { ${COUNT} } otherCount { ${COUNT} } total { ${COUNT} } }
  region: breakdown(dimension: REGION) { rows { ${COUNT} } otherCount { ${COUNT} } total { ${COUNT} } }
  branch: breakdown(dimension: BRANCH) { rows { ${COUNT} } otherCount { ${COUNT} } total { ${COUNT} } }
  workplace: breakdown(dimension: WORKPLACE) { rows { ${COUNT} } otherCount { ${COUNT} } total { ${COUNT} } }
  employer: breakdown(dimension: EMPLOYER, limit: 1) { rows { ${COUNT} } otherCount { ${COUNT} } total { ${COUNT} } }
  topIssues(limit: 10) { ${COUNT} unit unitType unitLabel }
  issuesByRegion: topIssues(limit: 2, by: REGION) { ${COUNT} unit unitType unitLabel }
  issueChanges(limit: 10) { since until rows { key label change now { ${COUNT} } before { ${COUNT} } } }
  reach { total { ${COUNT} } smsReachable { ${COUNT} } emailReachable { ${COUNT} } smsConsent { ${COUNT} } emailConsent { ${COUNT} } }
  membershipByMonth(months: 240) { month total { ${COUNT} } joiners { ${COUNT} } leavers { ${COUNT} } net { ${COUNT} } }`;
const INSIGHTS = `query($org: ID!, $scope: InsightsScopeInput) { insights(organisationId: $org, scope: $scope) { ${PANELS} } }`;

interface Panels {
  asOf: string;
  suppressionThreshold: number;
  total: Count;
  status: { rows: Count[]; otherCount: Count; total: Count };
  region: { rows: Count[]; otherCount: Count; total: Count };
  branch: { rows: Count[]; otherCount: Count; total: Count };
  workplace: { rows: Count[]; otherCount: Count; total: Count };
  employer: { rows: Count[]; otherCount: Count; total: Count };
  topIssues: (Count & { unit: string | null })[];
  issuesByRegion: (Count & { unit: string | null; unitType: string | null })[];
  issueChanges: { since: string | null; until: string | null; rows: { key: string; change: number | null; now: Count; before: Count | null }[] };
  reach: { total: Count; smsReachable: Count; emailReachable: Count; smsConsent: Count[]; emailConsent: Count[] };
  membershipByMonth: { month: string; total: Count; joiners: Count; leavers: Count; net: Count }[];
}

const tally = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
const asMap = (rows: Count[]) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
const londonMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).format(new Date());

async function panels(scope: Record<string, unknown> | null, headers?: Record<string, string>, org = UNION_ID) {
  return t.gql<{ insights: Panels }>(INSIGHTS, { org, scope }, headers);
}

async function setThreshold(n: number, headers: Record<string, string> = clientAdmin.headers, org = UNION_ID) {
  return t.gql<{ updateInsightSettings: { organisationId: string; suppressionThreshold: number } }>(
    `mutation($org: ID!, $n: Int!) { updateInsightSettings(organisationId: $org, suppressionThreshold: $n) { organisationId suppressionThreshold } }`,
    { org, n }, headers);
}

/** Every figure the API should give for these members, unsuppressed. */
function expected(members: FixtureMember[]) {
  const issues = tally(members.flatMap((m) => [...new Set(m.issues)]));
  const month = londonMonth();
  return {
    total: members.length,
    status: tally(members.map((m) => m.status)),
    region: tally(members.map((m) => m.region ?? '')),
    branch: tally(members.map((m) => m.branch ?? '')),
    workplace: tally(members.map((m) => m.workplace ?? '')),
    issues,
    smsReachable: members.filter((m) => m.phones.some((p) => p.type === 'MOBILE') && m.smsConsent === 'GRANTED').length,
    emailReachable: members.filter((m) => m.emails.length > 0 && m.emailConsent === 'GRANTED').length,
    smsConsent: tally(members.map((m) => m.smsConsent)),
    emailConsent: tally(members.map((m) => m.emailConsent)),
    monthEnd: (ym: string) => members.filter((m) => m.joinedOn && m.joinedOn.slice(0, 7) <= ym && !(m.leftOn && m.leftOn.slice(0, 7) <= ym)).length,
    joiners: (ym: string) => members.filter((m) => m.joinedOn?.slice(0, 7) === ym).length,
    leavers: (ym: string) => members.filter((m) => m.leftOn?.slice(0, 7) === ym).length,
    month,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  clientAdmin = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_ADMIN' }]);
  otherViewer = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'CLIENT_VIEWER' }]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('insights panels', () => {
  it('equal the fixture members, with suppression off', async () => {
    expect((await setThreshold(0)).body.errors).toBeUndefined();
    const res = await panels(null, clientAdmin.headers);
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data!.insights;
    const e = expected(union);
    expect(p.suppressionThreshold).toBe(0);
    expect(Date.parse(p.asOf)).toBeGreaterThan(Date.now() - 60_000);
    expect(p.total).toEqual({ key: 'TOTAL', label: 'Members', count: e.total, suppressed: false });
    expect(asMap(p.status.rows)).toEqual(e.status);
    expect(p.status.rows.find((r) => r.key === 'ACTIVE')!.label).toBe('Active');
    expect(asMap(p.region.rows)).toEqual(e.region);
    expect(p.region.rows.find((r) => r.key === '')!.label).toBe('Unknown');
    expect(asMap(p.branch.rows)).toEqual(e.branch);
    expect(asMap(p.workplace.rows)).toEqual(e.workplace);
    // limit 1: the larger employer, the other one in otherCount.
    const employers = Object.entries(tally(union.map((m) => m.employer ?? ''))).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(p.employer.rows).toEqual([{ key: employers[0][0], label: employers[0][0], count: employers[0][1], suppressed: false }]);
    expect(p.employer.otherCount.count).toBe(employers.slice(1).reduce((s, [, n]) => s + n, 0));
    expect(p.employer.total.count).toBe(e.total);
    // Largest first.
    const counts = p.status.rows.map((r) => r.count!);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    expect(Object.fromEntries(p.topIssues.map((r) => [r.key, r.count]))).toEqual(e.issues);
    expect(p.topIssues.every((r) => r.unit === null)).toBe(true);
    for (const region of new Set(union.map((m) => m.region ?? ''))) {
      const inRegion = Object.entries(tally(union.filter((m) => (m.region ?? '') === region).flatMap((m) => [...new Set(m.issues)])))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2);
      expect(p.issuesByRegion.filter((r) => r.unit === region).map((r) => [r.key, r.count])).toEqual(inRegion);
    }
    expect(p.issuesByRegion.every((r) => r.unitType === 'REGION')).toBe(true);

    expect(p.reach.total.count).toBe(e.total);
    expect(p.reach.smsReachable.count).toBe(e.smsReachable);
    expect(p.reach.emailReachable.count).toBe(e.emailReachable);
    expect(p.reach.smsConsent.map((c) => c.key)).toEqual(['GRANTED', 'WITHDRAWN', 'UNKNOWN']);
    expect(asMap(p.reach.smsConsent)).toEqual({ GRANTED: 0, WITHDRAWN: 0, UNKNOWN: 0, ...e.smsConsent });
    expect(asMap(p.reach.emailConsent)).toEqual({ GRANTED: 0, WITHDRAWN: 0, UNKNOWN: 0, ...e.emailConsent });

    const months = p.membershipByMonth;
    expect(months).toHaveLength(240);
    expect(months[months.length - 1].month).toBe(e.month);
    for (const m of months) {
      expect([m.month, m.total.count, m.joiners.count, m.leavers.count, m.net.count])
        .toEqual([m.month, e.monthEnd(m.month), e.joiners(m.month), e.leavers(m.month), e.joiners(m.month) - e.leavers(m.month)]);
    }
    // Today's snapshot exists from the migration/fold, so "before" is known only when a snapshot that old exists.
    expect(p.issueChanges.rows.length).toBeGreaterThan(0);
  });

  it('are restricted to the unit of the scope: a region, a branch, a branch within a region, and a date range', async () => {
    const cases: [Record<string, unknown>, (m: FixtureMember) => boolean][] = [
      [{ region: 'Wales' }, (m) => m.region === 'Wales'],
      [{ branch: 'Leeds 1' }, (m) => m.branch === 'Leeds 1'],
      [{ region: 'North West', branch: 'Leeds 2' }, (m) => m.region === 'North West' && m.branch === 'Leeds 2'],
      [{ region: '' }, (m) => m.region === null],
    ];
    for (const [scope, keep] of cases) {
      const res = await panels(scope, clientAdmin.headers);
      expect(res.body.errors).toBeUndefined();
      const p = res.body.data!.insights;
      const e = expected(union.filter(keep));
      expect([scope, p.total.count]).toEqual([scope, e.total]);
      expect(asMap(p.status.rows)).toEqual(e.status);
      expect(asMap(p.branch.rows)).toEqual(e.branch);
      expect(Object.fromEntries(p.topIssues.map((r) => [r.key, r.count]))).toEqual(e.issues);
      expect(p.reach.smsReachable.count).toBe(e.smsReachable);
      for (const m of p.membershipByMonth) expect([m.month, m.total.count, m.joiners.count]).toEqual([m.month, e.monthEnd(m.month), e.joiners(m.month)]);
    }
    const ranged = await panels({ from: '2015-03-10', to: '2016-02-01' }, clientAdmin.headers);
    expect(ranged.body.errors).toBeUndefined();
    const months = ranged.body.data!.insights.membershipByMonth;
    expect(months.map((m) => m.month)).toEqual(['2015-03', '2015-04', '2015-05', '2015-06', '2015-07', '2015-08', '2015-09', '2015-10', '2015-11', '2015-12', '2016-01', '2016-02']);
    const e = expected(union);
    for (const m of months) expect([m.month, m.total.count, m.joiners.count]).toEqual([m.month, e.monthEnd(m.month), e.joiners(m.month)]);
  });

  it('refuse a bad scope with VALIDATION_FAILED and the path', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ from: '2025-02-01', to: '2025-01-01' }, 'scope.from'],
      [{ region: 'Atlantis' }, 'scope.region'],
      [{ branch: 'Nowhere' }, 'scope.branch'],
      [{ region: 'Wales', branch: 'Nowhere' }, 'scope.branch'],
      [{ from: '1900-01-01', to: '2025-01-01' }, 'scope.from'],
    ];
    for (const [scope, path] of cases) {
      const res = await t.gql(`query($org: ID!, $scope: InsightsScopeInput) { insights(organisationId: $org, scope: $scope) { total { count } membershipByMonth { month } } }`,
        { org: UNION_ID, scope }, clientAdmin.headers);
      expect([scope, res.body.errors?.[0].extensions.code, res.body.errors?.[0].extensions.fields?.map((f) => f.path)]).toEqual([scope, 'VALIDATION_FAILED', [path]]);
    }
    const limit = await t.gql(`query($org: ID!) { insights(organisationId: $org) { breakdown(dimension: STATUS, limit: 0) { total { count } } } }`, { org: UNION_ID }, clientAdmin.headers);
    expect(limit.body.errors?.[0].extensions.fields?.[0].path).toBe('limit');
  });
});

describe('suppression', () => {
  it('never returns a count from 1 to threshold − 1, and hides a second cell where one could be recomputed', async () => {
    expect((await setThreshold(5)).body.errors).toBeUndefined();
    const res = await panels(null, clientAdmin.headers);
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data!.insights;
    expect(p.suppressionThreshold).toBe(5);
    const all: Count[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if ('suppressed' in v && 'count' in v) all.push(v as Count);
        Object.values(v).forEach(walk);
      }
    };
    walk(p);
    expect(all.length).toBeGreaterThan(100);
    for (const c of all) {
      if (c.suppressed) expect(c.count).toBeNull();
      else expect(c.count === 0 || Math.abs(c.count!) >= 5 || c.label === 'Net').toBe(true);
    }
    // Every small true count the API had is suppressed (checked against the fixture): branches in Wales.
    const wales = await panels({ region: 'Wales' }, clientAdmin.headers);
    const e = expected(union.filter((m) => m.region === 'Wales'));
    for (const row of wales.body.data!.insights.branch.rows) {
      const n = e.branch[row.key];
      if (n < 5) expect(row).toEqual({ key: row.key, label: row.label, count: null, suppressed: true });
    }
    // A partition with exactly one small cell hides one more, so total − shown cells never gives a small count.
    for (const b of [p.status, p.region, p.branch, p.workplace, p.employer, wales.body.data!.insights.branch]) {
      const cells = [...b.rows, b.otherCount];
      const hidden = cells.filter((c) => c.suppressed);
      expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    }
    // The suppressed rows come after every shown row, by key (their order says nothing of their size).
    const rows = wales.body.data!.insights.branch.rows;
    const firstHidden = rows.findIndex((r) => r.suppressed);
    if (firstHidden >= 0) {
      expect(rows.slice(firstHidden).every((r) => r.suppressed)).toBe(true);
      const keys = rows.slice(firstHidden).map((r) => r.key);
      expect(keys).toEqual([...keys].sort());
    }
  });

  it('updateInsightSettings needs insights:configure, validates, and is audit-logged', async () => {
    const organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect((await setThreshold(3, organiser.headers)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const viewer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }]);
    expect((await setThreshold(3, viewer.headers)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await setThreshold(3, otherViewer.headers)).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const bad = await setThreshold(-1);
    expect([bad.body.errors?.[0].extensions.code, bad.body.errors?.[0].extensions.fields?.[0].path]).toEqual(['VALIDATION_FAILED', 'suppressionThreshold']);
    const ok = await setThreshold(7);
    expect(ok.body.data!.updateInsightSettings).toEqual({ organisationId: UNION_ID, suppressionThreshold: 7 });
    const viewerSees = await t.gql<{ insights: { suppressionThreshold: number } }>(`query($org: ID!) { insights(organisationId: $org) { suppressionThreshold } }`, { org: UNION_ID }, viewer.headers);
    expect(viewerSees.body.data!.insights.suppressionThreshold).toBe(7);
    const { rows } = await db.query(`SELECT details, target_type FROM audit_event WHERE organisation_id = $1 AND action = 'insights.settings.update' ORDER BY created_at DESC, id DESC LIMIT 1`, [UNION_ID]);
    expect(rows[0]).toEqual({ target_type: 'insight_setting', details: { suppressionThreshold: 7, previous: 5 } });
    // The other organisation keeps the default.
    const other = await t.gql<{ insights: { suppressionThreshold: number } }>(`query($org: ID!) { insights(organisationId: $org) { suppressionThreshold } }`, { org: OTHER_ID }, otherViewer.headers);
    expect(other.body.data!.insights.suppressionThreshold).toBe(5);
    await setThreshold(5);
  });
});

describe('cross-organisation', () => {
  it('a client viewer or an API key of another organisation gets NOT_FOUND for any field and any scope, and nothing else', async () => {
    const key = await createTestApiKey(t.databaseUrl, OTHER_ID, 'CLIENT_VIEWER');
    const fields = ['total { count }', 'suppressionThreshold', 'breakdown(dimension: REGION) { rows { key count } }', 'reach { total { count } }',
      'topIssues(by: BRANCH) { key }', 'issueChanges { rows { key } }', 'membershipByMonth { month }', 'asOf'];
    const scopes = [null, { region: 'Wales' }, { region: 'Atlantis' }, { from: '2025-02-01', to: '2025-01-01' }, { branch: 'Leeds 1' }];
    for (const headers of [otherViewer.headers, key.headers]) {
      for (const field of fields) {
        for (const scope of scopes) {
          const res = await t.gql(`query($org: ID!, $scope: InsightsScopeInput) { insights(organisationId: $org, scope: $scope) { ${field} } }`,
            { org: UNION_ID, scope }, headers);
          expect([field, scope, res.body.errors?.[0].extensions.code, res.body.data]).toEqual([field, scope, 'NOT_FOUND', null]);
        }
      }
    }
    // Their own organisation answers, and holds nothing of the union's.
    const own = await panels(null, otherViewer.headers, OTHER_ID);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.insights.total.count).toBe(fixture.members.length - union.length);
    // A region only the union has is "not in this organisation" for the other one (no hint it exists elsewhere).
    const onlyUnion = [...new Set(union.map((m) => m.region).filter((r): r is string => r !== null))]
      .find((r) => !fixture.members.some((m) => m.organisationId === OTHER_ID && m.region === r));
    if (onlyUnion) {
      const res = await panels({ region: onlyUnion }, otherViewer.headers, OTHER_ID);
      expect(res.body.errors?.[0].extensions.fields?.[0].path).toBe('scope.region');
    }
  });
});
