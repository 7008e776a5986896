import { parseSegmentDefinition, type SegmentDefinition } from '@muster/domain';
import { SqlParams } from '../member/member.sql.js';
import { compileSegment } from './segment.sql.js';

function compile(children: unknown[], op = 'and'): { sql: string; values: unknown[] } {
  const parsed = parseSegmentDefinition({ version: 1, root: { type: 'group', op, children } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const p = new SqlParams();
  const org = p.add('org');
  return { sql: compileSegment(parsed.value as SegmentDefinition, org, p), values: p.values };
}

describe('compileSegment', () => {
  it('an empty root matches every member', () => {
    expect(compile([]).sql).toBe('TRUE');
  });

  it('never puts a value into the SQL text', () => {
    const { sql, values } = compile([
      { type: 'condition', field: 'region', op: 'in', values: ["North'; DROP TABLE member; --"] },
      { type: 'condition', field: 'joinedOn', op: 'before', value: '2020-01-01' },
      { type: 'condition', field: 'supportLevel', op: 'gte', value: 4 },
    ]);
    expect(sql).toBe('(m.region = ANY($2::text[]) AND m.joined_on < $3::date AND m.support_level >= $4::smallint)');
    expect(values).toEqual(['org', ["North'; DROP TABLE member; --"], '2020-01-01', 4]);
  });

  it('not-in includes members without a value (NULL) exactly', () => {
    expect(compile([{ type: 'condition', field: 'region', op: 'notIn', values: ['North'] }]).sql).toBe(
      '(m.region IS NULL OR m.region <> ALL($2::text[]))',
    );
  });

  it('pushes NOT down to the conditions (De Morgan) with their exact complements', () => {
    const { sql } = compile([
      { type: 'group', op: 'not', children: [
        { type: 'condition', field: 'region', op: 'in', values: ['North'] },
        { type: 'condition', field: 'supportLevel', op: 'gte', value: 4 },
        { type: 'group', op: 'and', children: [
          { type: 'condition', field: 'reachableByEmail', op: 'is' },
          { type: 'condition', field: 'tags', op: 'noneOf', values: ['Rep'] },
        ] },
      ] },
    ]);
    expect(sql).toBe(
      '((m.region IS NULL OR m.region <> ALL($2::text[])) AND (m.support_level IS NULL OR NOT m.support_level >= $3::smallint)' +
        " AND ((m.email IS NULL OR m.email_consent <> 'GRANTED') OR m.tags && $4::text[]))",
    );
  });

  it('scopes import provenance and snapshots by the organisation parameter', () => {
    const { sql } = compile([
      { type: 'condition', field: 'import', op: 'notIn', values: ['0190a5c1-0000-7000-8000-00000000000b'] },
      { type: 'condition', field: 'segmentSnapshot', op: 'in', values: ['0190a5c1-0000-7000-8000-00000000000a'] },
    ], 'or');
    expect(sql).toBe(
      '(NOT m.id IN (SELECT mim.member_id FROM member_import_member mim WHERE mim.organisation_id = $1 AND mim.import_id = ANY($2::uuid[]))' +
        ' OR m.id IN (SELECT sm.member_id FROM segment_member sm WHERE sm.organisation_id = $1 AND sm.segment_id = ANY($3::uuid[])))',
    );
  });
});
