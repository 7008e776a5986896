import type { Client } from 'pg';
import { DatabaseContextService } from '../src/common/database-context.service';
import { withRequestContext } from '../src/common/request-context';
import { MemberRepository } from '../src/member/member.repository';
import { DataSource } from 'typeorm';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID, type FixtureMember } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture();
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
let t: TestApp;
let db: Client;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

const PAGE = `query Page($org: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: MemberFilter, $orderBy: MemberOrder) {
  members(organisationId: $org, first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id firstName lastName joinedOn createdAt membershipNumber } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface PageData {
  members: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; firstName: string; lastName: string; joinedOn: string | null; createdAt: string; membershipNumber: string | null } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

async function page(variables: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await t.gql<PageData>(PAGE, { org: UNION_ID, ...variables }, headers);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data!.members;
}

async function allIds(filter: Record<string, unknown>): Promise<{ ids: string[]; total: number }> {
  const p = await page({ first: 200, filter });
  return { ids: p.edges.map((e) => e.node.id).sort(), total: p.totalCount };
}

function expectIds(predicate: (m: FixtureMember) => boolean): string[] {
  return union.filter(predicate).map((m) => m.id).sort();
}

describe('members: filters', () => {
  const cases: [string, Record<string, unknown>, (m: FixtureMember) => boolean][] = [
    ['status eq', { status: { eq: 'LAPSED' } }, (m) => m.status === 'LAPSED'],
    ['status in', { status: { in: ['LAPSED', 'LEFT'] } }, (m) => m.status !== 'ACTIVE'],
    ['region eq', { region: { eq: 'Wales' } }, (m) => m.region === 'Wales'],
    ['region in', { region: { in: ['Wales', 'Scotland'] } }, (m) => m.region === 'Wales' || m.region === 'Scotland'],
    ['branch startsWith', { branch: { startsWith: 'Leeds' } }, (m) => !!m.branch?.startsWith('Leeds')],
    ['workplace eq', { workplace: { eq: 'Town Hall' } }, (m) => m.workplace === 'Town Hall'],
    ['employer in', { employer: { in: ['NHS'] } }, (m) => m.employer === 'NHS'],
    ['tags containsAny', { tags: { containsAny: ['rep', 'donor'] } }, (m) => m.tags.includes('rep') || m.tags.includes('donor')],
    ['tags containsAll', { tags: { containsAll: ['rep', 'new'] } }, (m) => m.tags.includes('rep') && m.tags.includes('new')],
    ['issues containsAny', { issues: { containsAny: ['pay'] } }, (m) => m.issues.includes('pay')],
    ['issues containsAll', { issues: { containsAll: ['pay', 'safety'] } }, (m) => m.issues.includes('pay') && m.issues.includes('safety')],
    ['smsConsent eq', { smsConsent: { eq: 'GRANTED' } }, (m) => m.smsConsent === 'GRANTED'],
    ['emailConsent in', { emailConsent: { in: ['WITHDRAWN', 'UNKNOWN'] } }, (m) => m.emailConsent !== 'GRANTED'],
    ['joinedOn range', { joinedOn: { gte: '2015-01-01', lte: '2019-12-31' } }, (m) => !!m.joinedOn && m.joinedOn >= '2015-01-01' && m.joinedOn <= '2019-12-31'],
    ['joinedOn gte only', { joinedOn: { gte: '2020-06-01' } }, (m) => !!m.joinedOn && m.joinedOn >= '2020-06-01'],
    ['fields AND-ed', { status: { eq: 'ACTIVE' }, region: { eq: 'North West' } }, (m) => m.status === 'ACTIVE' && m.region === 'North West'],
    ['or', { or: [{ region: { eq: 'Wales' } }, { branch: { eq: 'Glasgow' } }] }, (m) => m.region === 'Wales' || m.branch === 'Glasgow'],
    ['and', { and: [{ tags: { containsAny: ['rep'] } }, { issues: { containsAny: ['pay'] } }] }, (m) => m.tags.includes('rep') && m.issues.includes('pay')],
    ['not', { not: { status: { eq: 'ACTIVE' } } }, (m) => m.status !== 'ACTIVE'],
    ['nested', { or: [{ not: { smsConsent: { eq: 'GRANTED' } } }, { and: [{ status: { eq: 'LEFT' } }] }] }, (m) => m.smsConsent !== 'GRANTED' || m.status === 'LEFT'],
    ['search surname prefix', { search: 'JOHN' }, (m) => m.lastName.toLowerCase().startsWith('john')],
    ['search surname prefix (short)', { search: 'jo' }, (m) => m.lastName.toLowerCase().startsWith('jo')],
    ['search first + surname', { search: 'mary jo' }, (m) => m.firstName.toLowerCase().startsWith('mary') && m.lastName.toLowerCase().startsWith('jo')],
    ['search "surname, first"', { search: 'Smith, Aisha' }, (m) => m.firstName === 'Aisha' && m.lastName === 'Smith'],
    ['search email prefix any case', { search: 'MARY.JONES' + '@' }, () => false],
    ['search with filter', { search: 'jo', status: { eq: 'ACTIVE' } }, (m) => m.status === 'ACTIVE' && m.lastName.toLowerCase().startsWith('jo')],
    ['nested search', { or: [{ search: 'smith' }, { and: [{ search: '07700900003' }] }] }, (m) => m.lastName === 'Smith' || m.phones.some((p) => p.e164 === '+447700900003')],
  ];

  it.each(cases)('%s', async (_name, filter, predicate) => {
    const expected = expectIds(predicate);
    const { ids, total } = await allIds(filter);
    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('a filter matching nobody still pages cleanly', async () => {
    const p = await page({ filter: { region: { eq: 'Atlantis' } } });
    expect(p).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});

describe('members: search by email and phone typed another way', () => {
  const withPhone = union.find((m) => m.phones.length > 0)!;
  const withEmail = union.find((m) => m.emails.length > 0)!;

  // [how it is typed, how many leading characters of the E.164 form that covers]
  it.each([
    ['national with spaces', (e164: string) => `0${e164.slice(3, 7)} ${e164.slice(7)}`, 13],
    ['international', (e164: string) => `+44 ${e164.slice(3)}`, 13],
    ['00 prefix, partial', (e164: string) => `00${e164.slice(1, 11)}`, 11],
    ['(0) and dashes', (e164: string) => `+44 (0)${e164.slice(3, 7)}-${e164.slice(7)}`, 13],
  ] as const)('phone: %s', async (_name, format, covered) => {
    const e164 = withPhone.phones[0].e164;
    const typed = format(e164);
    const { ids } = await allIds({ search: typed });
    const expected = expectIds((m) => m.phones.some((p) => p.e164.startsWith(e164.slice(0, covered))));
    expect(ids).toContain(withPhone.id);
    expect(ids).toEqual(expected);
  });

  it('matches a second (non-primary) phone', async () => {
    const second = union.find((m) => m.phones.length > 1)!;
    const { ids } = await allIds({ search: '0' + second.phones[1].e164.slice(3) });
    expect(ids).toEqual([second.id]);
  });

  it('email prefix, typed in capitals', async () => {
    const address = withEmail.emails[0];
    const typed = address.slice(0, address.indexOf('@') + 3).toUpperCase();
    const { ids } = await allIds({ search: typed });
    expect(ids).toEqual(expectIds((m) => m.emails.some((e) => e.startsWith(typed.toLowerCase()))));
    expect(ids).toContain(withEmail.id);
  });
});

describe('members: keyset paging', () => {
  const sorts = ['LAST_NAME', 'FIRST_NAME', 'JOINED_ON', 'CREATED_AT', 'MEMBERSHIP_NUMBER'];
  const directions = ['ASC', 'DESC'];
  const key = (m: FixtureMember, field: string): string => {
    switch (field) {
      case 'LAST_NAME':
        return `${m.lastName.toLowerCase()}\u0000${m.firstName.toLowerCase()}`;
      case 'FIRST_NAME':
        return `${m.firstName.toLowerCase()}\u0000${m.lastName.toLowerCase()}`;
      case 'JOINED_ON':
        return m.joinedOn ?? '9999-99-99';
      case 'CREATED_AT':
        return m.createdAt;
      default:
        return m.membershipNumber ?? '';
    }
  };

  for (const field of sorts) {
    for (const direction of directions) {
      it(`${field} ${direction}: forward and backward, with ties, no duplicates and no gaps`, async () => {
        const orderBy = { field, direction };
        const expected = [...union]
          .sort((a, b) => {
            const ka = key(a, field);
            const kb = key(b, field);
            const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
            return direction === 'ASC' ? c : -c;
          })
          .map((m) => m.id);

        const forward: string[] = [];
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const p = await page({ first: 7, after, orderBy });
          forward.push(...p.edges.map((e) => e.node.id));
          expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
          pages++;
          if (!p.pageInfo.hasNextPage) break;
          after = p.pageInfo.endCursor;
        }
        expect(pages).toBe(Math.ceil(union.length / 7));
        expect(forward).toEqual(expected);

        const backward: string[] = [];
        let before: string | null = null;
        for (;;) {
          const p = await page({ last: 7, before, orderBy });
          backward.unshift(...p.edges.map((e) => e.node.id));
          if (!p.pageInfo.hasPreviousPage) break;
          before = p.pageInfo.startCursor;
        }
        expect(backward).toEqual(expected);
      });
    }
  }

  it('refuses a cursor from another ordering and a forged cursor', async () => {
    const p = await page({ first: 2 });
    const res = await t.gql(PAGE, { org: UNION_ID, first: 2, after: p.pageInfo.endCursor, orderBy: { field: 'JOINED_ON', direction: 'ASC' } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'after' }] });
    const forged = await t.gql(PAGE, { org: UNION_ID, after: 'bm90IGEgY3Vyc29y' });
    expect(forged.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('first/last default to 50 and refuse more than 200', async () => {
    expect((await page({})).edges).toHaveLength(50);
    const res = await t.gql(PAGE, { org: UNION_ID, first: 201 });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'first' }] });
    const last = await t.gql(PAGE, { org: UNION_ID, last: 1000 });
    expect(last.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'last' }] });
  });

  it('only the asked organisation: members of another organisation never appear', async () => {
    const ids = (await page({ first: 200 })).edges.map((e) => e.node.id);
    const others = fixture.members.filter((m) => m.organisationId === OTHER_ID).map((m) => m.id);
    expect(ids.filter((id) => others.includes(id))).toEqual([]);
  });
});

describe('members: loading a page', () => {
  it('loads phones and emails for a whole page in one query each, and totalCount only when asked', async () => {
    const ctx = t.app.get(DatabaseContextService);
    const spy = jest.spyOn(ctx, 'query');
    try {
      const query = `query($org: ID!) { members(organisationId: $org, first: 50) { edges { node { id phones { e164 type primary } emails { address primary } } } } }`;
      await t.gql(query, { org: UNION_ID }); // warms the organisation cache
      spy.mockClear();
      const res = await t.gql<{ members: { edges: { node: { id: string; phones: unknown[]; emails: unknown[] } }[] } }>(query, { org: UNION_ID });
      expect(res.body.errors).toBeUndefined();
      expect(spy).toHaveBeenCalledTimes(3); // the page, its phones, its emails
      const node = res.body.data!.members.edges.find((e) => e.node.phones.length > 1)!.node;
      const member = union.find((m) => m.id === node.id)!;
      expect(node.phones).toEqual(member.phones.map((p, i) => ({ e164: p.e164, type: p.type, primary: i === 0 })));

      spy.mockClear();
      await t.gql(`query($org: ID!) { members(organisationId: $org) { edges { node { id fullName email phone } } } }`, { org: UNION_ID });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('members: repositories refuse an empty organisation', () => {
  it.each(['', '   '])('page/count/phonesOf throw for %p', async (empty) => {
    const repo = t.app.get(MemberRepository);
    const ds = t.app.get(DataSource);
    await withRequestContext(ds, 'test', async () => {
      await expect(repo.page(empty, null, { sort: 'LAST_NAME', descending: false, after: null, limit: 1 })).rejects.toThrow(/organisationId is required/);
      await expect(repo.count(empty, null)).rejects.toThrow(/organisationId is required/);
      await expect(repo.phonesOf(empty, ['x'])).rejects.toThrow(/organisationId is required/);
      await expect(repo.findById([], 'x')).rejects.toThrow(/organisationId is required/);
    });
  });
});
