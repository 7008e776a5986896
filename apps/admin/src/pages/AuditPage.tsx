import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button, Card, EmptyState, ErrorState, LoadingState, PageHeader, Pagination, Table, TextField, DateField, formatDateTime, pluralise, toApiProblem, type Column } from '@muster/ui';
import { AUDIT_EVENTS_QUERY, type AuditEventRow } from '../modules/access/graphql/audit.graphql';
import { AUDIT_PAGE_SIZES, nextPage, parseAuditParams, previousPage, toAuditFilter, toAuditSearch, withFilter, type AuditParams } from '../modules/access/lib/audit-params';

/** Every mutation and sign-in, newest first, for agency admins: filter by action prefix, user and dates; all in the URL. */
export function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const params = parseAuditParams(search);
  const applied = { action: params.action, user: params.user, from: params.from, to: params.to };
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState(applied);
  const [draftFor, setDraftFor] = useState(appliedKey);
  // Back/Forward or a clicked actor changes the URL: the form follows it.
  if (draftFor !== appliedKey) {
    setDraftFor(appliedKey);
    setDraft(applied);
  }
  const go = (p: AuditParams) => setSearch(toAuditSearch(p));
  const { data, previousData, loading, error, refetch } = useQuery(AUDIT_EVENTS_QUERY, {
    variables: { first: params.size, after: params.after, filter: toAuditFilter(params) },
    fetchPolicy: 'cache-and-network',
  });
  const shown = data ?? previousData;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    go(withFilter(params, draft));
  };
  const clear = () => {
    setDraft({ action: '', user: '', from: '', to: '' });
    go(withFilter(params, { action: '', user: '', from: '', to: '' }));
  };

  const columns: Column<AuditEventRow>[] = [
    { key: 'when', header: 'When', label: 'When', render: (e) => <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time> },
    { key: 'action', header: 'Action', label: 'Action', primary: true, render: (e) => <code data-testid="audit-action" data-value={e.action}>{e.action}</code> },
    {
      key: 'actor', header: 'Who', label: 'Who',
      render: (e) =>
        e.actorUserId ? (
          <button type="button" className="mu-link-button" title="Show only this user" onClick={() => go(withFilter(params, { user: e.actorUserId ?? '' }))} data-testid="audit-actor" data-value={e.actorUserId}>
            {e.actorLabel}
          </button>
        ) : (
          <span data-testid="audit-actor">{e.actorLabel}</span>
        ),
    },
    { key: 'target', header: 'Target', label: 'Target', render: (e) => (e.targetType ? `${e.targetType}${e.targetIds.length ? ` × ${e.targetIds.length}` : ''}` : '—') },
    { key: 'from', header: 'From', label: 'From', hideOnSmall: true, render: (e) => e.ip ?? '—' },
    { key: 'request', header: 'Request id', label: 'Request id', hideOnSmall: true, render: (e) => (e.requestId ? <code>{e.requestId}</code> : '—') },
  ];

  const rows = shown?.auditEvents.edges.map((e) => e.node) ?? [];
  let body;
  if (loading && !shown) body = <LoadingState label="Loading the audit log…" />;
  else if (error && !shown) body = <ErrorState title="Could not load the audit log" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  else if (!rows.length) body = <EmptyState title="No events match these filters" action={<Button onClick={clear}>Clear filters</Button>} />;
  else
    body = (
      <>
        <Table caption="Audit events" captionHidden columns={columns} rows={rows} rowKey={(e) => e.id} busy={loading} testId="audit-table" rowTestId="audit-row" />
        <Pagination
          label="Audit log pages"
          hasPrevious={Boolean(params.after)}
          hasNext={Boolean(shown?.auditEvents.pageInfo.hasNextPage)}
          onPrevious={() => go(previousPage(params))}
          onNext={() => shown?.auditEvents.pageInfo.endCursor && go(nextPage(params, shown.auditEvents.pageInfo.endCursor))}
          pageSize={params.size}
          pageSizeOptions={AUDIT_PAGE_SIZES}
          onPageSizeChange={(size) => go(withFilter(params, { size }))}
          summary={<span data-testid="audit-total" data-value={shown?.auditEvents.totalCount}>{pluralise(shown?.auditEvents.totalCount ?? 0, 'event')}</span>}
        />
      </>
    );

  return (
    <div className="mu-stack">
      <PageHeader title="Audit log" description="Every change and every sign-in, newest first. It cannot be edited." />
      <Card>
        <form className="mu-inline-form" onSubmit={apply} data-testid="audit-filters">
          <TextField label="Action starts with" placeholder="e.g. auth. or member.update" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} data-testid="audit-filter-action" />
          <TextField label="User id" value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} data-testid="audit-filter-user" />
          <DateField label="From" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="audit-filter-from" />
          <DateField label="To" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="audit-filter-to" />
          <Button type="submit" variant="primary" data-testid="audit-apply">Apply</Button>
          <Button onClick={clear}>Clear</Button>
        </form>
      </Card>
      <Card>{body}</Card>
    </div>
  );
}
