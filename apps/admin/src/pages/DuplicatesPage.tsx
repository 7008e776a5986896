import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import {
  Badge, Button, Card, ConfirmDialog, EmptyState, ErrorState, LoadingState, PageHeader, Pagination, SelectField, Table, formatDateTime, formatNumber,
  pluralise, toApiProblem, useToast, type Column,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import {
  DUPLICATE_RULES, DUPLICATE_SUGGESTIONS_QUERY, MARK_NOT_DUPLICATE_MUTATION, MEMBER_MERGES_QUERY, MERGE_MEMBERS_MUTATION, REFRESH_DUPLICATE_SUGGESTIONS_MUTATION,
  UNMERGE_MEMBERS_MUTATION, type DuplicateRule, type DuplicateSuggestion, type MemberMerge,
} from '../modules/dedupe/graphql/dedupe.graphql';
import { RULE_LABEL, defaultSurvivor } from '../modules/dedupe/lib/dedupe-compare';
import { DuplicateComparison } from '../modules/dedupe/components/DuplicateComparison';

const QUEUE_PAGE_SIZE = 10;
const HISTORY_PAGE_SIZE = 25;

/** Member lists and counts are stale after a merge or unmerge: drop them so the next view asks again. */
function useForgetMembers() {
  const client = useApolloClient();
  return () => {
    client.cache.evict({ fieldName: 'members' });
    client.cache.evict({ fieldName: 'insights' });
    client.cache.gc();
  };
}

/** Cursor paging with Previous for connections that only page forward: the earlier cursors are kept in state. */
function useForwardPaging() {
  const [search, setSearch] = useSearchParams();
  const [stack, setStack] = useState<string[]>([]);
  const after = search.get('after') ?? '';
  const page = after ? Math.max(2, Number(search.get('page')) || 2) : 1;
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next);
  };
  return {
    search,
    after,
    page,
    set: (changes: Record<string, string>) => {
      setStack([]);
      set({ ...changes, after: '', page: '' });
    },
    next: (endCursor: string | null) => {
      setStack([...stack, after]);
      set({ after: endCursor ?? '', page: String(page + 1) });
    },
    previous: () => {
      const prev = stack.at(-1);
      setStack(stack.slice(0, -1));
      set(prev ? { after: prev, page: String(page - 1) } : { after: '', page: '' });
    },
  };
}

function SuggestionCard({ organisationId, suggestion, onDone }: { organisationId: string; suggestion: DuplicateSuggestion; onDone: () => Promise<unknown> }) {
  const toast = useToast();
  const forgetMembers = useForgetMembers();
  const [survivorId, setSurvivorId] = useState<string | null>(() => defaultSurvivor(suggestion.members));
  const [confirming, setConfirming] = useState(false);
  const [merge, { loading: merging }] = useMutation(MERGE_MEMBERS_MUTATION);
  const [markNot, { loading: marking }] = useMutation(MARK_NOT_DUPLICATE_MUTATION);
  const survivor = suggestion.members.find((m) => m.id === survivorId) ?? null;
  const others = suggestion.members.filter((m) => m.id !== survivorId);

  const doMerge = async () => {
    if (!survivor) return;
    try {
      await merge({ variables: { input: { organisationId, survivorId: survivor.id, mergedIds: others.map((m) => m.id), suggestionId: suggestion.id } } });
      forgetMembers();
      toast.notify({
        tone: 'success',
        title: `Merged into ${survivor.fullName}`,
        body: `${others.map((m) => m.fullName).join(', ')} ${others.length === 1 ? 'is' : 'are'} now part of this record. Undo it from the merge history.`,
      });
      setConfirming(false);
      await onDone();
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not merge', body: `${p.message} (${p.code})` });
      setConfirming(false);
    }
  };

  const doMarkNot = async () => {
    try {
      await markNot({ variables: { suggestionId: suggestion.id } });
      toast.notify({ tone: 'success', title: 'Marked as not duplicates', body: 'These records will not be suggested together again.' });
      await onDone();
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not mark them', body: `${p.message} (${p.code})` });
    }
  };

  return (
    <Card
      headingLevel={3}
      title={
        <>
          <Badge tone="info">{RULE_LABEL[suggestion.rule]}</Badge> <span className="admin-match">{suggestion.matchedValue}</span>
        </>
      }
      description={`${pluralise(suggestion.members.length, 'record')} · suggested ${formatDateTime(suggestion.createdAt)}`}
      data-testid="duplicate-suggestion"
      data-suggestion-id={suggestion.id}
      data-rule={suggestion.rule}
    >
      <div className="mu-stack">
        <DuplicateComparison
          organisationId={organisationId}
          suggestionId={suggestion.id}
          members={suggestion.members}
          survivorId={survivorId}
          onSurvivor={setSurvivorId}
          disabled={merging || marking}
        />
        <div className="mu-form-actions">
          <Button onClick={() => void doMarkNot()} busy={marking} disabled={merging} data-testid="not-duplicate">
            Not a duplicate
          </Button>
          <Button variant="primary" onClick={() => setConfirming(true)} disabled={!survivor || !others.length || marking} data-testid="merge">
            Merge into {survivor ? survivor.fullName : 'the chosen record'}
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Merge ${pluralise(suggestion.members.length, 'record')} into one?`}
        confirmLabel="Merge"
        busy={merging}
        onConfirm={() => void doMerge()}
        onCancel={() => setConfirming(false)}
      >
        {survivor ? (
          <>
            <p>
              <strong>{survivor.fullName}</strong> is kept. {others.map((m) => m.fullName).join(', ')} {others.length === 1 ? 'is' : 'are'} merged into it: every
              phone, email, tag and issue, and their history (actions, donations, calls, messages, consents), move to the kept record, and the merged
              records are removed.
            </p>
            <p>You can undo this later from the merge history.</p>
          </>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}

function ReviewQueue({ orgId }: { orgId: string }) {
  const toast = useToast();
  const paging = useForwardPaging();
  const rule = (DUPLICATE_RULES as readonly string[]).includes(paging.search.get('rule') ?? '') ? (paging.search.get('rule') as DuplicateRule) : undefined;
  const result = useQuery(DUPLICATE_SUGGESTIONS_QUERY, {
    variables: { organisationId: orgId, first: QUEUE_PAGE_SIZE, ...(paging.after ? { after: paging.after } : {}), ...(rule ? { rule } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const [refresh, { loading: refreshing }] = useMutation(REFRESH_DUPLICATE_SUGGESTIONS_MUTATION);
  const connection = result.data?.duplicateSuggestions ?? result.previousData?.duplicateSuggestions;

  const doRefresh = async () => {
    try {
      const r = await refresh({ variables: { organisationId: orgId } });
      const open = r.data?.refreshDuplicateSuggestions ?? 0;
      toast.notify({ tone: 'success', title: 'Suggestions refreshed', body: open ? `${pluralise(open, 'possible duplicate')} to review.` : 'No possible duplicates found.' });
      await result.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not refresh the suggestions', body: `${p.message} (${p.code})` });
    }
  };

  let body;
  if (result.error && !connection) body = <ErrorState title="Could not load the review queue" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  else if (!connection) body = <LoadingState label="Loading possible duplicates…" />;
  else if (!connection.edges.length) {
    body = (
      <Card>
        <EmptyState
          title={rule ? `No open “${RULE_LABEL[rule].toLowerCase()}” suggestions` : paging.after ? 'No more suggestions' : 'No possible duplicates to review'}
          action={<Button variant="primary" onClick={() => void doRefresh()} busy={refreshing}>Look for duplicates now</Button>}
        >
          Muster suggests records that share an email, a mobile, or a name and postcode. Suggestions you have merged or marked as not duplicates do
          not come back.
        </EmptyState>
      </Card>
    );
  } else {
    const first = (paging.page - 1) * QUEUE_PAGE_SIZE + 1;
    body = (
      <div className="mu-stack" aria-busy={result.loading || undefined}>
        {connection.edges.map((e) => (
          <SuggestionCard key={e.node.id} organisationId={orgId} suggestion={e.node} onDone={() => result.refetch()} />
        ))}
        <Pagination
          label="Review queue pages"
          pageSize={QUEUE_PAGE_SIZE}
          hasPrevious={paging.page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={paging.previous}
          onNext={() => paging.next(connection.pageInfo.endCursor)}
          summary={
            <span data-testid="duplicates-range" data-total={connection.totalCount}>
              {formatNumber(first)}–{formatNumber(first + connection.edges.length - 1)} of {pluralise(connection.totalCount, 'suggestion')}
            </span>
          }
        />
      </div>
    );
  }

  return (
    <div className="mu-stack">
      <Card className="admin-toolbar">
        <div className="admin-toolbar__top">
          <SelectField
            label="Rule"
            placeholder="Every rule"
            options={DUPLICATE_RULES.map((r) => ({ value: r, label: RULE_LABEL[r] }))}
            value={rule ?? ''}
            onChange={(e) => paging.set({ rule: e.target.value })}
            data-testid="duplicates-rule-filter"
          />
          <Button onClick={() => void doRefresh()} busy={refreshing} data-testid="refresh-duplicates">
            Refresh suggestions
          </Button>
        </div>
      </Card>
      {body}
    </div>
  );
}

function MergeHistory({ orgId }: { orgId: string }) {
  const toast = useToast();
  const forgetMembers = useForgetMembers();
  const paging = useForwardPaging();
  const result = useQuery(MEMBER_MERGES_QUERY, {
    variables: { organisationId: orgId, first: HISTORY_PAGE_SIZE, ...(paging.after ? { after: paging.after } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const [unmerge, { loading: unmerging }] = useMutation(UNMERGE_MEMBERS_MUTATION);
  const [target, setTarget] = useState<MemberMerge | null>(null);
  const connection = result.data?.memberMerges ?? result.previousData?.memberMerges;

  const doUnmerge = async () => {
    const merge = target;
    if (!merge) return;
    try {
      await unmerge({ variables: { mergeId: merge.id } });
      forgetMembers();
      toast.notify({ tone: 'success', title: 'Merge undone', body: `${merge.mergedNames.join(', ')} ${merge.mergedNames.length === 1 ? 'is' : 'are'} back as separate records, with their history.` });
      await result.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not undo the merge', body: `${p.message} (${p.code})` });
    } finally {
      setTarget(null);
    }
  };

  const columns: Column<MemberMerge>[] = [
    { key: 'at', header: 'Merged', label: 'Merged', render: (m) => formatDateTime(m.createdAt) },
    {
      key: 'survivor', header: 'Kept record', label: 'Kept record', primary: true,
      render: (m) => (m.survivor ? <Link to={`/orgs/${orgId}/members/${m.survivor.id}`} data-testid="merge-survivor">{m.survivor.fullName}</Link> : <span className="admin-muted">(no longer exists)</span>),
    },
    { key: 'merged', header: 'Merged into it', label: 'Merged into it', render: (m) => <span data-testid="merge-merged-names">{m.mergedNames.join(', ')}</span> },
    { key: 'by', header: 'By', label: 'By', hideOnSmall: true, render: (m) => m.createdBy },
    {
      key: 'state', header: 'State', label: 'State',
      render: (m) => (
        <span data-testid="merge-state" data-value={m.undoneAt ? 'undone' : 'merged'}>
          {m.undoneAt ? <Badge tone="warning">Undone {formatDateTime(m.undoneAt)}{m.undoneBy ? ` by ${m.undoneBy}` : ''}</Badge> : <Badge tone="success">Merged</Badge>}
        </span>
      ),
    },
    {
      key: 'actions', header: <span className="mu-visually-hidden">Actions</span>, label: 'Actions', align: 'end',
      render: (m) => (m.undoneAt ? null : <Button size="sm" onClick={() => setTarget(m)} data-testid="unmerge">Unmerge</Button>),
    },
  ];

  let body;
  if (result.error && !connection) body = <ErrorState title="Could not load the merge history" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  else if (!connection) body = <LoadingState label="Loading merges…" />;
  else if (!connection.edges.length) body = <EmptyState title={paging.after ? 'No more merges' : 'No merges yet'}>Merges made from the review queue appear here, each one undoable.</EmptyState>;
  else {
    const first = (paging.page - 1) * HISTORY_PAGE_SIZE + 1;
    body = (
      <>
        <Table caption="Merge history" captionHidden columns={columns} rows={connection.edges.map((e) => e.node)} rowKey={(m) => m.id} busy={result.loading} testId="merges-table" rowTestId="merge-row" />
        <Pagination
          label="Merge history pages"
          pageSize={HISTORY_PAGE_SIZE}
          hasPrevious={paging.page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={paging.previous}
          onNext={() => paging.next(connection.pageInfo.endCursor)}
          summary={`${formatNumber(first)}–${formatNumber(first + connection.edges.length - 1)} of ${pluralise(connection.totalCount, 'merge')}`}
        />
      </>
    );
  }

  return (
    <Card>
      {body}
      <ConfirmDialog
        open={Boolean(target)}
        title="Undo this merge?"
        confirmLabel="Unmerge"
        tone="danger"
        busy={unmerging}
        onConfirm={() => void doUnmerge()}
        onCancel={() => setTarget(null)}
      >
        {target ? (
          <p>
            {target.mergedNames.join(', ')} {target.mergedNames.length === 1 ? 'comes' : 'come'} back as separate records with the same ids, and the phones,
            emails and history that moved go back to {target.mergedNames.length === 1 ? 'it' : 'them'}; {target.survivor?.fullName ?? 'the kept record'} returns to how it
            was before the merge.
          </p>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}

export function DuplicatesPage({ view }: { view: 'queue' | 'history' }) {
  const { orgId = '' } = useParams();
  return (
    <>
      <PageHeader
        title="Duplicates"
        description="Review records that may be the same person, merge them, and undo a merge if it was wrong."
      />
      <RequireCapability organisationId={orgId} capability="member:merge" what="review duplicates">
        <div className="mu-stack">
          <nav className="admin-tabs" aria-label="Duplicates">
            <Link className={view === 'queue' ? 'admin-tabs__tab admin-tabs__tab--active' : 'admin-tabs__tab'} aria-current={view === 'queue' ? 'page' : undefined} to={`/orgs/${orgId}/duplicates`} data-testid="tab-queue">
              Review queue
            </Link>
            <Link className={view === 'history' ? 'admin-tabs__tab admin-tabs__tab--active' : 'admin-tabs__tab'} aria-current={view === 'history' ? 'page' : undefined} to={`/orgs/${orgId}/duplicates/merges`} data-testid="tab-history">
              Merge history
            </Link>
          </nav>
          {view === 'queue' ? <ReviewQueue key="queue" orgId={orgId} /> : <MergeHistory key="history" orgId={orgId} />}
        </div>
      </RequireCapability>
    </>
  );
}
