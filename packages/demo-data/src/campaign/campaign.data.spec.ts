import { canTransition } from '@muster/domain';
import { DEMO_CAMPAIGNS, generateCampaignActivity } from './campaign.data.js';

describe('demo campaign activity', () => {
  const union = generateCampaignActivity({ organisation: 'union', memberCount: 400, creditedCount: 3, seed: 1 });

  it('is the same for the same seed and different for another', () => {
    expect(generateCampaignActivity({ organisation: 'union', memberCount: 400, creditedCount: 3, seed: 1 })).toEqual(union);
    expect(generateCampaignActivity({ organisation: 'union', memberCount: 400, creditedCount: 3, seed: 2 })).not.toEqual(union);
  });

  it('has responses through every channel, credited to every staff member', () => {
    const channels = new Set(union.responses.flatMap((r) => r.events.map((e) => e.channel)));
    expect([...channels].sort()).toEqual(['CALL', 'EMAIL', 'EVENT', 'IMPORT', 'SMS', 'STAFF', 'WEB']);
    const credited = new Set(union.responses.flatMap((r) => r.events.map((e) => e.credit)).filter((c) => c !== null));
    expect([...credited].sort()).toEqual([0, 1, 2]);
  });

  it('answers each action once per member, with members that exist', () => {
    const keys = union.responses.map((r) => `${r.actionKey}:${r.memberIndex}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(union.responses.every((r) => r.memberIndex >= 0 && r.memberIndex < 400)).toBe(true);
  });

  it('every history is a legal path of the response state machine', () => {
    for (const r of union.responses) {
      let from: Parameters<typeof canTransition>[0] = null;
      for (const e of r.events) {
        expect({ from, to: e.to, ok: canTransition(from, e.to) }).toEqual({ from, to: e.to, ok: true });
        from = e.to;
      }
    }
  });

  it('keeps each history in time order, with follow-through near the agency’s 89%', () => {
    for (const r of union.responses) {
      const times = r.events.map((e) => e.atDays);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
    const settled = union.responses.filter((r) => r.events.some((e) => e.to === 'COMMITTED') && r.events.some((e) => ['COMPLETED', 'NO_SHOW', 'CANCELLED'].includes(e.to)));
    const completed = settled.filter((r) => r.events.at(-1)?.to === 'COMPLETED').length;
    expect(completed / settled.length).toBeGreaterThan(0.8);
    expect(completed / settled.length).toBeLessThan(0.95);
  });

  it('has donations only on donation actions, in whole pence, with a refund and a failure', () => {
    const donationActions = new Set(DEMO_CAMPAIGNS.flatMap((c) => c.actions.filter((a) => a.type === 'DONATION').map((a) => a.key)));
    expect(union.donations.length).toBeGreaterThan(0);
    expect(union.donations.every((d) => donationActions.has(d.actionKey) && Number.isInteger(d.amountPence) && d.amountPence > 0)).toBe(true);
    expect(union.donations.some((d) => d.status === 'REFUNDED' && d.refundedPence === d.amountPence)).toBe(true);
    expect(union.donations.some((d) => d.status === 'FAILED')).toBe(true);
    expect(union.donations.some((d) => d.kind === 'RECURRING')).toBe(true);
  });

  it('works for a tiny organisation (fewer members than an action asks for)', () => {
    const tiny = generateCampaignActivity({ organisation: 'campaign', memberCount: 10, creditedCount: 0, seed: 1 });
    expect(tiny.responses.length).toBe(10);
    expect(tiny.responses.every((r) => r.events.every((e) => e.credit === null))).toBe(true);
  });
});
