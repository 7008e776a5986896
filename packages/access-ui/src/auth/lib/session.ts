// The browser side of a session: the session itself is an httpOnly cookie the app never sees; the CSRF token is the
// readable `muster_csrf` cookie, echoed as `x-csrf-token` on every request (CONTRACT.md, "Authentication on the wire").

export const CSRF_COOKIE = 'muster_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Pages that work signed out: a redirect to sign-in from them would loop or lose the invitation token. */
export function isPublicPath(pathname: string): boolean {
  return pathname === '/sign-in' || pathname.startsWith('/invitations/');
}

/** Where "sign in, then come back here" goes; only same-app paths are kept (never an open redirect). */
export function signInHref(intended: string): string {
  return intended && intended !== '/' && safeNext(intended) === intended ? `/sign-in?next=${encodeURIComponent(intended)}` : '/sign-in';
}

export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || isPublicPath(next.split('?')[0])) return '/';
  return next;
}

/** The user-facing sentence for a failed sign-in, by the API's error code. */
export function signInErrorMessage(code: string, retryAfterSeconds?: number): string {
  switch (code) {
    case 'INVALID_CREDENTIALS':
      return 'That email and password do not match an account. Check them and try again.';
    case 'RATE_LIMITED': {
      const wait = retryAfterSeconds && retryAfterSeconds > 0 ? retryAfterSeconds : undefined;
      if (!wait) return 'Wait a little, then try again.';
      const minutes = Math.ceil(wait / 60);
      return `Try again in ${wait < 90 ? `${wait} second${wait === 1 ? '' : 's'}` : `${minutes} minutes`}.`;
    }
    case 'VALIDATION_FAILED':
      return 'Enter your email address and password.';
    case 'NETWORK_ERROR':
      return 'Could not reach Muster. Check your connection and try again.';
    default:
      return 'Sign-in failed. Try again; if it keeps failing, quote the error code below.';
  }
}
