import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import type { ResponseChannel } from '@muster/domain';
import {
  Button, Callout, Card, DateField, ErrorState, LoadingState, PageHeader, SelectField, TextAreaField, TextField, toApiProblem, useToast, type ApiProblem,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import {
  CAMPAIGN_QUERY, CREATE_CAMPAIGN_MUTATION, UPDATE_CAMPAIGN_MUTATION, type CampaignItem, type CampaignStatus,
} from '../modules/campaign/graphql/campaign.graphql';
import { SEGMENT_OPTIONS_QUERY } from '../modules/segment/graphql/segment.graphql';
import { CheckboxGroup } from '../modules/campaign/components/CheckboxGroup';
import { TeamPicker, type TeamEntry } from '../modules/campaign/components/TeamPicker';
import { useTeamCandidates } from '../modules/campaign/hooks/useTeamCandidates';
import { CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS, RESPONSE_CHANNELS, RESPONSE_CHANNEL_LABELS, options } from '../modules/campaign/lib/campaign-labels';
import '../modules/campaign/campaign.css';

/** New campaign (no :campaignId) or edit one: details, dates, status, target segment, channels and team. */
export function CampaignEditPage() {
  const { orgId = '', campaignId } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="campaign:write" what={campaignId ? 'edit campaigns' : 'start campaigns'}>
      <CampaignEditLoader orgId={orgId} campaignId={campaignId} />
    </RequireCapability>
  );
}

function CampaignEditLoader({ orgId, campaignId }: { orgId: string; campaignId?: string }) {
  const existing = useQuery(CAMPAIGN_QUERY, { variables: { id: campaignId ?? '' }, skip: !campaignId });
  if (campaignId && existing.error) return <ErrorState title="Could not load the campaign" problem={toApiProblem(existing.error)} onRetry={() => void existing.refetch()} />;
  if (campaignId && !existing.data) return <LoadingState label="Loading the campaign…" />;
  if (campaignId && !existing.data?.campaign) return <ErrorState title="Campaign not found" problem={{ code: 'NOT_FOUND', message: 'It may have been deleted, or it belongs to another organisation.', fields: [] }} />;
  return <CampaignForm key={campaignId ?? 'new'} organisationId={orgId} campaign={existing.data?.campaign ?? null} />;
}

interface Draft {
  name: string; description: string; goal: string; goalCount: string; startsOn: string; endsOn: string; status: CampaignStatus;
  targetSegmentId: string; channels: ResponseChannel[]; team: TeamEntry[];
}

const toDraft = (c: CampaignItem | null): Draft => ({
  name: c?.name ?? '', description: c?.description ?? '', goal: c?.goal ?? '', goalCount: c?.goalCount == null ? '' : String(c.goalCount),
  startsOn: c?.startsOn?.slice(0, 10) ?? '', endsOn: c?.endsOn?.slice(0, 10) ?? '', status: c?.status ?? 'DRAFT', targetSegmentId: c?.targetSegmentId ?? '',
  channels: c?.channels ?? [], team: c?.team.map((m) => ({ userId: m.userId, role: m.role })) ?? [],
});

function CampaignForm({ organisationId, campaign }: { organisationId: string; campaign: CampaignItem | null }) {
  const navigate = useNavigate();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => toDraft(campaign));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const segments = useQuery(SEGMENT_OPTIONS_QUERY, { variables: { organisationId } });
  const team = useTeamCandidates(organisationId, campaign?.team ?? []);
  const [create, { loading: creating }] = useMutation(CREATE_CAMPAIGN_MUTATION);
  const [update, { loading: updating }] = useMutation(UPDATE_CAMPAIGN_MUTATION);
  useEffect(() => setProblem(null), [draft]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setLocalError((e) => (e[key] ? { ...e, [key]: '' } : e)); // a corrected field loses its message
  };

  const check = (): Record<string, string> => {
    const errors: Record<string, string> = {};
    if (!draft.name.trim()) errors.name = 'Give the campaign a name.';
    if (draft.goalCount && !/^\d{1,9}$/.test(draft.goalCount.trim())) errors.goalCount = 'A whole number, or leave it empty.';
    if (draft.startsOn && draft.endsOn && draft.endsOn < draft.startsOn) errors.endsOn = 'The end is before the start.';
    return errors;
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const errors = check();
    setLocalError(errors);
    if (Object.keys(errors).length) return;
    const input = {
      name: draft.name.trim(), description: draft.description.trim() || null, goal: draft.goal.trim() || null,
      goalCount: draft.goalCount.trim() ? Number(draft.goalCount) : null, startsOn: draft.startsOn || null, endsOn: draft.endsOn || null,
      status: draft.status, targetSegmentId: draft.targetSegmentId || null, channels: draft.channels, team: draft.team,
    };
    try {
      const res = campaign ? await update({ variables: { id: campaign.id, input } }) : await create({ variables: { input: { organisationId, ...input } } });
      if (res.error) throw res.error;
      const saved = campaign ? (res.data as { updateCampaign: CampaignItem }).updateCampaign : (res.data as { createCampaign: CampaignItem }).createCampaign;
      toast.notify({ tone: 'success', title: campaign ? 'Campaign saved' : 'Campaign created', body: `“${saved.name}” is ${CAMPAIGN_STATUS_LABELS[saved.status].toLowerCase()}.` });
      navigate(`/orgs/${organisationId}/campaigns/${saved.id}`);
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };
  const fieldError = (key: string) => localError[key] || (problem?.fields.find((f) => f.path === `input.${key}` || f.path === key)?.message ?? null);
  const segmentOptions = (segments.data?.segments.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.frozenAt ? `${e.node.name} (snapshot)` : e.node.name }));
  if (campaign?.targetSegment && !segmentOptions.some((o) => o.value === campaign.targetSegment!.id)) segmentOptions.unshift({ value: campaign.targetSegment.id, label: campaign.targetSegment.name });

  return (
    <>
      <PageHeader title={campaign ? `Edit “${campaign.name}”` : 'New campaign'} description="What the campaign is for, when it runs, whom it targets and who works on it." />
      <form className="mu-stack" onSubmit={(e) => void save(e)} noValidate aria-label={campaign ? 'Edit campaign' : 'New campaign'}>
        <Card title="Details">
          <div className="mu-stack">
            <TextField label="Name" required value={draft.name} maxLength={200} onChange={(e) => set('name', e.target.value)} error={fieldError('name')} data-testid="campaign-name" />
            <TextAreaField label="Description (optional)" value={draft.description} maxLength={4000} onChange={(e) => set('description', e.target.value)} data-testid="campaign-description" />
            <div className="cmp-form-grid">
              <TextField label="Goal (optional)" hint="In words, e.g. “Win the pay ballot”." value={draft.goal} maxLength={500} onChange={(e) => set('goal', e.target.value)} error={fieldError('goal')} data-testid="campaign-goal" />
              <TextField label="Goal count (optional)" hint="How many completed actions would be success." inputMode="numeric" value={draft.goalCount} onChange={(e) => set('goalCount', e.target.value)} error={fieldError('goalCount')} data-testid="campaign-goal-count" />
            </div>
          </div>
        </Card>
        <Card title="When and status">
          <div className="cmp-form-grid">
            <DateField label="Starts on" value={draft.startsOn} onChange={(e) => set('startsOn', e.target.value)} error={fieldError('startsOn')} data-testid="campaign-starts-on" />
            <DateField label="Ends on" value={draft.endsOn} min={draft.startsOn || undefined} onChange={(e) => set('endsOn', e.target.value)} error={fieldError('endsOn')} data-testid="campaign-ends-on" />
            <SelectField label="Status" value={draft.status} options={options(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS)} onChange={(e) => set('status', e.target.value as CampaignStatus)} error={fieldError('status')} data-testid="campaign-status-select"
              hint="Draft: being planned. Active: members are being asked. Archived: kept for the record." />
          </div>
        </Card>
        <Card title="Whom and how">
          <div className="mu-stack">
            <SelectField label="Target segment" placeholder={segments.loading ? 'Loading segments…' : 'No target segment'} value={draft.targetSegmentId} options={segmentOptions}
              onChange={(e) => set('targetSegmentId', e.target.value)} error={fieldError('targetSegmentId')} data-testid="campaign-segment"
              hint="The members this campaign asks. Build segments under Segments." />
            <CheckboxGroup legend="Channels" testId="campaign-channels" options={options(RESPONSE_CHANNELS, RESPONSE_CHANNEL_LABELS)} value={draft.channels} onChange={(next) => set('channels', next)} />
          </div>
        </Card>
        <Card title="Team" description="The people working on this campaign and what they do.">
          <TeamPicker value={draft.team} onChange={(next) => set('team', next)} candidates={team.candidates} complete={team.complete} />
        </Card>
        {problem ? (
          <Callout tone="danger" title="Could not save the campaign">
            <span data-testid="save-problem" data-code={problem.code}>{problem.fields[0]?.message ?? problem.message}</span>
            <span className="admin-muted"> (error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
          </Callout>
        ) : null}
        <div className="mu-row">
          <Button type="submit" variant="primary" busy={creating || updating} data-testid="save-campaign">{campaign ? 'Save campaign' : 'Create campaign'}</Button>
          <Button onClick={() => navigate(campaign ? `/orgs/${organisationId}/campaigns/${campaign.id}` : `/orgs/${organisationId}/campaigns`)}>Cancel</Button>
        </div>
      </form>
    </>
  );
}
