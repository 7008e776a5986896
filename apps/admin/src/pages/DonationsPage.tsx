import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { useCapabilities } from '@muster/access-ui';
import { formatPence } from '@muster/insights-ui';
import {
  Badge, Button, Card, DateField, EmptyState, ErrorState, FilterBar, FilterChip, LoadingState, PageHeader, Pagination, SelectField, StatCard, Table,
  formatDateTime, formatNumber, pluralise, toApiProblem, type Column,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import { DONATIONS_QUERY, DONATION_CAMPAIGN_OPTIONS_QUERY, DONATION_TOTALS_QUERY, type DonationItem, type DonationKind } from '../modules/donation/graphql/donation.graphql';
import { RefundDialog } from '../modules/donation/components/RefundDialog';
import { RecordDonationDialog } from '../modules/donation/components/RecordDonationDialog';
import { DonationPlansSection } from '../modules/donation/components/DonationPlansSection';
import {
  DONATION_KINDS, DONATION_KIND_LABELS, DONATION_STATUSES, DONATION_STATUS_LABELS, DONATION_STATUS_TONES, dayBoundary, refundable,
} from '../modules/donation/lib/donation-labels';
import { CheckboxGroup } from '../modules/campaign/components/CheckboxGroup';
import { RESPONSE_CHANNEL_LABELS, options } from '../modules/campaign/lib/campaign-labels';
import { nextParams, pageOf, readList } from '../modules/campaign/lib/list-params';
import '../modules/campaign/campaign.css';

const PAGE_SIZE = 25;

/**
 * The organisation's donations, newest first, filtered in the URL (?status=&kind=&campaign=&from=&to=), with refunds;
 * below them its monthly plans (DonationPlansSection), which staff may cancel.
 */
export function DonationsPage() {
  const { orgId = '' } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="donation:read" what="see donations">
      <DonationsList orgId={orgId} />
    </RequireCapability>
  );
}

function DonationsList({ orgId }: { orgId: string }) {
  const [params, setParams] = useSearchParams();
  const caps = useCapabilities(orgId);
  const status = readList(params, 'status', DONATION_STATUSES);
  const kind = readList(params, 'kind', DONATION_KINDS)[0];
  const campaign = params.get('campaign') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const after = params.get('after') ?? '';
  const page = pageOf(params);
  const [refunding, setRefunding] = useState<DonationItem | null>(null);
  const [recording, setRecording] = useState(false);
  const fromIso = dayBoundary(from, false);
  const toIso = dayBoundary(to, true);
  const filter = { ...(status.length ? { status } : {}), ...(kind ? { kind } : {}), ...(fromIso ? { from: fromIso } : {}), ...(toIso ? { to: toIso } : {}) };
  const result = useQuery(DONATIONS_QUERY, {
    variables: { organisationId: orgId, first: PAGE_SIZE, ...(after ? { after } : {}), ...(campaign ? { campaignId: campaign } : {}), ...(Object.keys(filter).length ? { filter } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const totals = useQuery(DONATION_TOTALS_QUERY, {
    variables: { organisationId: orgId, ...(campaign ? { campaignId: campaign } : {}), ...(fromIso ? { from: fromIso } : {}), ...(toIso ? { to: toIso } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const campaigns = useQuery(DONATION_CAMPAIGN_OPTIONS_QUERY, { variables: { organisationId: orgId } });
  const campaignNames = new Map((campaigns.data?.campaigns.edges ?? []).map((e) => [e.node.id, e.node.name]));
  const connection = result.data?.donations ?? result.previousData?.donations;
  const go = (changes: Record<string, string | readonly string[] | undefined>) => setParams(nextParams(params, changes));
  const filtered = Boolean(status.length || kind || campaign || from || to);
  const canRefund = caps.can('donation:write');
  const t = totals.data?.donationTotals;

  const columns: Column<DonationItem>[] = [
    { key: 'when', header: 'Date', render: (d) => formatDateTime(d.succeededAt ?? d.createdAt) },
    {
      key: 'donor', header: 'Donor', primary: true,
      render: (d) => (d.member ? <Link to={`/orgs/${orgId}/members/${d.member.id}`} data-testid="donation-member">{d.member.fullName}</Link> : <span className="cmp-muted">Not linked to a member</span>),
    },
    {
      key: 'amount', header: 'Amount', align: 'end',
      render: (d) => (
        <span className="cmp-amounts" data-testid="donation-amount" data-value={d.amountPence}>
          {formatPence(d.amountPence, d.currency)}
          {d.refundedPence ? <span className="cmp-muted"> ({formatPence(d.refundedPence, d.currency)} refunded)</span> : null}
        </span>
      ),
    },
    { key: 'status', header: 'Status', render: (d) => <span data-testid="donation-status" data-value={d.status} title={d.failureMessage ?? undefined}><Badge tone={DONATION_STATUS_TONES[d.status]}>{DONATION_STATUS_LABELS[d.status]}</Badge></span> },
    { key: 'kind', header: 'Kind', hideOnSmall: true, render: (d) => DONATION_KIND_LABELS[d.kind] },
    { key: 'giftAid', header: 'Gift Aid', hideOnSmall: true, render: (d) => (d.giftAid ? (d.giftAidPence ? `Yes, ${formatPence(d.giftAidPence)}` : 'Yes') : 'No') },
    { key: 'campaign', header: 'Campaign', hideOnSmall: true, render: (d) => (d.campaignId ? <Link to={`/orgs/${orgId}/campaigns/${d.campaignId}`}>{campaignNames.get(d.campaignId) ?? 'Campaign'}</Link> : '–') },
    { key: 'channel', header: 'Channel', hideOnSmall: true, render: (d) => (d.channel ? RESPONSE_CHANNEL_LABELS[d.channel as keyof typeof RESPONSE_CHANNEL_LABELS] ?? d.channel : '–') },
    ...(canRefund ? [{
      key: 'refund', header: <span className="mu-visually-hidden">Refund</span>, label: 'Refund',
      render: (d: DonationItem) => (refundable(d) > 0 ? <Button size="sm" variant="secondary" onClick={() => setRefunding(d)} data-testid="refund-donation">Refund…</Button> : null),
    }] : []),
  ];

  const chips = [
    ...status.map((s) => <FilterChip key={s} label={`Status: ${DONATION_STATUS_LABELS[s]}`} onRemove={() => go({ status: status.filter((x) => x !== s) })} />),
    kind ? <FilterChip key="kind" label={`Kind: ${DONATION_KIND_LABELS[kind]}`} onRemove={() => go({ kind: '' })} /> : null,
    campaign ? <FilterChip key="campaign" label={`Campaign: ${campaignNames.get(campaign) ?? 'one campaign'}`} onRemove={() => go({ campaign: '' })} /> : null,
    from || to ? <FilterChip key="dates" label={`Dates: ${from || '…'} to ${to || 'today'}`} onRemove={() => go({ from: '', to: '' })} /> : null,
  ].filter(Boolean);

  let body;
  if (result.error && !connection) body = <ErrorState title="Could not load donations" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  else if (!connection) body = <LoadingState label="Loading donations…" />;
  else if (connection.edges.length === 0) {
    body = filtered
      ? <EmptyState title="No donations match these filters" testId="donations-empty" action={<Button onClick={() => setParams(new URLSearchParams())}>Clear filters</Button>}>Try a wider date range or another status.</EmptyState>
      : <EmptyState title="No donations yet" testId="donations-empty">Donations made on a donation action’s page, or recorded by staff, appear here.</EmptyState>;
  } else {
    body = (
      <>
        <Table caption="Donations" captionHidden columns={columns} rows={connection.edges.map((e) => e.node)} rowKey={(d) => d.id} busy={result.loading} rowTestId="donation-row" />
        <Pagination
          hasPrevious={page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => (page <= 2 ? go({ after: '', page: '' }) : window.history.back())}
          onNext={() => go({ after: connection.pageInfo.endCursor ?? '', page: String(page + 1) })}
          pageSize={PAGE_SIZE}
          pageSizeOptions={[PAGE_SIZE]}
          summary={<span data-testid="donations-total" data-value={connection.totalCount}>{pluralise(connection.totalCount, 'donation')}{page > 1 ? `, page ${page}` : ''}</span>}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Donations" description="One-off and recurring gifts, Gift Aid and refunds. Amounts in pounds; stored to the penny."
        actions={canRefund ? <Button variant="primary" onClick={() => setRecording(true)} data-testid="record-donation">Record a gift</Button> : undefined} />
      <div className="mu-stack">
        {t ? (
          <div className="campaign-results__stats" data-testid="donation-totals">
            <StatCard testId="donations-net" label="Net of refunds" value={<span data-value={t.netPence ?? undefined}>{t.netPence === null ? 'Withheld' : formatPence(t.netPence)}</span>} detail={`${formatPence(t.totalPence)} given, ${formatPence(t.refundedPence)} refunded`} />
            <StatCard testId="donations-count" label="Donations" value={<span data-value={t.count ?? undefined}>{formatNumber(t.count)}</span>} detail={`${formatNumber(t.recurringCount)} recurring`} />
            <StatCard testId="donations-gift-aid" label="Gift Aid to claim" value={formatPence(t.giftAidPence)} detail="25% of eligible gifts" />
          </div>
        ) : null}
        <Card>
          <FilterBar label="Donation filters" chips={chips.length ? chips : undefined} onClearAll={() => setParams(new URLSearchParams())}>
            <div className="cmp-filters">
              <CheckboxGroup legend="Status" testId="filter-donation-status" options={options(DONATION_STATUSES, DONATION_STATUS_LABELS)} value={status} onChange={(next) => go({ status: next })} />
              <SelectField label="Kind" placeholder="Any kind" value={kind ?? ''} options={options(DONATION_KINDS, DONATION_KIND_LABELS)} onChange={(e) => go({ kind: e.target.value as DonationKind | '' })} data-testid="filter-kind" />
              <SelectField label="Campaign" placeholder="Every campaign" value={campaign} options={[...campaignNames].map(([value, label]) => ({ value, label }))} onChange={(e) => go({ campaign: e.target.value })} data-testid="filter-campaign" />
              <DateField label="From" value={from} max={to || undefined} onChange={(e) => go({ from: e.target.value })} data-testid="filter-from" />
              <DateField label="To" value={to} min={from || undefined} onChange={(e) => go({ to: e.target.value })} data-testid="filter-to" />
            </div>
          </FilterBar>
        </Card>
        <Card>{body}</Card>
        <DonationPlansSection orgId={orgId} canCancel={canRefund} campaignNames={campaignNames} />
      </div>
      <RecordDonationDialog open={recording} organisationId={orgId} campaigns={[...campaignNames].map(([value, label]) => ({ value, label }))} defaultCampaignId={campaign || undefined}
        onClose={() => setRecording(false)} onRecorded={() => { void result.refetch(); void totals.refetch(); }} />
      <RefundDialog donation={refunding} onClose={() => setRefunding(null)} onRefunded={() => { void result.refetch(); void totals.refetch(); }} />
    </>
  );
}
