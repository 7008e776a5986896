import { ApolloLink } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { SetContextLink } from '@apollo/client/link/context';
import { toApiProblem } from '@muster/ui';
import { CSRF_COOKIE, CSRF_HEADER, isPublicPath, readCookie, signInHref } from './session.js';

/**
 * The links every request goes through: the CSRF header from the readable cookie (the session cookie itself rides
 * along as a same-origin cookie), and a way back to sign-in whenever the API says UNAUTHENTICATED (an expired or
 * revoked session, a sign-out in another tab). The redirect is a full page load so nothing of the old session stays
 * in memory, and it keeps the intended URL.
 */
export function createAuthLinks(): ApolloLink {
  const csrf = new SetContextLink((prev) => {
    const token = typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
    return token ? { headers: { ...(prev.headers as Record<string, string> | undefined), [CSRF_HEADER]: token } } : {};
  });
  const unauthenticated = new ErrorLink(({ error, operation }) => {
    // The page-load `viewer` question is answered by RequireAuth (a client-side redirect); redirecting here as well
    // would navigate twice at once.
    if (typeof window === 'undefined' || operation.operationName === 'Viewer') return;
    if (toApiProblem(error).code !== 'UNAUTHENTICATED') return;
    const { pathname, search } = window.location;
    if (isPublicPath(pathname)) return;
    window.location.assign(signInHref(`${pathname}${search}`));
  });
  return ApolloLink.from([unauthenticated, csrf]);
}
