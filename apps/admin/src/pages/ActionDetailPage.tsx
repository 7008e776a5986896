import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { useCapabilities } from '@muster/access-ui';
import {
  Button, Card, ConfirmDialog, DescriptionList, EmptyState, ErrorState, LoadingState, PageHeader, buttonClass, formatDateTime, formatNumber, toApiProblem, useToast,
} from '@muster/ui';
import { formatPence } from '@muster/insights-ui';
import { RequireCapability } from '../lib/RequireCapability';
import { ACTION_QUERY, CAMPAIGN_QUERY, DELETE_ACTION_MUTATION } from '../modules/campaign/graphql/campaign.graphql';
import { ActionStatusBadge } from '../modules/campaign/components/CampaignStatusBadge';
import { ResponsesList } from '../modules/campaign/components/ResponsesList';
import { RecordResponseDialog } from '../modules/campaign/components/RecordResponseDialog';
import { TrackedLinkCard } from '../modules/campaign/components/TrackedLinkCard';
import { ACTION_TYPE_LABELS } from '../modules/campaign/lib/campaign-labels';
import { describeOffset } from '../modules/campaign/lib/action-form';
import '../modules/campaign/campaign.css';

/** One action: what it asks, when, its public page and tracked links, and its responses (with moves). */
export function ActionDetailPage() {
  const { orgId = '', actionId = '' } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="campaign:read" what="see actions">
      <ActionDetail orgId={orgId} actionId={actionId} />
    </RequireCapability>
  );
}

function ActionDetail({ orgId, actionId }: { orgId: string; actionId: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const caps = useCapabilities(orgId);
  const result = useQuery(ACTION_QUERY, { variables: { id: actionId }, fetchPolicy: 'cache-and-network' });
  const campaignId = result.data?.action?.campaignId ?? '';
  const campaign = useQuery(CAMPAIGN_QUERY, { variables: { id: campaignId }, skip: !campaignId });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [recording, setRecording] = useState(false);
  const [listKey, setListKey] = useState(0);
  const [remove, { loading: deleting }] = useMutation(DELETE_ACTION_MUTATION);

  if (result.error && !result.data) return <ErrorState title="Could not load the action" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  if (!result.data) return <LoadingState label="Loading the action…" />;
  const action = result.data.action;
  if (!action || action.organisationId !== orgId) {
    return (
      <EmptyState title="Action not found" testId="action-not-found" action={<Link className={buttonClass('primary')} to={`/orgs/${orgId}/campaigns`}>All campaigns</Link>}>
        It may have been deleted, or it belongs to another organisation.
      </EmptyState>
    );
  }
  const canWrite = caps.can('campaign:write');
  const team = (campaign.data?.campaign?.team ?? []).map((m) => ({ id: m.userId, name: m.name ?? m.email ?? m.userId }));

  const doDelete = async () => {
    try {
      const res = await remove({ variables: { id: action.id } });
      if (res.error) throw res.error;
      toast.notify({ tone: 'success', title: 'Action deleted', body: `“${action.title}” was deleted.` });
      navigate(`/orgs/${orgId}/campaigns/${action.campaignId}`);
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not delete the action', body: `${p.message} (${p.code}). An action members have responded to is kept: close it instead.` });
    } finally {
      setConfirmDelete(false);
    }
  };

  return (
    <>
      <PageHeader
        title={<span data-testid="action-title">{action.title}</span>}
        description={
          <span>
            <ActionStatusBadge status={action.status} /> {ACTION_TYPE_LABELS[action.type]} in <Link to={`/orgs/${orgId}/campaigns/${action.campaignId}`} data-testid="action-campaign">{action.campaign.name}</Link>
          </span>
        }
        actions={canWrite ? (
          <>
            <Link className={buttonClass('secondary')} to={`/orgs/${orgId}/actions/${action.id}/edit`} data-testid="edit-action">Edit</Link>
            <Button variant="danger" onClick={() => setConfirmDelete(true)} data-testid="delete-action">Delete</Button>
          </>
        ) : undefined}
      />
      <div className="mu-stack">
        <Card title="About" description={action.description ?? undefined}>
          <DescriptionList items={[
            { term: 'Starts', description: formatDateTime(action.startsAt) },
            { term: 'Ends', description: formatDateTime(action.endsAt) },
            { term: 'Falls due', description: formatDateTime(action.dueAt) },
            { term: 'Reminders', description: action.reminderOffsetsMinutes.length ? action.reminderOffsetsMinutes.map((m) => `${describeOffset(m)} before`).join(', ') : 'None', testId: 'action-reminders' },
            { term: 'Goal', description: action.goalCount == null ? 'Not set' : formatNumber(action.goalCount) },
          ]} />
        </Card>
        <TrackedLinkCard action={action} canWrite={canWrite} />
        <Card title="What the page says">
          <DescriptionList items={[
            { term: 'Headline', description: action.page.headline ?? '–' },
            { term: 'Text', description: action.page.body ? <span style={{ whiteSpace: 'pre-wrap' }}>{action.page.body}</span> : '–' },
            { term: 'Button', description: action.page.buttonLabel ?? '–' },
            ...(action.type === 'DONATION' ? [{ term: 'Suggested amounts', description: action.page.donationAmountsPence.map((p) => formatPence(p)).join(', ') || '–' }] : []),
            { term: 'Thank-you text', description: action.page.thankYou ?? '–' },
            { term: 'Consent wording', testId: 'action-consent-wording', description: action.consentWording ? <blockquote className="cmp-quote">{action.consentWording}</blockquote> : 'No consent is asked for.' },
          ]} />
        </Card>
        {caps.can('response:read') ? (
          <Card title="Responses"
            actions={caps.can('response:write') ? <Button variant="primary" onClick={() => setRecording(true)} data-testid="record-response">Record a response</Button> : undefined}>
            <ResponsesList key={listKey} organisationId={orgId} actionId={action.id} volunteers={team} canWrite={caps.can('response:write')} />
          </Card>
        ) : null}
      </div>
      <RecordResponseDialog open={recording} organisationId={orgId} actionId={action.id} team={team} onClose={() => setRecording(false)} onRecorded={() => setListKey((k) => k + 1)} />
      {confirmDelete ? <ConfirmDialog open title={`Delete “${action.title}”?`} confirmLabel="Delete action" tone="danger" busy={deleting}
        onCancel={() => setConfirmDelete(false)} onConfirm={() => void doDelete()}>
        Its page stops working at once. An action members have already responded to cannot be deleted: close it instead.
      </ConfirmDialog> : null}
    </>
  );
}
