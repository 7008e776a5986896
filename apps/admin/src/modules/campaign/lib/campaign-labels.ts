// Words and badge tones for the campaign enums, in one place so every screen says the same thing.
import { RESPONSE_CHANNELS, RESPONSE_TRANSITIONS, type ResponseChannel, type ResponseState } from '@muster/domain';
import type { Tone } from '@muster/ui';
import { RESPONSE_CHANNEL_LABELS, RESPONSE_STATE_LABELS } from '@muster/insights-ui';
import type { ActionStatus, ActionType, CampaignStatus, CampaignTeamRole } from '../graphql/campaign.graphql';

export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED'];
export const CAMPAIGN_STATUS_LABELS: Readonly<Record<CampaignStatus, string>> = { DRAFT: 'Draft', ACTIVE: 'Active', PAUSED: 'Paused', COMPLETED: 'Completed', ARCHIVED: 'Archived' };
export const CAMPAIGN_STATUS_TONES: Readonly<Record<CampaignStatus, Tone>> = { DRAFT: 'neutral', ACTIVE: 'success', PAUSED: 'warning', COMPLETED: 'info', ARCHIVED: 'neutral' };

export const TEAM_ROLES: readonly CampaignTeamRole[] = ['LEAD', 'ORGANISER', 'CALLER', 'TEXTER'];
export const TEAM_ROLE_LABELS: Readonly<Record<CampaignTeamRole, string>> = { LEAD: 'Lead', ORGANISER: 'Organiser', CALLER: 'Caller', TEXTER: 'Texter' };

export const ACTION_TYPES: readonly ActionType[] = ['PHONE_BANK_SIGNUP', 'DONATION', 'PETITION', 'EVENT', 'SURVEY', 'CUSTOM'];
export const ACTION_TYPE_LABELS: Readonly<Record<ActionType, string>> = {
  PHONE_BANK_SIGNUP: 'Phone-bank sign-up', DONATION: 'Donation', PETITION: 'Petition', EVENT: 'Event or shift', SURVEY: 'Survey', CUSTOM: 'Custom',
};
export const ACTION_STATUSES: readonly ActionStatus[] = ['DRAFT', 'OPEN', 'CLOSED'];
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = { DRAFT: 'Draft', OPEN: 'Open', CLOSED: 'Closed' };
export const ACTION_STATUS_TONES: Readonly<Record<ActionStatus, Tone>> = { DRAFT: 'neutral', OPEN: 'success', CLOSED: 'info' };

export const RESPONSE_STATE_ORDER: readonly ResponseState[] = ['ASKED', 'COMMITTED', 'REMINDED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED'];
export const RESPONSE_STATE_TONES: Readonly<Record<ResponseState, Tone>> = {
  ASKED: 'neutral', COMMITTED: 'info', REMINDED: 'info', COMPLETED: 'success', NO_SHOW: 'warning', CANCELLED: 'warning', DECLINED: 'neutral',
};
export { RESPONSE_CHANNELS, RESPONSE_CHANNEL_LABELS, RESPONSE_STATE_LABELS };

export const options = <T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>) => values.map((value) => ({ value, label: labels[value] }));

/**
 * The moves a person is offered from a response's state, as the domain's table allows. REMINDED is left out: reminders
 * are sent by the scheduled job, not set by hand. The API checks again (the response may have moved since the page
 * loaded) and its refusal is shown as it is.
 */
export function movesFrom(state: ResponseState): ResponseState[] {
  return RESPONSE_TRANSITIONS[state].filter((s) => s !== 'REMINDED');
}

/** Whether a channel value is one of the response channels (for reading the URL). */
export const isChannel = (v: string): v is ResponseChannel => (RESPONSE_CHANNELS as readonly string[]).includes(v);
