import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { RESPONSE_CHANNELS, RESPONSE_STATES } from '@muster/domain';
import {
  Button, EmptyState, ErrorState, FilterBar, FilterChip, LoadingState, Pagination, SelectField, Table, formatDateTime, pluralise, toApiProblem, type Column,
} from '@muster/ui';
import { ACTION_RESPONSES_QUERY, type ActionResponseItem } from '../graphql/campaign.graphql';
import { RESPONSE_CHANNEL_LABELS, RESPONSE_STATE_LABELS, RESPONSE_STATE_ORDER, options } from '../lib/campaign-labels';
import { nextParams, pageOf, readList } from '../lib/list-params';
import { CheckboxGroup } from './CheckboxGroup';
import { MoveResponseDialog } from './MoveResponseDialog';
import { ResponseStateBadge } from './CampaignStatusBadge';

const PAGE_SIZE = 25;

/**
 * Members' responses to one action or to every action of a campaign, newest first, with filters in the URL
 * (?state=&channel=&volunteer=&action=&after=&page=) and, for response:write, a move to another state.
 */
export function ResponsesList({ organisationId, campaignId, actionId, actions, volunteers, canWrite, onChanged }: {
  organisationId: string;
  campaignId?: string;
  actionId?: string;
  /** The campaign's actions, for the action filter (campaign view only). */
  actions?: ReadonlyArray<{ id: string; title: string }>;
  /** People responses can be credited to, for the volunteer filter. */
  volunteers: ReadonlyArray<{ id: string; name: string }>;
  canWrite: boolean;
  onChanged?: () => void;
}) {
  const [params, setParams] = useSearchParams();
  const state = readList(params, 'state', RESPONSE_STATES);
  const channel = readList(params, 'channel', RESPONSE_CHANNELS);
  const volunteer = params.get('volunteer') ?? '';
  const action = actions ? params.get('action') ?? '' : '';
  const after = params.get('after') ?? '';
  const page = pageOf(params);
  const [moving, setMoving] = useState<ActionResponseItem | null>(null);
  const filter = { ...(state.length ? { state } : {}), ...(channel.length ? { channel } : {}), ...(volunteer ? { creditedUserId: volunteer } : {}) };
  const result = useQuery(ACTION_RESPONSES_QUERY, {
    variables: {
      organisationId, first: PAGE_SIZE, ...(after ? { after } : {}), ...(Object.keys(filter).length ? { filter } : {}),
      ...(action || actionId ? { actionId: action || actionId } : {}), ...(campaignId ? { campaignId } : {}),
    },
    fetchPolicy: 'cache-and-network',
  });
  const connection = result.data?.actionResponses ?? result.previousData?.actionResponses;
  const go = (changes: Record<string, string | readonly string[] | undefined>) => setParams(nextParams(params, changes));
  const names = new Map(volunteers.map((v) => [v.id, v.name]));
  const actionNames = new Map((actions ?? []).map((a) => [a.id, a.title]));
  const filtered = Boolean(state.length || channel.length || volunteer || action);

  const columns: Column<ActionResponseItem>[] = [
    {
      key: 'member', header: 'Member', primary: true,
      render: (r) => (r.member ? <Link to={`/orgs/${organisationId}/members/${r.member.id}`} data-testid="response-member">{r.member.fullName}</Link> : <span className="cmp-muted">Member not visible</span>),
    },
    ...(actionId ? [] : [{ key: 'action', header: 'Action', render: (r: ActionResponseItem) => <Link to={`/orgs/${organisationId}/actions/${r.actionId}`}>{r.action.title}</Link> }]),
    { key: 'state', header: 'State', render: (r) => <ResponseStateBadge state={r.state} /> },
    { key: 'channel', header: 'Channel', render: (r) => <span data-testid="response-channel" data-value={r.channel}>{RESPONSE_CHANNEL_LABELS[r.channel]}</span> },
    { key: 'credit', header: 'Credited to', render: (r) => (r.creditedUser ? r.creditedUser.name ?? r.creditedUser.email : '–') },
    { key: 'due', header: 'Due', hideOnSmall: true, render: (r) => formatDateTime(r.dueAt) },
    { key: 'updated', header: 'Last change', hideOnSmall: true, render: (r) => formatDateTime(r.updatedAt) },
    ...(canWrite ? [{
      key: 'move', header: <span className="mu-visually-hidden">Move</span>, label: 'Move',
      render: (r: ActionResponseItem) => <Button size="sm" onClick={() => setMoving(r)} data-testid="move-response" aria-label={`Move ${r.member?.fullName ?? 'member'}’s response`}>Move…</Button>,
    }] : []),
  ];

  const chips = [
    ...state.map((s) => <FilterChip key={`s-${s}`} label={`State: ${RESPONSE_STATE_LABELS[s]}`} onRemove={() => go({ state: state.filter((x) => x !== s) })} />),
    ...channel.map((c) => <FilterChip key={`c-${c}`} label={`Channel: ${RESPONSE_CHANNEL_LABELS[c]}`} onRemove={() => go({ channel: channel.filter((x) => x !== c) })} />),
    volunteer ? <FilterChip key="v" label={`Credited to: ${names.get(volunteer) ?? 'a team member'}`} onRemove={() => go({ volunteer: '' })} /> : null,
    action ? <FilterChip key="a" label={`Action: ${actionNames.get(action) ?? 'one action'}`} onRemove={() => go({ action: '' })} /> : null,
  ].filter(Boolean);
  const clear = () => setParams(nextParams(params, { state: '', channel: '', volunteer: '', action: '' }));

  let body;
  if (result.error && !connection) body = <ErrorState title="Could not load the responses" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  else if (!connection) body = <LoadingState label="Loading responses…" rows={5} />;
  else if (connection.edges.length === 0) {
    body = filtered
      ? <EmptyState title="No responses match these filters" testId="responses-empty" action={<Button onClick={clear}>Clear filters</Button>}>Try another state, channel or person.</EmptyState>
      : <EmptyState title="No responses yet" testId="responses-empty">When members are asked — by a call, a text, the action's page or at an event — their responses show here.</EmptyState>;
  } else {
    body = (
      <>
        <Table caption="Responses" captionHidden columns={columns} rows={connection.edges.map((e) => e.node)} rowKey={(r) => r.id} busy={result.loading} rowTestId="response-row" />
        <Pagination
          hasPrevious={page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => (page <= 2 ? go({ after: '', page: '' }) : window.history.back())}
          onNext={() => go({ after: connection.pageInfo.endCursor ?? '', page: String(page + 1) })}
          pageSize={PAGE_SIZE}
          pageSizeOptions={[PAGE_SIZE]}
          summary={<span data-testid="responses-total" data-value={connection.totalCount}>{pluralise(connection.totalCount, 'response')}{page > 1 ? `, page ${page}` : ''}</span>}
        />
      </>
    );
  }

  return (
    <div className="mu-stack">
      <FilterBar label="Response filters" chips={chips.length ? chips : undefined} onClearAll={clear}>
        <div className="cmp-filters">
          <CheckboxGroup legend="State" testId="filter-state" options={options(RESPONSE_STATE_ORDER, RESPONSE_STATE_LABELS)} value={state} onChange={(next) => go({ state: next })} />
          <CheckboxGroup legend="Channel" testId="filter-channel" options={options(RESPONSE_CHANNELS, RESPONSE_CHANNEL_LABELS)} value={channel} onChange={(next) => go({ channel: next })} />
          {actions ? (
            <SelectField label="Action" placeholder="Every action" value={action} options={actions.map((a) => ({ value: a.id, label: a.title }))} onChange={(e) => go({ action: e.target.value })} data-testid="filter-action" />
          ) : null}
          <SelectField label="Credited to" placeholder="Anyone" value={volunteer} options={volunteers.map((v) => ({ value: v.id, label: v.name }))} onChange={(e) => go({ volunteer: e.target.value })} data-testid="filter-volunteer" />
        </div>
      </FilterBar>
      {body}
      <MoveResponseDialog response={moving} onClose={() => setMoving(null)} onMoved={() => { void result.refetch(); onChanged?.(); }} />
    </div>
  );
}
