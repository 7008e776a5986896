import { readCookie, safeNext, signInErrorMessage, signInHref } from './session.js';

describe('session helpers', () => {
  it('reads one cookie out of document.cookie', () => {
    expect(readCookie('a=1; muster_csrf=abc%2Fdef; b=2', 'muster_csrf')).toBe('abc/def');
    expect(readCookie('xmuster_csrf=no', 'muster_csrf')).toBeNull();
    expect(readCookie('', 'muster_csrf')).toBeNull();
  });

  it('keeps only same-app paths as the place to return to', () => {
    expect(safeNext('/orgs/1/members?status=ACTIVE')).toBe('/orgs/1/members?status=ACTIVE');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/sign-in?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
    expect(signInHref('/orgs/1/members')).toBe('/sign-in?next=%2Forgs%2F1%2Fmembers');
    expect(signInHref('/')).toBe('/sign-in');
  });

  it('says how long to wait when rate limited', () => {
    expect(signInErrorMessage('RATE_LIMITED', 30)).toBe('Try again in 30 seconds.');
    expect(signInErrorMessage('RATE_LIMITED', 600)).toBe('Try again in 10 minutes.');
    expect(signInErrorMessage('INVALID_CREDENTIALS')).toMatch(/do not match/);
  });
});
