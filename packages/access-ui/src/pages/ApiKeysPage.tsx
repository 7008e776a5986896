import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Badge, Button, Card, ConfirmDialog, EmptyState, ErrorState, LoadingState, PageHeader, SecretReveal, SelectField, Table, TextField,
  formatDateTime, toApiProblem, useToast, type Column,
} from '@muster/ui';
import { API_KEYS_QUERY, CREATE_API_KEY_MUTATION, REVOKE_API_KEY_MUTATION, type ApiKeyRow } from '../access/graphql/access.graphql.js';
import { ROLE_LABEL, apiKeyRoles, type Role } from '../auth/lib/roles.js';
import { useAccessConfig } from '../config.js';

/** API keys of one organisation: create (the secret is shown once), see when each was last used, revoke. */
export function ApiKeysPage() {
  const { orgId = '' } = useParams();
  const toast = useToast();
  const { app: APP, useOrganisationKind } = useAccessConfig();
  const kind = useOrganisationKind(orgId);
  const roles = apiKeyRoles(kind, APP.id);
  const keys = useQuery(API_KEYS_QUERY, { variables: { organisationId: orgId, first: 100 }, fetchPolicy: 'cache-and-network' });
  const [create, { loading: creating }] = useMutation(CREATE_API_KEY_MUTATION);
  const [revoke, { loading: revoking }] = useMutation(REVOKE_API_KEY_MUTATION);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [target, setTarget] = useState<ApiKeyRow | null>(null);
  // A read-only role is the safe default for a new key.
  const keyRole = role || roles[roles.length - 1];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNameError(null);
    setSecret(null);
    if (!name.trim()) {
      setNameError('Name the key after what will use it, e.g. “Website sign-up form”.');
      return;
    }
    try {
      const result = await create({ variables: { input: { organisationId: orgId, name: name.trim(), role: keyRole } } });
      const created = result.data?.createApiKey;
      if (created) setSecret({ name: created.apiKey.name, value: created.secret });
      setName('');
      await keys.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      setNameError(p.fields[0]?.message ?? `${p.message} (${p.code})`);
    }
  };

  const confirmRevoke = async () => {
    const key = target;
    if (!key) return;
    try {
      await revoke({ variables: { id: key.id } });
      toast.notify({ tone: 'success', title: `“${key.name}” revoked`, body: 'Requests with it are refused from now on.' });
      await keys.refetch();
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not revoke the key', body: `${p.message} (${p.code})` });
    } finally {
      setTarget(null);
    }
  };

  const columns: Column<ApiKeyRow>[] = [
    { key: 'name', header: 'Name', label: 'Name', primary: true, render: (k) => <span data-testid="api-key-name">{k.name}</span> },
    { key: 'prefix', header: 'Key', label: 'Key', render: (k) => <code>mst_k_{k.prefix}_…</code> },
    { key: 'role', header: 'Role', label: 'Role', render: (k) => ROLE_LABEL[k.role] ?? k.role },
    { key: 'created', header: 'Created', label: 'Created', hideOnSmall: true, render: (k) => formatDateTime(k.createdAt) },
    { key: 'lastUsed', header: 'Last used', label: 'Last used', render: (k) => <span data-testid="api-key-last-used">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</span> },
    {
      key: 'status', header: 'Status', label: 'Status',
      render: (k) => <span data-testid="api-key-status" data-value={k.revokedAt ? 'revoked' : 'active'}>{k.revokedAt ? <Badge tone="danger">Revoked {formatDateTime(k.revokedAt)}</Badge> : <Badge tone="success">Active</Badge>}</span>,
    },
    {
      key: 'actions', header: <span className="mu-visually-hidden">Actions</span>, label: 'Actions', align: 'end',
      render: (k) => (k.revokedAt ? null : <Button size="sm" variant="danger" onClick={() => setTarget(k)} data-testid="revoke-api-key">Revoke</Button>),
    },
  ];

  const rows = keys.data?.apiKeys.edges.map((e) => e.node) ?? [];
  let list;
  if (keys.loading && !keys.data) list = <LoadingState label="Loading API keys…" />;
  else if (keys.error && !keys.data) list = <ErrorState title="Could not load API keys" problem={toApiProblem(keys.error)} onRetry={() => void keys.refetch()} />;
  else if (!rows.length) list = <EmptyState title="No API keys yet">Create one above for a script or another system that reads or writes this organisation.</EmptyState>;
  else list = <Table caption="API keys" captionHidden columns={columns} rows={rows} rowKey={(k) => k.id} testId="api-keys-table" rowTestId="api-key-row" />;

  return (
    <div className="mu-stack">
      <PageHeader title="API keys" description="Keys let other systems use the Muster API as this organisation, with the role you choose." />
      <Card title="Create a key">
        <form className="mu-inline-form" onSubmit={(e) => void submit(e)} noValidate>
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={nameError} data-testid="api-key-name-input" />
          <SelectField label="Role" value={keyRole} onChange={(e) => setRole(e.target.value as Role)} options={roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} data-testid="api-key-role" />
          <Button type="submit" variant="primary" busy={creating} data-testid="api-key-create">Create key</Button>
        </form>
        {secret ? (
          <SecretReveal
            title={`Secret for “${secret.name}”`}
            value={secret.value}
            warning="Copy it now and store it somewhere safe: Muster keeps only a hash and cannot show it again. Anyone with it can act as this organisation with this role."
            testId="api-key-secret"
          />
        ) : null}
      </Card>
      <Card title="Keys">{list}</Card>
      <ConfirmDialog
        open={Boolean(target)}
        title="Revoke this API key?"
        confirmLabel="Revoke key"
        tone="danger"
        busy={revoking}
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setTarget(null)}
      >
        {target ? `Anything using “${target.name}” (mst_k_${target.prefix}_…) stops working at once. This cannot be undone.` : null}
      </ConfirmDialog>
    </div>
  );
}
