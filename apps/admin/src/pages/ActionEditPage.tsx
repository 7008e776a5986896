import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Button, Callout, Card, ErrorState, LoadingState, PageHeader, SelectField, TextAreaField, TextField, toApiProblem, useToast, type ApiProblem,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import {
  ACTION_QUERY, CAMPAIGN_QUERY, CREATE_ACTION_MUTATION, UPDATE_ACTION_MUTATION, type ActionItem, type ActionStatus, type ActionType,
} from '../modules/campaign/graphql/campaign.graphql';
import { ACTION_STATUSES, ACTION_STATUS_LABELS, ACTION_TYPES, ACTION_TYPE_LABELS, options } from '../modules/campaign/lib/campaign-labels';
import {
  REMINDER_PRESETS, describeOffset, fromLocalInput, normaliseOffsets, parsePoundsList, penceToPoundsText, toLocalInput,
} from '../modules/campaign/lib/action-form';
import '../modules/campaign/campaign.css';

/**
 * New action in a campaign (/campaigns/:campaignId/actions/new) or edit one (/actions/:actionId/edit): type, title,
 * dates and reminders, the public page's text, and the exact consent wording the page shows.
 */
export function ActionEditPage() {
  const { orgId = '', campaignId, actionId } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="campaign:write" what={actionId ? 'edit actions' : 'add actions'}>
      <ActionEditLoader orgId={orgId} campaignId={campaignId} actionId={actionId} />
    </RequireCapability>
  );
}

function ActionEditLoader({ orgId, campaignId, actionId }: { orgId: string; campaignId?: string; actionId?: string }) {
  const existing = useQuery(ACTION_QUERY, { variables: { id: actionId ?? '' }, skip: !actionId });
  const campaign = useQuery(CAMPAIGN_QUERY, { variables: { id: campaignId ?? '' }, skip: !campaignId });
  const error = existing.error ?? campaign.error;
  if (error) return <ErrorState title="Could not load the action" problem={toApiProblem(error)} onRetry={() => void (actionId ? existing.refetch() : campaign.refetch())} />;
  if ((actionId && !existing.data) || (campaignId && !campaign.data)) return <LoadingState label="Loading…" />;
  const action = existing.data?.action ?? null;
  const parent = action?.campaign ?? campaign.data?.campaign ?? null;
  if (!parent || (actionId && !action)) {
    return <ErrorState title={actionId ? 'Action not found' : 'Campaign not found'} problem={{ code: 'NOT_FOUND', message: 'It may have been deleted, or it belongs to another organisation.', fields: [] }} />;
  }
  return <ActionForm key={action?.id ?? 'new'} organisationId={orgId} campaign={parent} action={action} />;
}

interface Draft {
  type: ActionType; title: string; description: string; status: ActionStatus; goalCount: string;
  startsAt: string; endsAt: string; dueAt: string; reminders: number[];
  headline: string; body: string; buttonLabel: string; amounts: string; thankYou: string; consentWording: string;
}

const DEFAULT_CONSENT = 'Yes, keep me updated about this campaign by text and email. I can unsubscribe at any time.';

const toDraft = (a: ActionItem | null): Draft => ({
  type: a?.type ?? 'PETITION', title: a?.title ?? '', description: a?.description ?? '', status: a?.status ?? 'DRAFT', goalCount: a?.goalCount == null ? '' : String(a.goalCount),
  startsAt: toLocalInput(a?.startsAt), endsAt: toLocalInput(a?.endsAt), dueAt: toLocalInput(a?.dueAt), reminders: a?.reminderOffsetsMinutes ?? [1440, 120],
  headline: a?.page.headline ?? '', body: a?.page.body ?? '', buttonLabel: a?.page.buttonLabel ?? '', amounts: penceToPoundsText(a?.page.donationAmountsPence ?? []),
  thankYou: a?.page.thankYou ?? '', consentWording: a?.consentWording ?? '',
});

function ActionForm({ organisationId, campaign, action }: { organisationId: string; campaign: { id: string; name: string }; action: ActionItem | null }) {
  const navigate = useNavigate();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => toDraft(action));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [create, { loading: creating }] = useMutation(CREATE_ACTION_MUTATION);
  const [update, { loading: updating }] = useMutation(UPDATE_ACTION_MUTATION);
  useEffect(() => setProblem(null), [draft]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: '' } : e)); // a corrected field loses its message
  };
  const offered = normaliseOffsets([...REMINDER_PRESETS, ...draft.reminders]);
  const timed = draft.type === 'EVENT' || draft.type === 'PHONE_BANK_SIGNUP';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!draft.title.trim()) found.title = 'Give the action a title.';
    if (draft.goalCount && !/^\d{1,9}$/.test(draft.goalCount.trim())) found.goalCount = 'A whole number, or leave it empty.';
    if (draft.startsAt && draft.endsAt && draft.endsAt < draft.startsAt) found.endsAt = 'The end is before the start.';
    const amounts = parsePoundsList(draft.amounts);
    if ('problem' in amounts) found.amounts = amounts.problem;
    setErrors(found);
    if (Object.keys(found).length || 'problem' in amounts) return;
    const input = {
      type: draft.type, title: draft.title.trim(), description: draft.description.trim() || null, status: draft.status,
      goalCount: draft.goalCount.trim() ? Number(draft.goalCount) : null,
      startsAt: fromLocalInput(draft.startsAt), endsAt: fromLocalInput(draft.endsAt), dueAt: fromLocalInput(draft.dueAt),
      reminderOffsetsMinutes: normaliseOffsets(draft.reminders),
      page: {
        headline: draft.headline.trim() || null, body: draft.body.trim() || null, buttonLabel: draft.buttonLabel.trim() || null,
        donationAmountsPence: amounts.pence, thankYou: draft.thankYou.trim() || null,
      },
      consentWording: draft.consentWording.trim() || null,
    };
    try {
      const res = action ? await update({ variables: { id: action.id, input } }) : await create({ variables: { input: { campaignId: campaign.id, ...input } } });
      if (res.error) throw res.error;
      const saved = action ? (res.data as { updateAction: ActionItem }).updateAction : (res.data as { createAction: ActionItem }).createAction;
      toast.notify({ tone: 'success', title: action ? 'Action saved' : 'Action created', body: `“${saved.title}” is ${ACTION_STATUS_LABELS[saved.status].toLowerCase()}.` });
      navigate(`/orgs/${organisationId}/actions/${saved.id}`);
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };
  const fieldError = (key: string, apiPath = `input.${key}`) => errors[key] || (problem?.fields.find((f) => f.path === apiPath)?.message ?? null);

  return (
    <>
      <PageHeader title={action ? `Edit “${action.title}”` : 'New action'} description={<>In the campaign <strong>{campaign.name}</strong>.</>} />
      <form className="mu-stack" onSubmit={(e) => void save(e)} noValidate aria-label={action ? 'Edit action' : 'New action'}>
        <Card title="What members are asked to do">
          <div className="mu-stack">
            <div className="cmp-form-grid">
              <SelectField label="Type" value={draft.type} options={options(ACTION_TYPES, ACTION_TYPE_LABELS)} onChange={(e) => set('type', e.target.value as ActionType)} data-testid="action-type" />
              <SelectField label="Status" value={draft.status} options={options(ACTION_STATUSES, ACTION_STATUS_LABELS)} onChange={(e) => set('status', e.target.value as ActionStatus)} data-testid="action-status-select"
                hint="Only an open action's page takes sign-ups." />
              <TextField label="Goal count (optional)" inputMode="numeric" value={draft.goalCount} onChange={(e) => set('goalCount', e.target.value)} error={fieldError('goalCount')} data-testid="action-goal-count" />
            </div>
            <TextField label="Title" required value={draft.title} maxLength={200} onChange={(e) => set('title', e.target.value)} error={fieldError('title')} data-testid="action-title" />
            <TextAreaField label="Description for the team (optional)" value={draft.description} maxLength={4000} onChange={(e) => set('description', e.target.value)} data-testid="action-description" />
          </div>
        </Card>
        <Card title="When" description={timed ? 'An event or shift has a start and an end; commitments fall due at the start unless you set another time.' : 'When a commitment falls due (a pledge date, a deadline), if it has one.'}>
          <div className="mu-stack">
            <div className="cmp-form-grid">
              <TextField type="datetime-local" label="Starts" value={draft.startsAt} onChange={(e) => set('startsAt', e.target.value)} error={fieldError('startsAt')} data-testid="action-starts-at" />
              <TextField type="datetime-local" label="Ends" value={draft.endsAt} min={draft.startsAt || undefined} onChange={(e) => set('endsAt', e.target.value)} error={fieldError('endsAt')} data-testid="action-ends-at" />
              <TextField type="datetime-local" label="Falls due" value={draft.dueAt} onChange={(e) => set('dueAt', e.target.value)} error={fieldError('dueAt')} data-testid="action-due-at"
                hint="Reminders are sent before this time." />
            </div>
            <fieldset className="cmp-checks" data-testid="action-reminders">
              <legend>Remind members who committed</legend>
              {offered.map((m) => (
                <label key={m}>
                  <input type="checkbox" value={m} checked={draft.reminders.includes(m)}
                    onChange={(e) => set('reminders', e.target.checked ? normaliseOffsets([...draft.reminders, m]) : draft.reminders.filter((x) => x !== m))} />
                  {describeOffset(m)} before
                </label>
              ))}
            </fieldset>
          </div>
        </Card>
        <Card title="Public page" description="What a member sees when they open the action's link: keep it short, it is read on a phone.">
          <div className="mu-stack">
            <TextField label="Headline" value={draft.headline} maxLength={200} onChange={(e) => set('headline', e.target.value)} error={fieldError('headline', 'input.page.headline')} data-testid="action-headline" />
            <TextAreaField label="Text" value={draft.body} maxLength={8000} rows={5} onChange={(e) => set('body', e.target.value)} error={fieldError('body', 'input.page.body')} data-testid="action-body" />
            <div className="cmp-form-grid">
              <TextField label="Button label" placeholder="Sign up" value={draft.buttonLabel} maxLength={60} onChange={(e) => set('buttonLabel', e.target.value)} data-testid="action-button-label" />
              {draft.type === 'DONATION' ? (
                <TextField label="Suggested amounts (£)" hint="Separated by commas, e.g. 5, 10, 25." value={draft.amounts} onChange={(e) => set('amounts', e.target.value)}
                  error={fieldError('amounts', 'input.page.donationAmountsPence')} data-testid="action-amounts" />
              ) : null}
            </div>
            <TextAreaField label="Thank-you text" value={draft.thankYou} maxLength={2000} onChange={(e) => set('thankYou', e.target.value)} data-testid="action-thank-you" />
            <TextAreaField label="Consent wording" value={draft.consentWording} maxLength={2000} rows={3} onChange={(e) => set('consentWording', e.target.value)} error={fieldError('consentWording')} data-testid="action-consent"
              hint="The exact sentence shown beside the consent box. It is stored with each member's consent, word for word, so change it only with care. Leave it empty to ask for no consent." />
            {!draft.consentWording ? (
              <p><Button size="sm" variant="ghost" onClick={() => set('consentWording', DEFAULT_CONSENT)} data-testid="action-consent-suggest">Use the suggested wording</Button></p>
            ) : null}
          </div>
        </Card>
        {problem ? (
          <Callout tone="danger" title="Could not save the action">
            <span data-testid="save-problem" data-code={problem.code}>{problem.fields[0] ? `${problem.fields[0].path}: ${problem.fields[0].message}` : problem.message}</span>
            <span className="admin-muted"> (error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
          </Callout>
        ) : null}
        <div className="mu-row">
          <Button type="submit" variant="primary" busy={creating || updating} data-testid="save-action">{action ? 'Save action' : 'Create action'}</Button>
          <Button onClick={() => navigate(action ? `/orgs/${organisationId}/actions/${action.id}` : `/orgs/${organisationId}/campaigns/${campaign.id}`)}>Cancel</Button>
        </div>
      </form>
    </>
  );
}
