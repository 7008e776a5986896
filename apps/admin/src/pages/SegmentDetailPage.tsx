import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { useCapabilities } from '@muster/access-ui';
import {
  Badge, Button, Card, ConfirmDialog, EmptyState, ErrorState, LoadingState, PageHeader, Pagination, buttonClass, formatDateTime, formatNumber,
  toApiProblem, useToast,
} from '@muster/ui';
import { MemberTable } from '../modules/member/components/MemberTable';
import { useMemberListParams } from '../modules/member/hooks/useMemberListParams';
import { useMembers } from '../modules/member/hooks/useMembers';
import { PAGE_SIZES } from '../modules/member/lib/member-list-params';
import { memberExportUrl } from '../modules/member/lib/member-export';
import {
  DELETE_SEGMENT_MUTATION, FREEZE_SEGMENT_MUTATION, SEGMENT_QUERY, UNFREEZE_SEGMENT_MUTATION,
} from '../modules/segment/graphql/segment.graphql';
import { useSegmentPickerOptions } from '../modules/segment/hooks/useSegmentPickerOptions';
import { describeDefinition } from '../modules/segment/lib/segment-builder';
import '../modules/segment/segment.css';

/** One segment: its conditions in words, its members (the members list, filtered by the segment) and its actions. */
export function SegmentDetailPage() {
  const { orgId = '', segmentId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const caps = useCapabilities(orgId);
  // errorPolicy all: a count stopped as too slow (memberCount null) must not hide the segment.
  const result = useQuery(SEGMENT_QUERY, { variables: { id: segmentId }, fetchPolicy: 'cache-and-network', errorPolicy: 'all' });
  const { params: rawParams, update } = useMemberListParams();
  const params = { ...rawParams, segment: segmentId };
  const members = useMembers(orgId, params);
  const options = useSegmentPickerOptions(orgId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [freeze, { loading: freezing }] = useMutation(FREEZE_SEGMENT_MUTATION);
  const [unfreeze, { loading: unfreezing }] = useMutation(UNFREEZE_SEGMENT_MUTATION);
  const [remove, { loading: deleting }] = useMutation(DELETE_SEGMENT_MUTATION);

  const run = async (action: () => Promise<{ error?: unknown }>, success: { title: string; body: string }, failure: string, refresh = true) => {
    try {
      const res = await action();
      if (res.error) throw res.error;
      toast.notify({ tone: 'success', ...success });
      // Refreshed after the toast: a failure to refresh is not a failure of the action.
      if (refresh) await Promise.all([result.refetch(), members.refetch()]).catch(() => undefined);
      return true;
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: failure, body: p.fields[0]?.message ?? p.message });
      return false;
    }
  };

  if (result.error && !result.data) {
    const problem = toApiProblem(result.error);
    return problem.code === 'NOT_FOUND' ? (
      <EmptyState title="Segment not found" action={<Link className={buttonClass('primary')} to={`/orgs/${orgId}/segments`}>All segments</Link>}>
        It may have been deleted, or it belongs to another organisation.
      </EmptyState>
    ) : (
      <ErrorState title="Could not load the segment" problem={problem} onRetry={() => void result.refetch()} />
    );
  }
  const segment = result.data?.segment;
  if (!segment) return <LoadingState label="Loading the segment…" />;
  const canWrite = caps.can('segment:write');
  const connection = members.connection;

  let list;
  if (members.error && !members.stale) list = <ErrorState title="Could not load the members" problem={toApiProblem(members.error)} onRetry={() => void members.refetch()} />;
  else if (!connection) list = <LoadingState label="Loading members…" />;
  else if (connection.edges.length === 0) list = <EmptyState title="No members in this segment">{segment.frozenAt ? 'The snapshot is empty.' : 'No member matches these conditions now.'}</EmptyState>;
  else {
    const firstRow = (params.page - 1) * params.size + 1;
    list = (
      <>
        <MemberTable
          organisationId={orgId}
          members={connection.edges.map((e) => e.node)}
          sort={{ field: params.sort, direction: params.dir }}
          onSort={(s) => update({ sort: s.field, dir: s.direction })}
          busy={members.stale}
          returnTo={location.search}
        />
        <Pagination
          hasPrevious={connection.pageInfo.hasPreviousPage || params.page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => (params.page <= 2 ? update({ after: '', before: '', page: 1 }) : update({ before: connection.pageInfo.startCursor ?? '', after: '', page: params.page - 1 }))}
          onNext={() => update({ after: connection.pageInfo.endCursor ?? '', before: '', page: params.page + 1 })}
          pageSize={params.size}
          pageSizeOptions={PAGE_SIZES}
          onPageSizeChange={(size) => update({ size })}
          summary={<span data-testid="segment-members-range">{formatNumber(firstRow)}–{formatNumber(firstRow + connection.edges.length - 1)} of {formatNumber(connection.totalCount)}</span>}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={segment.name}
        description={
          <span>
            <span data-testid="segment-member-count" data-value={segment.memberCount ?? ''}>
              {segment.memberCount === null ? 'Too slow to count' : `${formatNumber(segment.memberCount)} ${segment.memberCount === 1 ? 'member' : 'members'}`}
            </span>{' '}
            {segment.frozenAt ? <Badge tone="info">Snapshot taken {formatDateTime(segment.frozenAt)}</Badge> : <Badge tone="success">Live</Badge>}
          </span>
        }
        actions={
          <>
            {caps.can('member:export') ? (
              <a className={buttonClass('secondary')} href={memberExportUrl(orgId, params)} download data-testid="segment-export">Export CSV</a>
            ) : null}
            {canWrite ? (
              <>
                <Link className={buttonClass('secondary')} to={`/orgs/${orgId}/segments/${segment.id}/edit`} data-testid="edit-segment">Edit</Link>
                <Button
                  busy={freezing}
                  data-testid="freeze-segment"
                  onClick={() => void run(() => freeze({ variables: { id: segment.id } }), { title: 'Snapshot taken', body: 'The segment’s members are now fixed until you unfreeze it or take a new snapshot.' }, 'Could not take the snapshot')}
                >
                  {segment.frozenAt ? 'Retake snapshot' : 'Freeze snapshot'}
                </Button>
                {segment.frozenAt ? (
                  <Button
                    busy={unfreezing}
                    data-testid="unfreeze-segment"
                    onClick={() => void run(() => unfreeze({ variables: { id: segment.id } }), { title: 'Segment is live again', body: 'Its members are evaluated whenever it is used.' }, 'Could not unfreeze')}
                  >
                    Unfreeze
                  </Button>
                ) : null}
                <Button variant="danger" onClick={() => setConfirmDelete(true)} data-testid="delete-segment">Delete</Button>
              </>
            ) : null}
          </>
        }
      />
      <div className="mu-stack">
        <Card title="Conditions" description={segment.description ?? undefined}>
          <pre className="seg-definition" data-testid="segment-definition">{describeDefinition(segment.definition, options.names).join('\n')}</pre>
        </Card>
        <Card title="Members">{list}</Card>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete “${segment.name}”?`}
        confirmLabel="Delete segment"
        tone="danger"
        busy={deleting}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          void run(() => remove({ variables: { id: segment.id } }), { title: 'Segment deleted', body: `“${segment.name}” was deleted. Its members were not changed.` }, 'Could not delete the segment', false).then((ok) => {
            setConfirmDelete(false);
            if (ok) navigate(`/orgs/${orgId}/segments`);
          })
        }
      >
        The segment and any snapshot are deleted. Members themselves are not changed.
      </ConfirmDialog>
    </>
  );
}
