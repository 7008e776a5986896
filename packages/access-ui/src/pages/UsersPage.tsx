import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Badge, Button, Card, ConfirmDialog, EmptyState, ErrorState, LoadingState, PageHeader, SecretReveal, SelectField, Table, TextField,
  formatDateTime, toApiProblem, useToast, type Column,
} from '@muster/ui';
import {
  CREATE_INVITATION_MUTATION, INVITATIONS_QUERY, SET_USER_ROLE_MUTATION, USERS_QUERY, type InvitationRow, type OrganisationUserRow,
} from '../access/graphql/access.graphql.js';
import { ROLE_LABEL, grantableRoles, type Role } from '../auth/lib/roles.js';
import { useAuth } from '../auth/hooks/AuthProvider.js';
import { useAccessConfig } from '../config.js';

/** The people with a role on one organisation: invite (the one-time link is shown, there is no email yet), change or remove a role. */
export function UsersPage() {
  const { orgId = '' } = useParams();
  const auth = useAuth();
  const toast = useToast();
  const { app: APP, useOrganisationKind } = useAccessConfig();
  const kind = useOrganisationKind(orgId);
  const roles = grantableRoles(kind, APP.id);
  const users = useQuery(USERS_QUERY, { variables: { organisationId: orgId, first: 100 }, fetchPolicy: 'cache-and-network' });
  const invitations = useQuery(INVITATIONS_QUERY, { variables: { organisationId: orgId }, fetchPolicy: 'cache-and-network' });
  const [invite, { loading: inviting }] = useMutation(CREATE_INVITATION_MUTATION);
  const [setRole, { loading: settingRole }] = useMutation(SET_USER_ROLE_MUTATION);
  const [email, setEmail] = useState('');
  const [role, setInviteRole] = useState<Role | ''>('');
  const [inviteError, setInviteError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [removing, setRemoving] = useState<OrganisationUserRow | null>(null);
  const inviteRole = role || roles[roles.length - 1];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setInviteError(null);
    setLink(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setInviteError('Enter an email address.');
      return;
    }
    try {
      const result = await invite({ variables: { input: { organisationId: orgId, email: email.trim(), role: inviteRole } } });
      const token = result.data?.createInvitation.token;
      if (token) setLink(`${window.location.origin}/invitations/accept?token=${encodeURIComponent(token)}`);
      setEmail('');
      await invitations.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      setInviteError(p.fields[0]?.message ?? `${p.message} (${p.code})`);
    }
  };

  const changeRole = async (row: OrganisationUserRow, next: Role | null) => {
    try {
      await setRole({ variables: { organisationId: orgId, userId: row.user.id, role: next } });
      toast.notify({ tone: 'success', title: next ? `${row.user.name || row.user.email} is now ${ROLE_LABEL[next]}` : `${row.user.name || row.user.email} no longer has access` });
      await users.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not change the role', body: `${p.message} (${p.code})` });
    }
  };

  const columns: Column<OrganisationUserRow>[] = [
    { key: 'name', header: 'Name', label: 'Name', primary: true, render: (r) => <span data-testid="user-name">{r.user.name || '—'}</span> },
    { key: 'email', header: 'Email', label: 'Email', render: (r) => <span data-testid="user-email">{r.user.email}</span> },
    {
      key: 'role', header: 'Role', label: 'Role',
      render: (r) =>
        r.user.id === auth.viewer?.user?.id ? (
          <Badge>{ROLE_LABEL[r.role] ?? r.role} (you)</Badge>
        ) : (
          <select
            className="mu-input mu-select mu-input--sm"
            aria-label={`Role of ${r.user.email}`}
            value={r.role}
            disabled={settingRole}
            data-testid="user-role"
            onChange={(e) => void changeRole(r, e.target.value as Role)}
          >
            {(roles.includes(r.role) ? roles : [r.role, ...roles]).map((x) => (
              <option key={x} value={x}>{ROLE_LABEL[x] ?? x}</option>
            ))}
          </select>
        ),
    },
    {
      key: 'actions', header: <span className="mu-visually-hidden">Actions</span>, label: 'Actions', align: 'end',
      render: (r) => (r.user.id === auth.viewer?.user?.id ? null : <Button size="sm" variant="danger" onClick={() => setRemoving(r)} data-testid="remove-user">Remove</Button>),
    },
  ];

  const rows = users.data?.users.edges.map((e) => e.node) ?? [];
  let list;
  if (users.loading && !users.data) list = <LoadingState label="Loading users…" />;
  else if (users.error && !users.data) list = <ErrorState title="Could not load users" problem={toApiProblem(users.error)} onRetry={() => void users.refetch()} />;
  else if (!rows.length) list = <EmptyState title="No one has a role here yet">Invite someone below.</EmptyState>;
  else list = <Table caption="Users" captionHidden columns={columns} rows={rows} rowKey={(r) => r.user.id} testId="users-table" rowTestId="user-row" />;

  const pending = (invitations.data?.invitations ?? []).filter((i) => !i.acceptedAt);

  return (
    <div className="mu-stack">
      <PageHeader title="Users" description="People who can sign in to this organisation, and what they may do." />
      <Card title="Invite someone">
        <form className="mu-inline-form" onSubmit={(e) => void submit(e)} noValidate>
          <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={inviteError} data-testid="invite-email" />
          <SelectField label="Role" value={inviteRole} onChange={(e) => setInviteRole(e.target.value as Role)} options={roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} data-testid="invite-role" />
          <Button type="submit" variant="primary" busy={inviting} data-testid="invite-submit">Create invitation</Button>
        </form>
        {link ? (
          <SecretReveal
            title="Invitation link"
            value={link}
            warning="Send this link to the person you invited. It is shown only once, works once, and expires; Muster does not send emails yet."
            testId="invitation-link"
          />
        ) : null}
      </Card>
      <Card title="People">{list}</Card>
      {pending.length ? (
        <Card title="Invitations waiting">
          <ul className={`${APP.id}-plain-list`} data-testid="pending-invitations">
            {pending.map((i: InvitationRow) => (
              <li key={i.id}>
                {i.email} · {ROLE_LABEL[i.role] ?? i.role} · expires {formatDateTime(i.expiresAt)}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <ConfirmDialog
        open={Boolean(removing)}
        title="Remove this person’s access?"
        confirmLabel="Remove access"
        tone="danger"
        busy={settingRole}
        onConfirm={() => {
          const row = removing;
          setRemoving(null);
          if (row) void changeRole(row, null);
        }}
        onCancel={() => setRemoving(null)}
      >
        {removing ? `${removing.user.email} will no longer reach this organisation.` : null}
      </ConfirmDialog>
    </div>
  );
}
