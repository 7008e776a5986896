import { MemberOrderField, type MemberFilterInput } from './dtos/member-filter.input';
import { SqlParams, buildMemberFilter, escapeLike, hasSearch, keysetClauses, useSortIndexFor } from './member.sql';

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

  it('searches a phone typed any UK way as an E.164 prefix on member_phone', () => {
    const { sql, params } = build({ search: '07700 900' });
    expect(sql).toBe('m.id IN (SELECT ph.member_id FROM member_phone ph WHERE ph.organisation_id = $1 AND ph.e164 LIKE $2)');
    expect(params[1]).toBe('+447700900%');
  });

  it('searches an email prefix on member_email', () => {
    const { sql, params } = build({ search: 'Mary.J@' });
    expect(sql).toContain('FROM member_email em WHERE em.organisation_id = $1 AND em.address LIKE $2');
    expect(params[1]).toBe('mary.j@%');
  });

  it('searches one word as a surname prefix, two words as first name + surname, in the C collation', () => {
    expect(build({ search: 'Jo' })).toEqual({
      sql: '(lower(m.last_name) COLLATE "C") LIKE $2',
      params: ['org-id', 'jo%'],
    });
    expect(build({ search: 'john jo' })).toEqual({
      sql: '((lower(m.first_name) COLLATE "C") LIKE $3 AND (lower(m.last_name) COLLATE "C") LIKE $2)',
      params: ['org-id', 'jo%', 'john%'],
    });
  });

  it('ignores a blank search', () => {
    expect(build({ search: '   ' }).sql).toBe('TRUE');
  });
});

describe('keysetClauses', () => {
  it('orders by the sort keys then id and continues after the cursor row', () => {
    const p = new SqlParams();
    const clauses = keysetClauses(
      { sort: MemberOrderField.LAST_NAME, descending: false, after: { values: ['jones', 'mary'], id: 'id-1' }, limit: 51 },
      p,
    );
    expect(clauses.orderBy).toBe('(lower(m.last_name) COLLATE "C") ASC, (lower(m.first_name) COLLATE "C") ASC, m.id ASC');
    expect(clauses.where).toBe(
      '((lower(m.last_name) COLLATE "C"), (lower(m.first_name) COLLATE "C"), m.id) > ($1::text, $2::text, $3::uuid)',
    );
    expect(p.values).toEqual(['jones', 'mary', 'id-1']);
  });

  it('travels descending with <', () => {
    const p = new SqlParams();
    const clauses = keysetClauses({ sort: MemberOrderField.JOINED_ON, descending: true, after: { values: ['2020-01-01'], id: 'i' }, limit: 5 }, p);
    expect(clauses.where).toBe(`(COALESCE(m.joined_on, 'infinity'::date), m.id) < ($1::date, $2::uuid)`);
    expect(clauses.orderBy).toBe(`COALESCE(m.joined_on, 'infinity'::date) DESC, m.id DESC`);
    expect(clauses.keySelect).toBe(`COALESCE(m.joined_on, 'infinity'::date)::text AS k0`);
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
    expect(clauses.orderBy).toBe(`((lower(m.last_name) || '') COLLATE "C") ASC, ((lower(m.first_name) || '') COLLATE "C") ASC, m.id ASC`);
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
