import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation } from '@apollo/client/react';
import { Button, Callout, TextField, toApiProblem, type ApiProblem } from '@muster/ui';
import { ACCEPT_INVITATION_MUTATION } from '../graphql/auth.graphql.js';
import { AuthFrame } from './AuthFrame.js';

const MIN_PASSWORD = 10;

/** `/invitations/accept?token=…`: the invited person chooses their name and password, and is signed in. */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string; confirm?: string }>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [accept, { loading }] = useMutation(ACCEPT_INVITATION_MUTATION);

  if (!token) {
    return (
      <AuthFrame title="This invitation link is incomplete" testId="invitation-page">
        <p>Open the whole link you were sent, or ask the person who invited you for a new one.</p>
      </AuthFrame>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = 'Enter your name.';
    if (password.length < MIN_PASSWORD) next.password = `Use at least ${MIN_PASSWORD} characters.`;
    if (confirm !== password) next.confirm = 'The passwords do not match.';
    setErrors(next);
    setProblem(null);
    if (Object.keys(next).length) return;
    try {
      await accept({ variables: { token, name: name.trim(), password } });
      window.location.assign('/');
    } catch (error) {
      const p = toApiProblem(error);
      const passwordField = p.fields.find((f) => f.path.includes('password'));
      if (passwordField) setErrors({ password: passwordField.message });
      setProblem(p);
    }
  };

  return (
    <AuthFrame title="Join Muster" testId="invitation-page">
      <p>Choose the name others will see and a password of at least {MIN_PASSWORD} characters.</p>
      {problem ? (
        <div data-testid="invitation-error" data-code={problem.code}>
          <Callout tone="danger" title="Could not accept the invitation">
            <p>{problem.code === 'NOT_FOUND' || problem.code === 'INVALID_TOKEN' ? 'This invitation has expired, was already used, or does not exist. Ask for a new one.' : problem.message}</p>
            <p className="mu-state__meta">Error code <code>{problem.code}</code></p>
          </Callout>
        </div>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Your name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.name} data-testid="invitation-name" />
        <TextField label="Password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} hint={`At least ${MIN_PASSWORD} characters.`} data-testid="invitation-password" />
        <TextField label="Password again" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.confirm} data-testid="invitation-confirm" />
        <Button type="submit" variant="primary" busy={loading} data-testid="invitation-submit">
          Create my account
        </Button>
      </form>
    </AuthFrame>
  );
}
