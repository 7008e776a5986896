import { AccountMenu } from '@muster/ui';
import { Link } from 'react-router-dom';
import { useAuth } from '../hooks/AuthProvider.js';
import { useSignOut } from '../hooks/useSignOut.js';
import { ROLE_LABEL } from '../lib/roles.js';

/** The header's account menu: who is signed in, their sessions, sign out here or everywhere. */
export function UserMenu() {
  const auth = useAuth();
  const { signOut, signOutEverywhere, busy, problem } = useSignOut();
  const user = auth.viewer?.user;
  if (auth.status !== 'signed-in' || !user) return null;
  const roles = auth.viewer?.roles ?? [];
  return (
    <AccountMenu
      label={user.name || user.email}
      detail={
        <>
          <div data-testid="account-email">{user.email}</div>
          {roles.map((r) => (
            <div key={`${r.organisation.id}-${r.role}`} data-testid="account-role" data-role={r.role}>
              {ROLE_LABEL[r.role] ?? r.role} · {r.organisation.name}
            </div>
          ))}
          {problem ? <div role="alert">Could not sign out ({problem.code}).</div> : null}
        </>
      }
    >
      <li>
        <Link to="/account/sessions" data-testid="menu-sessions">Sessions</Link>
      </li>
      <li>
        <button type="button" onClick={() => void signOut()} disabled={busy} data-testid="sign-out">
          Sign out
        </button>
      </li>
      <li>
        <button type="button" onClick={() => void signOutEverywhere()} disabled={busy} data-testid="sign-out-everywhere">
          Sign out everywhere
        </button>
      </li>
    </AccountMenu>
  );
}
