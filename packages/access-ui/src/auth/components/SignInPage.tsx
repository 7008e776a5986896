import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { useMutation } from '@apollo/client/react';
import { Button, Callout, LoadingState, TextField, buttonClass, toApiProblem, type ApiProblem } from '@muster/ui';
import { LOGIN_MUTATION } from '../graphql/auth.graphql.js';
import { useAuth } from '../hooks/AuthProvider.js';
import { safeNext, signInErrorMessage } from '../lib/session.js';
import { AuthFrame } from './AuthFrame.js';

/** Email and password. On success a full page load to where the person was going, so no signed-out state lingers. */
export function SignInPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [login, { loading }] = useMutation(LOGIN_MUTATION);

  if (auth.status === 'loading') return <LoadingState label="Checking your session…" />;
  if (auth.status === 'signed-in') return <Navigate to={next} replace />;
  if (auth.status === 'unavailable') {
    return (
      <AuthFrame title="Sign-in is not switched on" testId="auth-unavailable">
        <p>This API has no accounts yet (local development). Everything is open.</p>
        <a className={buttonClass('primary')} href={next}>Continue</a>
      </AuthFrame>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await login({ variables: { email: email.trim(), password } });
      window.location.assign(next);
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };

  return (
    <AuthFrame title="Sign in" testId="sign-in-page">
      {problem ? (
        <div data-testid="sign-in-error" data-code={problem.code}>
          <Callout tone="danger" title={problem.code === 'RATE_LIMITED' ? 'Too many attempts' : 'Could not sign you in'}>
            <p>{signInErrorMessage(problem.code, problem.retryAfterSeconds)}</p>
            {problem.code !== 'INVALID_CREDENTIALS' && problem.code !== 'RATE_LIMITED' ? (
              <p className="mu-state__meta">
                Error code <code>{problem.code}</code>
                {problem.requestId ? <> · request id <code>{problem.requestId}</code></> : null}
              </p>
            ) : null}
          </Callout>
        </div>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate={false}>
        <TextField label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="sign-in-email" />
        <TextField label="Password" type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sign-in-password" />
        <Button type="submit" variant="primary" busy={loading} data-testid="sign-in-submit">
          Sign in
        </Button>
      </form>
    </AuthFrame>
  );
}
