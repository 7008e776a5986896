/**
 * Demo campaigns, their actions, members' responses (with each response's history) and donations.
 *
 * Owns: what the demo shows of issue 6 — a union campaign whose actions have responses through every channel
 * (call, SMS, email, web, event, import, staff), credited to the demo staff and volunteer, with a follow-through
 * near the agency's 89%; donations (one-off, monthly, Gift Aid, a refund, a failure) on a donation action.
 * Must never: carry database ids, read the clock or call Math.random. Members are referred to by their index in
 * the organisation's generated members, staff by their index in the credited list the seed loader passes; times
 * are offsets in days (and minutes) from `today`. Every history is a legal path of @muster/domain's response
 * state machine (the spec checks it).
 */
import { Random, hashString } from '../random/random.prng.js';

export type DemoResponseState = 'ASKED' | 'COMMITTED' | 'REMINDED' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'DECLINED';
export type DemoChannel = 'CALL' | 'SMS' | 'EMAIL' | 'WEB' | 'EVENT' | 'IMPORT' | 'STAFF';
export type DemoActionType = 'PHONE_BANK_SIGNUP' | 'DONATION' | 'PETITION' | 'EVENT' | 'SURVEY' | 'CUSTOM';

export interface DemoAction {
  key: string;
  type: DemoActionType;
  title: string;
  description: string;
  status: 'DRAFT' | 'OPEN' | 'CLOSED';
  goalCount: number | null;
  /** When commitments fall due, in days from today (negative: past). Null: no due date. */
  dueInDays: number | null;
  /** For events and shifts: how long it runs, in minutes from the due time. */
  durationMinutes: number | null;
  consentWording: string | null;
  page: { headline: string; body: string; buttonLabel: string; donationAmountsPence: number[]; thankYou: string };
  /** How many members respond (before the generator's randomness). */
  responses: number;
}

export interface DemoCampaign {
  key: string;
  organisation: 'union' | 'campaign';
  name: string;
  description: string;
  goal: string;
  goalCount: number | null;
  status: 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ARCHIVED';
  startsInDays: number;
  endsInDays: number | null;
  channels: DemoChannel[];
  actions: DemoAction[];
}

export interface DemoResponseEvent {
  to: DemoResponseState;
  /** Days from today (negative: past), with minutes so events of one response keep their order. */
  atDays: number;
  channel: DemoChannel;
  /** Index into the credited staff list, or null. */
  credit: number | null;
}

export interface DemoResponse {
  campaignKey: string;
  actionKey: string;
  memberIndex: number;
  events: DemoResponseEvent[];
}

export interface DemoDonation {
  campaignKey: string;
  actionKey: string;
  memberIndex: number;
  amountPence: number;
  kind: 'ONE_OFF' | 'RECURRING';
  status: 'SUCCEEDED' | 'FAILED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';
  refundedPence: number;
  giftAid: boolean;
  channel: DemoChannel;
  credit: number | null;
  atDays: number;
}

const CONSENT = 'Yes, United Public Services Union may text me about this campaign. Reply STOP to opt out at any time.';
const CLEAN_AIR_CONSENT = 'Yes, Clean Air Now may email and text me about the campaign. I can unsubscribe at any time.';

export const DEMO_CAMPAIGNS: DemoCampaign[] = [
  {
    key: 'fair-pay', organisation: 'union', name: 'Fair Pay Now 2026', status: 'ACTIVE',
    description: 'The pay campaign: phone banks to recruit reps, a petition to the employers, the strike fund and the rally.',
    goal: 'Win a 7% pay rise for public service workers', goalCount: 5000, startsInDays: -90, endsInDays: 60,
    channels: ['CALL', 'SMS', 'EMAIL', 'WEB', 'EVENT'],
    actions: [
      {
        key: 'phone-bank', type: 'PHONE_BANK_SIGNUP', title: 'Join a pay phone bank', status: 'OPEN', goalCount: 400,
        description: 'Two hours calling members about the pay offer, from home or the regional office.',
        dueInDays: -7, durationMinutes: 120, consentWording: CONSENT, responses: 420,
        page: { headline: 'Call members about the pay offer', body: 'Sign up for a two-hour shift. We train you first.', buttonLabel: 'Sign me up', donationAmountsPence: [], thankYou: 'Thank you! We will text you the details before your shift.' },
      },
      {
        key: 'petition', type: 'PETITION', title: 'Sign the fair pay petition', status: 'OPEN', goalCount: 3000,
        description: 'To the employers: pay public service workers what the job is worth.',
        dueInDays: null, durationMinutes: null, consentWording: CONSENT, responses: 900,
        page: { headline: 'Fair pay for public service workers', body: 'Add your name: the employers must make a fair offer.', buttonLabel: 'Sign the petition', donationAmountsPence: [], thankYou: 'Thank you for signing. Share it with a colleague.' },
      },
      {
        key: 'rally', type: 'EVENT', title: 'Pay rally in Manchester', status: 'CLOSED', goalCount: 250,
        description: 'March from Piccadilly Gardens to the town hall.',
        dueInDays: -14, durationMinutes: 180, consentWording: CONSENT, responses: 300,
        page: { headline: 'Rally for fair pay', body: 'Saturday, 11:00, Piccadilly Gardens.', buttonLabel: 'I will be there', donationAmountsPence: [], thankYou: 'See you there! We will remind you the day before.' },
      },
      {
        key: 'strike-fund', type: 'DONATION', title: 'Give to the strike fund', status: 'OPEN', goalCount: null,
        description: 'Every pound keeps members on the picket line.',
        dueInDays: null, durationMinutes: null, consentWording: CONSENT, responses: 0,
        page: { headline: 'Support the strike fund', body: 'Members on strike lose a day’s pay. Help them hold out.', buttonLabel: 'Give', donationAmountsPence: [500, 1000, 2500, 5000], thankYou: 'Thank you for your gift.' },
      },
      {
        key: 'pay-survey', type: 'SURVEY', title: 'Pay offer survey', status: 'OPEN', goalCount: 1000,
        description: 'Would you accept the 4% offer? (Questions arrive with phone banking.)',
        dueInDays: null, durationMinutes: null, consentWording: null, responses: 250,
        page: { headline: 'Have your say on the pay offer', body: 'Tell us what you think of the offer.', buttonLabel: 'Take part', donationAmountsPence: [], thankYou: 'Thank you, your answer has been recorded.' },
      },
      {
        key: 'next-shift', type: 'PHONE_BANK_SIGNUP', title: 'Phone bank: ballot turnout week', status: 'OPEN', goalCount: 200,
        description: 'Calls to get the ballot vote out, next week.',
        dueInDays: 6, durationMinutes: 120, consentWording: CONSENT, responses: 120,
        page: { headline: 'Get the vote out', body: 'Sign up for a shift during ballot week.', buttonLabel: 'Sign me up', donationAmountsPence: [], thankYou: 'Thank you! We will remind you before your shift.' },
      },
    ],
  },
  {
    key: 'clean-air-day', organisation: 'campaign', name: 'Clean Air Day', status: 'ACTIVE',
    description: 'Ask the council for a clean air zone around every school.',
    goal: '10,000 signatures before the council vote', goalCount: 10000, startsInDays: -30, endsInDays: 30,
    channels: ['WEB', 'SMS', 'EMAIL'],
    actions: [
      {
        key: 'school-streets', type: 'PETITION', title: 'Clean air for every school', status: 'OPEN', goalCount: 10000,
        description: 'Sign to ask the council for school streets.',
        dueInDays: null, durationMinutes: null, consentWording: CLEAN_AIR_CONSENT, responses: 120,
        page: { headline: 'Clean air for every school', body: 'Children breathe the dirtiest air at the school gate.', buttonLabel: 'Sign', donationAmountsPence: [], thankYou: 'Thank you for signing.' },
      },
      {
        key: 'clean-air-fund', type: 'DONATION', title: 'Fund the air monitors', status: 'OPEN', goalCount: null,
        description: 'Each monitor costs £150.',
        dueInDays: null, durationMinutes: null, consentWording: CLEAN_AIR_CONSENT, responses: 0,
        page: { headline: 'Put an air monitor outside a school', body: 'Real readings make the case.', buttonLabel: 'Give', donationAmountsPence: [300, 1000, 1500], thankYou: 'Thank you for your gift.' },
      },
    ],
  },
];

export interface GenerateCampaignActivityOptions {
  organisation: 'union' | 'campaign';
  /** How many members the organisation has (responses use distinct indices below this). */
  memberCount: number;
  /** How many staff and volunteers may be credited (indices 0 … creditedCount − 1; 0 should be the demo volunteer). */
  creditedCount: number;
  seed: number;
}

/** Shuffled distinct member indices for one action (a partial Fisher–Yates over the first `n`). */
function pickMembers(rng: Random, memberCount: number, n: number): number[] {
  const count = Math.min(n, memberCount);
  const chosen = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, memberCount - 1);
    const vi = chosen.get(i) ?? i;
    const vj = chosen.get(j) ?? j;
    chosen.set(j, vi);
    out.push(vj);
  }
  return out;
}

/**
 * One history per respondent. Commitments are secured by CALL, SMS, EMAIL, WEB, EVENT and STAFF, and petitions also
 * come in by IMPORT (paper signatures); follow-through among settled commitments lands near 89%.
 */
export function generateCampaignActivity(options: GenerateCampaignActivityOptions): { responses: DemoResponse[]; donations: DemoDonation[] } {
  const rng = new Random(options.seed ^ hashString(`campaigns:${options.organisation}`));
  const responses: DemoResponse[] = [];
  const donations: DemoDonation[] = [];
  const credit = (): number | null => (options.creditedCount === 0 ? null : rng.next() < 0.15 ? null : rng.int(0, options.creditedCount - 1));
  for (const campaign of DEMO_CAMPAIGNS.filter((c) => c.organisation === options.organisation)) {
    for (const action of campaign.actions) {
      const members = pickMembers(rng, options.memberCount, action.responses);
      for (const memberIndex of members) {
        const events = history(rng, action, credit);
        responses.push({ campaignKey: campaign.key, actionKey: action.key, memberIndex, events });
      }
      if (action.type === 'DONATION') donations.push(...donationsFor(rng, campaign.key, action.key, options.memberCount, credit));
    }
  }
  return { responses, donations };
}

const COMMIT_CHANNELS: DemoChannel[] = ['CALL', 'CALL', 'CALL', 'SMS', 'SMS', 'EMAIL', 'WEB', 'WEB', 'STAFF'];

function history(rng: Random, action: DemoAction, credit: () => number | null): DemoResponseEvent[] {
  const start = Math.min(-1, (action.dueInDays ?? 0) - rng.int(3, 40)) + rng.int(0, 1439) / 1440;
  const at = (offsetDays: number) => Math.round((start + offsetDays) * 1440) / 1440;
  switch (action.type) {
    case 'PETITION':
    case 'SURVEY': {
      const channel: DemoChannel = action.type === 'SURVEY' ? 'CALL' : rng.pick(['WEB', 'WEB', 'WEB', 'SMS', 'EMAIL', 'IMPORT', 'EVENT']);
      const who = channel === 'WEB' || channel === 'IMPORT' ? null : credit();
      if (rng.next() < 0.2) {
        // Asked first (a text or a call), then signed or said no.
        const asked: DemoResponseEvent = { to: 'ASKED', atDays: at(0), channel, credit: who };
        if (rng.next() < 0.15) return [asked, { to: 'DECLINED', atDays: at(0.01), channel, credit: who }];
        return [asked, { to: 'COMPLETED', atDays: at(rng.int(0, 3) + 0.02), channel, credit: who }];
      }
      return [{ to: 'COMPLETED', atDays: at(0), channel, credit: who }];
    }
    case 'DONATION':
      return [];
    default: {
      // Sign-ups for shifts and events: asked, committed, reminded before the due date, then done or not.
      const channel = action.type === 'EVENT' && rng.next() < 0.2 ? 'EVENT' : rng.pick(COMMIT_CHANNELS);
      const who = channel === 'WEB' ? null : credit();
      const events: DemoResponseEvent[] = [];
      if (channel !== 'WEB' && channel !== 'EVENT') events.push({ to: 'ASKED', atDays: at(0), channel, credit: who });
      if (rng.next() < 0.12) return [...events, { to: 'DECLINED', atDays: at(0.01), channel, credit: who }];
      events.push({ to: 'COMMITTED', atDays: at(0.02), channel, credit: who });
      const due = action.dueInDays ?? 0;
      if (due > 0) {
        // Still to come: some reminded already (the day-before reminder falls later), a few cancelled.
        if (rng.next() < 0.05) events.push({ to: 'CANCELLED', atDays: at(1), channel, credit: who });
        return events;
      }
      events.push({ to: 'REMINDED', atDays: due - 1, channel, credit: who });
      const outcome = rng.next();
      const settledAt = due + 0.1;
      if (outcome < 0.89) events.push({ to: 'COMPLETED', atDays: settledAt, channel, credit: who });
      else if (outcome < 0.96) events.push({ to: 'NO_SHOW', atDays: settledAt, channel, credit: who });
      else events.push({ to: 'CANCELLED', atDays: due - 0.5, channel, credit: who });
      return events;
    }
  }
}

function donationsFor(rng: Random, campaignKey: string, actionKey: string, memberCount: number, credit: () => number | null): DemoDonation[] {
  const out: DemoDonation[] = [];
  const givers = pickMembers(rng, memberCount, Math.min(80, Math.max(1, Math.floor(memberCount / 5))));
  givers.forEach((memberIndex, i) => {
    const recurring = i % 7 === 0;
    const amountPence = recurring ? 500 : rng.pick([500, 1000, 1000, 2500, 2500, 5000, 10000]);
    const channel: DemoChannel = rng.pick(['WEB', 'WEB', 'WEB', 'SMS', 'CALL']);
    const status = i === 3 ? 'REFUNDED' : i === 5 ? 'FAILED' : i === 9 ? 'PARTIALLY_REFUNDED' : 'SUCCEEDED';
    const refundedPence = status === 'REFUNDED' ? amountPence : status === 'PARTIALLY_REFUNDED' ? Math.floor(amountPence / 2) : 0;
    const months = recurring ? 3 : 1;
    for (let m = 0; m < months; m++) {
      out.push({
        campaignKey, actionKey, memberIndex, amountPence, kind: recurring ? 'RECURRING' : 'ONE_OFF', status: m === 0 ? status : 'SUCCEEDED',
        refundedPence: m === 0 ? refundedPence : 0, giftAid: i % 3 === 0, channel, credit: channel === 'WEB' ? null : credit(),
        atDays: -rng.int(1, 25) - 30 * m,
      });
    }
  });
  return out;
}
