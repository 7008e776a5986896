import { MemberOrderField, type MemberFilterInput } from './dtos/member-filter.input';
import { SqlParams, buildMemberFilter, escapeLike, hasSearch, keysetClauses, prefixUpperBound, useSortIndexFor } from './member.sql';

function build(filter: MemberFilterInput | null) {
  const p = new SqlParams();
  const org = p.add('org-id');
  return { sql: buildMemberFilter(filter, org, p), params: p.values };
}

describe('buildMemberFilter', () => {
  it('is TRUE without a filter', () => {
    expect(build(null)).toEqual({ sql: 'TRUE', params: ['org-id'] });
    expect(build({})).toEqual({ sql: 'TRUE', params: ['org-id'] });
  });

  it('ANDs the fields of one filter, every value a parameter', () => {
    const { sql, params } = build({
      status: { in: ['ACTIVE', 'LAPSED'] },
      region: { eq: "O'Brien land" },
      tags: { containsAll: ['rep'] },
      issues: { containsAny: ['pay', 'pensions'] },
      smsConsent: { eq: 'GRANTED' },
      joinedOn: { gte: '2020-01-01', lte: '2020-12-31' },
    });
    expect(sql).toBe(
      '(m.status = ANY($2::member_status[]) AND m.region = $3 AND m.tags @> $4::text[] AND m.issues && $5::text[]' +
        ' AND m.sms_consent = $6::consent_status AND m.joined_on >= $7::date AND m.joined_on <= $8::date)',
    );
    expect(params).toEqual(['org-id', ['ACTIVE', 'LAPSED'], "O'Brien land", ['rep'], ['pay', 'pensions'], 'GRANTED', '2020-01-01', '2020-12-31']);
  });

  it('nests and/or/not', () => {
    const { sql } = build({ or: [{ region: { eq: 'A' } }, { not: { branch: { startsWith: 'X_' } } }], and: [{ employer: { in: ['E'] } }] });
    expect(sql).toBe('((m.employer = ANY($2::text[])) AND (m.region = $3 OR NOT (m.branch LIKE $4)))');
  });

  it('escapes LIKE wildcards in prefixes', () => {
    expect(escapeLike('50%_\\')).toBe('50\\%\\_\\\\');
    expect(build({ branch: { startsWith: '50%' } }).params[1]).toBe('50\\%%');
  });

  it('searches a phone typed any UK way as an E.164 prefix range on member_phone (byte-order operators)', () => {
    const { sql, params } = build({ search: '07700 900' });
    expect(sql).toBe('m.id IN (SELECT ph.member_id FROM member_phone ph WHERE ph.organisation_id = $1 AND ph.e164 ~>=~ $2 AND ph.e164 ~<~ $3)');
    expect(params.slice(1)).toEqual(['+447700900', '+447700901']);
  });

  it('searches an email prefix range on member_email', () => {
    const { sql, params } = build({ search: 'Mary.J@' });
    expect(sql).toContain('FROM member_email em WHERE em.organisation_id = $1 AND em.address ~>=~ $2 AND em.address ~<~ $3');
    expect(params.slice(1)).toEqual(['mary.j@', 'mary.jA']);
  });

  it('searches one word as a surname prefix, two words as first name + surname, as ranges on the stored keys', () => {
    expect(build({ search: 'Jo' })).toEqual({
      sql: '(m.last_name_key >= $2 AND m.last_name_key < $3)',
      params: ['org-id', 'jo', 'jp'],
    });
    expect(build({ search: 'john jo' })).toEqual({
      sql: '(m.first_name_key >= $4 AND m.first_name_key < $5 AND m.last_name_key >= $2 AND m.last_name_key < $3)',
      params: ['org-id', 'jo', 'jp', 'john', 'joho'],
    });
  });

  it('does not treat LIKE wildcards in a search as wildcards (a range has none)', () => {
    expect(build({ search: 'o_b' }).params.slice(1)).toEqual(['o_b', 'o_c']);
  });

  it('ignores a blank search', () => {
    expect(build({ search: '   ' }).sql).toBe('TRUE');
  });
});

describe('buildMemberFilter with a segment', () => {
  it('places the resolved segment predicate (its own parameters) among the other conditions', () => {
    const p = new SqlParams();
    const org = p.add('org-1');
    const sql = buildMemberFilter({ segmentId: 'seg-1', region: { eq: 'Wales' } }, org, p, (o, q) => `(segment over ${o} with ${q.add(['x'])})`);
    expect(sql).toBe('((segment over $1 with $2) AND m.region = $3)');
    expect(p.values).toEqual(['org-1', ['x'], 'Wales']);
  });

  it('refuses a segmentId that was not resolved first (never a filter that silently ignores it)', () => {
    expect(() => buildMemberFilter({ segmentId: 'seg-1' }, '$1', new SqlParams())).toThrow(/must be resolved/);
  });
});

describe('keysetClauses', () => {
  it('orders by the sort keys then id and continues after the cursor row', () => {
    const p = new SqlParams();
    const clauses = keysetClauses(
      { sort: MemberOrderField.LAST_NAME, descending: false, after: { values: ['jones', 'mary'], id: 'id-1' }, limit: 51 },
      p,
    );
    expect(clauses.orderBy).toBe('m.last_name_key ASC, m.first_name_key ASC, m.id ASC');
    expect(clauses.where).toBe('(m.last_name_key, m.first_name_key, m.id) > ($1::text, $2::text, $3::uuid)');
    expect(p.values).toEqual(['jones', 'mary', 'id-1']);
  });

  it('travels descending with <', () => {
    const p = new SqlParams();
    const clauses = keysetClauses({ sort: MemberOrderField.JOINED_ON, descending: true, after: { values: ['2020-01-01'], id: 'i' }, limit: 5 }, p);
    expect(clauses.where).toBe(`(m.joined_on_key, m.id) < ($1::date, $2::uuid)`);
    expect(clauses.orderBy).toBe(`m.joined_on_key DESC, m.id DESC`);
    expect(clauses.keySelect).toBe(`m.joined_on_key::text AS k0`);
  });
});

describe('hasSearch', () => {
  it('finds a search at any depth, ignoring blanks', () => {
    expect(hasSearch(null)).toBe(false);
    expect(hasSearch({ search: '  ' })).toBe(false);
    expect(hasSearch({ region: { eq: 'x' } })).toBe(false);
    expect(hasSearch({ search: 'jo' })).toBe(true);
    expect(hasSearch({ or: [{ region: { eq: 'x' } }, { not: { search: '0770' } }] })).toBe(true);
  });

  it('makes a search sort the matches rather than walk the sort index', () => {
    const clauses = keysetClauses({ sort: MemberOrderField.LAST_NAME, descending: false, after: null, limit: 51, useSortIndex: false }, new SqlParams());
    expect(clauses.orderBy).toBe(`(m.last_name_key || '') ASC, (m.first_name_key || '') ASC, m.id ASC`);
  });

  it('walks the sort index only when the search fixes its leading key', () => {
    expect(useSortIndexFor(null, 'JOINED_ON')).toBe(true);
    expect(useSortIndexFor({ search: 'smi' }, 'LAST_NAME')).toBe(true);
    expect(useSortIndexFor({ search: 'smi' }, 'FIRST_NAME')).toBe(false);
    expect(useSortIndexFor({ search: 'john smi' }, 'FIRST_NAME')).toBe(true);
    expect(useSortIndexFor({ search: '07700 900' }, 'LAST_NAME')).toBe(false);
    expect(useSortIndexFor({ search: 'a@b' }, 'LAST_NAME')).toBe(false);
    expect(useSortIndexFor({ search: 'smi', or: [{ search: 'x' }] }, 'LAST_NAME')).toBe(false);
  });
});

describe('prefixUpperBound', () => {
  it('increments the last code point', () => {
    expect(prefixUpperBound('smi')).toBe('smj');
    expect(prefixUpperBound('o\u2019b')).toBe('o\u2019c');
    expect(prefixUpperBound('z\u{1F600}')).toBe('z\u{1F601}');
  });

  it('skips the surrogate range and drops trailing U+10FFFF', () => {
    expect(prefixUpperBound('a\uD7FF')).toBe('a\uE000');
    expect(prefixUpperBound('ab\u{10FFFF}')).toBe('ac');
    expect(prefixUpperBound('\u{10FFFF}')).toBeNull();
    expect(prefixUpperBound('')).toBeNull();
  });

  it('bounds exactly the strings that start with the prefix, in code point order', () => {
    const cmp = (a: string, b: string) => {
      const x = Array.from(a).map((c) => c.codePointAt(0)!);
      const y = Array.from(b).map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    const words = ['sm', 'smi', 'smith', 'smiz', 'smj', 'smi\u00e9', 'sm\u{10FFFF}', 'smh\u{10FFFF}', 'sn', ''];
    for (const prefix of ['smi', 'sm', 's\u{10FFFF}']) {
      const upper = prefixUpperBound(prefix)!;
      for (const w of words) expect(cmp(w, prefix) >= 0 && cmp(w, upper) < 0).toBe(w.startsWith(prefix));
    }
  });
});
