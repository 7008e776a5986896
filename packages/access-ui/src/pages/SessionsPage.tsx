import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, ConfirmDialog, ErrorState, LoadingState, PageHeader, Table, formatDateTime, toApiProblem, useToast, type Column } from '@muster/ui';
import { REVOKE_SESSION_MUTATION, SESSIONS_QUERY, type SessionRow } from '../auth/graphql/auth.graphql.js';
import { useSignOut } from '../auth/hooks/useSignOut.js';

/** The signed-in person's own sessions: where they are signed in, and a way to end any of them. */
export function SessionsPage() {
  const { data, loading, error, refetch } = useQuery(SESSIONS_QUERY, { fetchPolicy: 'cache-and-network' });
  const [revoke, { loading: revoking }] = useMutation(REVOKE_SESSION_MUTATION);
  const [target, setTarget] = useState<SessionRow | null>(null);
  const { signOutEverywhere, busy } = useSignOut();
  const toast = useToast();

  const columns: Column<SessionRow>[] = [
    { key: 'device', header: 'Device', label: 'Device', primary: true, render: (s) => <span>{s.userAgent ?? 'Unknown device'} {s.current ? <Badge tone="success">This session</Badge> : null}</span> },
    { key: 'ip', header: 'IP address', label: 'IP address', render: (s) => s.ip ?? '—' },
    { key: 'created', header: 'Signed in', label: 'Signed in', render: (s) => formatDateTime(s.createdAt) },
    { key: 'last', header: 'Last used', label: 'Last used', render: (s) => (s.lastUsedAt ? formatDateTime(s.lastUsedAt) : '—') },
    { key: 'expires', header: 'Expires', label: 'Expires', hideOnSmall: true, render: (s) => formatDateTime(s.expiresAt) },
    {
      key: 'actions', header: <span className="mu-visually-hidden">Actions</span>, label: 'Actions', align: 'end',
      render: (s) => (
        <Button size="sm" variant="danger" onClick={() => setTarget(s)} data-testid="revoke-session">
          {s.current ? 'Sign out' : 'Revoke'}
        </Button>
      ),
    },
  ];

  const confirm = async () => {
    if (!target) return;
    try {
      await revoke({ variables: { id: target.id } });
      if (target.current) {
        window.location.assign('/sign-in');
        return;
      }
      toast.notify({ tone: 'success', title: 'Session revoked' });
      setTarget(null);
      await refetch();
    } catch (e) {
      toast.notify({ tone: 'danger', title: 'Could not revoke the session', body: `Error code ${toApiProblem(e).code}` });
      setTarget(null);
    }
  };

  let body;
  if (loading && !data) body = <LoadingState label="Loading sessions…" />;
  else if (error && !data) body = <ErrorState title="Could not load your sessions" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  else body = <Table caption="Your sessions" captionHidden columns={columns} rows={data?.sessions ?? []} rowKey={(s) => s.id} testId="sessions-table" rowTestId="session-row" />;

  return (
    <>
      <PageHeader
        title="Sessions"
        description="Where you are signed in. Revoke any you do not recognise."
        actions={<Button variant="danger" busy={busy} onClick={() => void signOutEverywhere()} data-testid="sessions-sign-out-everywhere">Sign out everywhere</Button>}
      />
      <Card>{body}</Card>
      <ConfirmDialog
        open={Boolean(target)}
        title={target?.current ? 'Sign out of this session?' : 'Revoke this session?'}
        confirmLabel={target?.current ? 'Sign out' : 'Revoke'}
        tone="danger"
        busy={revoking}
        onConfirm={() => void confirm()}
        onCancel={() => setTarget(null)}
      >
        {target?.current ? 'You will be taken to the sign-in page.' : 'That device will have to sign in again.'}
      </ConfirmDialog>
    </>
  );
}
