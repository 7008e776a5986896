import { Callout, buttonClass } from '@muster/ui';
import { useAuth } from '../hooks/AuthProvider.js';
import { useAccessConfig } from '../../config.js';
import { AuthFrame } from './AuthFrame.js';
import { useSignOut } from '../hooks/useSignOut.js';

/** A client user in the admin app, or an agency user in the portal: say so, and link to the right app. */
export function WrongAppPage() {
  const auth = useAuth();
  const signOut = useSignOut();
  const { app: APP, otherAppUrl } = useAccessConfig();
  const forAgency = APP.audience === 'agency';
  return (
    <AuthFrame title={`${APP.name} is not for this account`} testId="wrong-app">
      <Callout tone="info">
        <p>
          You are signed in as <strong>{auth.viewer?.user?.email}</strong>.{' '}
          {forAgency ? `${APP.name} is for the agency’s staff; your account belongs to a client organisation.` : `${APP.name} is for client organisations; your account is an agency account.`}
        </p>
      </Callout>
      <a className={buttonClass('primary')} href={otherAppUrl()} data-testid="wrong-app-link">
        Go to {APP.otherAppName}
      </a>
      <button type="button" className={buttonClass('ghost')} onClick={() => void signOut.signOut()}>
        Sign out
      </button>
    </AuthFrame>
  );
}
