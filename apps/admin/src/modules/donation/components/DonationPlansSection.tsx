import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { formatPence } from '@muster/insights-ui';
import { Badge, Button, Card, EmptyState, ErrorState, LoadingState, Pagination, Table, formatDateTime, pluralise, toApiProblem, type Column } from '@muster/ui';
import { CheckboxGroup } from '../../campaign/components/CheckboxGroup';
import { RESPONSE_CHANNEL_LABELS, options } from '../../campaign/lib/campaign-labels';
import { readList } from '../../campaign/lib/list-params';
import { DONATION_PLANS_QUERY, type DonationPlanItem } from '../graphql/donation.graphql';
import { DONATION_PLAN_STATUSES, DONATION_PLAN_STATUS_LABELS, DONATION_PLAN_STATUS_TONES, cancellable } from '../lib/donation-labels';
import { CancelPlanDialog } from './CancelPlanDialog';

const PAGE_SIZE = 25;

/**
 * The organisation's monthly plans, newest first: a status filter and paging of their own in the URL (?planStatus=,
 * ?planAfter=, ?planPage=, beside the donations list's), and "Cancel plan…" for staff who may change donations.
 */
export function DonationPlansSection({ orgId, canCancel, campaignNames }: { orgId: string; canCancel: boolean; campaignNames: ReadonlyMap<string, string> }) {
  const [params, setParams] = useSearchParams();
  const status = readList(params, 'planStatus', DONATION_PLAN_STATUSES);
  const after = params.get('planAfter') ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('planPage'))) || 1);
  const [cancelling, setCancelling] = useState<DonationPlanItem | null>(null);
  const result = useQuery(DONATION_PLANS_QUERY, {
    variables: { organisationId: orgId, first: PAGE_SIZE, ...(after ? { after } : {}), ...(status.length ? { status } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const connection = result.data?.donationPlans ?? result.previousData?.donationPlans;
  /** Changes only the plans' parameters (the donations list keeps its page); a new filter starts at page 1. */
  const go = (changes: { planStatus?: readonly string[]; planAfter?: string; planPage?: string }) => {
    const next = new URLSearchParams(params);
    if (!('planAfter' in changes)) {
      next.delete('planAfter');
      next.delete('planPage');
    }
    for (const [key, value] of Object.entries(changes)) {
      const text = Array.isArray(value) ? value.join(',') : (value as string | undefined) ?? '';
      if (text) next.set(key, text);
      else next.delete(key);
    }
    setParams(next);
  };

  const columns: Column<DonationPlanItem>[] = [
    { key: 'since', header: 'Started', render: (p) => formatDateTime(p.startedAt ?? p.createdAt) },
    {
      key: 'donor', header: 'Donor', primary: true,
      render: (p) => (p.member ? <Link to={`/orgs/${orgId}/members/${p.member.id}`} data-testid="plan-member">{p.member.fullName}</Link> : <span className="cmp-muted">Not linked to a member</span>),
    },
    {
      key: 'amount', header: 'Amount', align: 'end',
      render: (p) => <span data-testid="plan-amount" data-value={p.amountPence}>{formatPence(p.amountPence, p.currency)} {p.interval === 'YEAR' ? 'a year' : 'a month'}</span>,
    },
    {
      key: 'status', header: 'Status',
      render: (p) => (
        <span data-testid="plan-status" data-value={p.status} title={p.cancelledAt ? `Cancelled ${formatDateTime(p.cancelledAt)}` : undefined}>
          <Badge tone={DONATION_PLAN_STATUS_TONES[p.status]}>{DONATION_PLAN_STATUS_LABELS[p.status]}</Badge>
        </span>
      ),
    },
    {
      key: 'failed', header: 'Failed payments', hideOnSmall: true, align: 'end',
      render: (p) => <span title={p.lastFailureMessage ?? undefined}>{p.failedPaymentCount}</span>,
    },
    { key: 'giftAid', header: 'Gift Aid', hideOnSmall: true, render: (p) => (p.giftAid ? 'Yes' : 'No') },
    { key: 'campaign', header: 'Campaign', hideOnSmall: true, render: (p) => (p.campaignId ? <Link to={`/orgs/${orgId}/campaigns/${p.campaignId}`}>{campaignNames.get(p.campaignId) ?? 'Campaign'}</Link> : '–') },
    { key: 'channel', header: 'Channel', hideOnSmall: true, render: (p) => (p.channel ? RESPONSE_CHANNEL_LABELS[p.channel as keyof typeof RESPONSE_CHANNEL_LABELS] ?? p.channel : '–') },
    ...(canCancel ? [{
      key: 'cancel', header: <span className="mu-visually-hidden">Cancel</span>, label: 'Cancel',
      render: (p: DonationPlanItem) => (cancellable(p) ? <Button size="sm" variant="secondary" onClick={() => setCancelling(p)} data-testid="cancel-plan">Cancel plan…</Button> : null),
    }] : []),
  ];

  let body;
  if (result.error && !connection) body = <ErrorState title="Could not load monthly plans" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  else if (!connection) body = <LoadingState label="Loading monthly plans…" />;
  else if (connection.edges.length === 0) {
    body = status.length
      ? <EmptyState title="No plans match this filter" testId="plans-empty" action={<Button onClick={() => go({ planStatus: [] })}>Show every plan</Button>}>Tick another status, or none for all.</EmptyState>
      : <EmptyState title="No monthly plans yet" testId="plans-empty">When a donor chooses to give monthly on a donation action’s page, their plan appears here.</EmptyState>;
  } else {
    body = (
      <>
        <Table caption="Monthly plans" captionHidden columns={columns} rows={connection.edges.map((e) => e.node)} rowKey={(p) => p.id} busy={result.loading} rowTestId="plan-row" />
        <Pagination
          hasPrevious={page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => (page <= 2 ? go({ planAfter: '', planPage: '' }) : window.history.back())}
          onNext={() => go({ planAfter: connection.pageInfo.endCursor ?? '', planPage: String(page + 1) })}
          pageSize={PAGE_SIZE}
          pageSizeOptions={[PAGE_SIZE]}
          summary={<span data-testid="plans-total" data-value={connection.totalCount}>{pluralise(connection.totalCount, 'plan')}{page > 1 ? `, page ${page}` : ''}</span>}
        />
      </>
    );
  }

  return (
    <section className="mu-stack" aria-labelledby="donation-plans-title" data-testid="donation-plans">
      <h2 id="donation-plans-title">Monthly plans</h2>
      <Card>
        <div className="cmp-filters">
          <CheckboxGroup legend="Plan status" testId="filter-plan-status" options={options(DONATION_PLAN_STATUSES, DONATION_PLAN_STATUS_LABELS)} value={status} onChange={(next) => go({ planStatus: next })} />
        </div>
      </Card>
      <Card>{body}</Card>
      <CancelPlanDialog plan={cancelling} onClose={() => setCancelling(null)} onCancelled={() => void result.refetch()} />
    </section>
  );
}
