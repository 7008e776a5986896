import { RateLimiter } from './rate-limiter';
import { rateKey } from './security.hooks';
import { securityConfig } from './security.config';

describe('RateLimiter', () => {
  it('allows the limit per window, then reports the seconds until the window resets', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    const rule = { limit: 3, windowSeconds: 60 };
    expect([1, 2, 3].map(() => limiter.hit('k', rule).allowed)).toEqual([true, true, true]);
    now += 15_500;
    expect(limiter.hit('k', rule)).toEqual({ allowed: false, retryAfterSeconds: 45, remaining: 0 });
    expect(limiter.hit('other', rule).allowed).toBe(true);
    now += 45_000;
    expect(limiter.hit('k', rule).allowed).toBe(true);
  });

  it('forgets expired windows', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 100; i++) limiter.hit(`ip:${i}`, { limit: 1, windowSeconds: 1 });
    now += 20_000;
    limiter.hit('late', { limit: 1, windowSeconds: 1 });
    expect(limiter.size).toBe(1);
  });
});

describe('rateKey', () => {
  const config = securityConfig({});
  it('keys an API key by the key, a session by the user, anyone else by IP', () => {
    expect(rateKey({ userId: 'u', apiKeyId: 'k' }, '1.2.3.4', config)).toEqual({ key: 'key:k', rule: config.rate.apiKey });
    expect(rateKey({ userId: 'u', apiKeyId: null }, '1.2.3.4', config)).toEqual({ key: 'user:u', rule: config.rate.user });
    expect(rateKey(null, '1.2.3.4', config)).toEqual({ key: 'ip:1.2.3.4', rule: config.rate.anonymous });
  });
});

describe('securityConfig', () => {
  it('turns introspection off in production unless asked, and GraphiQL never on without it', () => {
    expect(securityConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(securityConfig({ NODE_ENV: 'production', MUSTER_GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(securityConfig({}).introspection).toBe(true);
    expect(securityConfig({ MUSTER_GRAPHIQL: 'true', MUSTER_GRAPHQL_INTROSPECTION: 'false' }).graphiql).toBe(false);
    expect(securityConfig({ MUSTER_APP_ORIGINS: 'https://a.example/, https://b.example' }).appOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
