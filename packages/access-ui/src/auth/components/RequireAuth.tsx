import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorState, LoadingState } from '@muster/ui';
import { audienceOf, useAuth } from '../hooks/AuthProvider.js';
import { signInHref } from '../lib/session.js';
import { WrongAppPage } from './WrongAppPage.js';
import { useAccessConfig } from '../../config.js';

/** The gate in front of every screen: signed out goes to sign-in (keeping the URL); the wrong audience is told where to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { app: APP } = useAccessConfig();
  if (auth.status === 'loading') return <LoadingState label="Checking your session…" />;
  if (auth.status === 'signed-out') return <Navigate to={signInHref(`${location.pathname}${location.search}`)} replace />;
  if (auth.status === 'error' && auth.problem) return <ErrorState title="Could not check your session" problem={auth.problem} onRetry={auth.refetch} />;
  if (auth.status === 'signed-in' && !audienceOf(auth.viewer)[APP.audience]) return <WrongAppPage />;
  return <>{children}</>;
}
