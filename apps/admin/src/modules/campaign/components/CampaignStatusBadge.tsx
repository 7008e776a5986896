import type { ResponseState } from '@muster/domain';
import { Badge } from '@muster/ui';
import type { ActionStatus, CampaignStatus } from '../graphql/campaign.graphql';
import {
  ACTION_STATUS_LABELS, ACTION_STATUS_TONES, CAMPAIGN_STATUS_LABELS, CAMPAIGN_STATUS_TONES, RESPONSE_STATE_LABELS, RESPONSE_STATE_TONES,
} from '../lib/campaign-labels';

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <span data-testid="campaign-status" data-value={status}><Badge tone={CAMPAIGN_STATUS_TONES[status]}>{CAMPAIGN_STATUS_LABELS[status]}</Badge></span>;
}

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  return <span data-testid="action-status" data-value={status}><Badge tone={ACTION_STATUS_TONES[status]}>{ACTION_STATUS_LABELS[status]}</Badge></span>;
}

export function ResponseStateBadge({ state }: { state: ResponseState }) {
  return <span data-testid="response-state" data-value={state}><Badge tone={RESPONSE_STATE_TONES[state]}>{RESPONSE_STATE_LABELS[state]}</Badge></span>;
}
