import { displayName, planMerge } from './dedupe.merge-plan';
import type { MemberJson, RowJson } from './dedupe-merge.repository';

const ORG = 'o';

function member(id: string, values: Record<string, unknown>): MemberJson {
  return {
    organisation_id: ORG, id, first_name: '', last_name: '', email: null, phone: null, postcode: null, region: null,
    tags: [], issues: [], sms_consent: 'UNKNOWN', email_consent: 'UNKNOWN', support_level: null, engagement_score: 0,
    last_name_key: '', first_name_key: '', created_at: '2025-01-01T00:00:00.000+00:00', updated_at: '2025-01-01T00:00:00.000+00:00',
    ...values,
  } as MemberJson;
}

const phone = (member_id: string, e164: string, position: number, type = 'MOBILE'): RowJson => ({ organisation_id: ORG, id: `${member_id}-p${position}`, member_id, e164, type, is_primary: position === 0, position });
const email = (member_id: string, address: string, position: number): RowJson => ({ organisation_id: ORG, id: `${member_id}-e${position}`, member_id, address, is_primary: position === 0, position });

describe('planMerge', () => {
  it('fills only empty fields, first merged member first; never touches identity, timestamps or keys', () => {
    const s = member('s', { first_name: 'Sam', last_name: '', region: 'Wales', postcode: '' });
    const a = member('a', { first_name: 'Samuel', last_name: 'Hughes', region: 'Yorkshire', postcode: null, support_level: 3, first_name_key: 'x' });
    const b = member('b', { last_name: 'Other', postcode: 'LS1 4AP', created_at: '1999-01-01', updated_at: '1999-01-01' });
    const { values } = planMerge(s, [a, b], [], []);
    expect(values).toMatchObject({ id: 's', first_name: 'Sam', last_name: 'Hughes', region: 'Wales', postcode: 'LS1 4AP', support_level: 3, first_name_key: '' });
    expect(values.created_at).toBe(s.created_at);
    expect(values.updated_at).toBe(s.updated_at);
  });

  it('last contacted: the latest of all the records, whichever it was on', () => {
    const plan = (a: unknown, ...others: unknown[]) =>
      planMerge({ id: 's', last_contacted_at: a } as never, others.map((v, i) => ({ id: `m${i}`, last_contacted_at: v })) as never, [], []).values.last_contacted_at;
    expect(plan('2026-01-01T10:00:00+00:00', '2026-03-01T09:00:00+00:00', null)).toBe('2026-03-01T09:00:00+00:00');
    expect(plan('2026-05-01T10:00:00+01:00', '2026-05-01T09:30:00+00:00')).toBe('2026-05-01T09:30:00+00:00');
    expect(plan(null, null)).toBeNull();
    expect(plan('2026-01-01T10:00:00+00:00', null)).toBe('2026-01-01T10:00:00+00:00');
  });

  it('unions arrays (survivor first, no repeats), including columns it has never heard of', () => {
    const s = member('s', { tags: ['rep'], issues: [], future_list: ['x'] });
    const a = member('a', { tags: ['steward', 'rep'], issues: ['pay'], future_list: ['y', 'x'] });
    const b = member('b', { tags: ['new'], issues: ['pay', 'hours'], future_list: null });
    expect(planMerge(s, [a, b], [], []).values).toMatchObject({ tags: ['rep', 'steward', 'new'], issues: ['pay', 'hours'], future_list: ['x', 'y'] });
  });

  it('consent: a withdrawal on any record wins, then a grant, else the survivor\'s', () => {
    const s = member('s', { sms_consent: 'GRANTED', email_consent: 'UNKNOWN' });
    const a = member('a', { sms_consent: 'WITHDRAWN', email_consent: 'GRANTED' });
    expect(planMerge(s, [a], [], []).values).toMatchObject({ sms_consent: 'WITHDRAWN', email_consent: 'GRANTED' });
    expect(planMerge(member('s', {}), [member('a', {})], [], []).values).toMatchObject({ sms_consent: 'UNKNOWN', email_consent: 'UNKNOWN' });
  });

  it('keeps the survivor\'s phones and emails and primary, appends the others it lacks once, in order', () => {
    const s = member('s', { phone: '+1', email: 's@x' });
    const phones = [phone('s', '+1', 0), phone('a', '+2', 1, 'LANDLINE'), phone('a', '+1', 0), phone('b', '+2', 0), phone('b', '+3', 1)];
    const emails = [email('s', 's@x', 0), email('b', 'b@x', 0), email('a', 's@x', 0)];
    const plan = planMerge(s, [member('a', {}), member('b', {})], phones, emails);
    expect(plan.phones).toEqual([
      { e164: '+2', type: 'LANDLINE', isPrimary: false, position: 1 },
      { e164: '+3', type: 'MOBILE', isPrimary: false, position: 2 },
    ]);
    expect(plan.emails).toEqual([{ address: 'b@x', isPrimary: false, position: 1 }]);
    expect(plan.values).toMatchObject({ phone: '+1', email: 's@x' });
  });

  it('a survivor without phones or emails gets the first merged one as primary', () => {
    const plan = planMerge(member('s', {}), [member('a', {})], [phone('a', '+9', 0)], [email('a', 'a@x', 0), email('a', 'a2@x', 1)]);
    expect(plan.phones).toEqual([{ e164: '+9', type: 'MOBILE', isPrimary: true, position: 0 }]);
    expect(plan.emails).toEqual([{ address: 'a@x', isPrimary: true, position: 0 }, { address: 'a2@x', isPrimary: false, position: 1 }]);
    expect(plan.values).toMatchObject({ phone: '+9', email: 'a@x' });
  });
});

describe('displayName', () => {
  it('is the name, or a contact detail when the name is empty', () => {
    expect(displayName(member('s', { first_name: 'Ann', last_name: 'Lee' }))).toBe('Ann Lee');
    expect(displayName(member('s', { email: 'a@x' }))).toBe('a@x');
  });
});
