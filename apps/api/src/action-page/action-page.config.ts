/**
 * Settings of the public action pages, read from the environment once per app (docs/action-pages.md, "Settings").
 * Must never: be relaxed per request.
 */
import type { RateLimitRule } from '../security/security.config.js';

export interface ActionPageConfig {
  /** A form sent sooner than this after it was served is refused as a bot's (shown again, nothing written). */
  minFillMs: number;
  /** Form submissions per client IP (the pages' own limit, on top of the API's anonymous limit). */
  submitRate: RateLimitRule;
  /** Absolute base of public URLs (tracked links, payment return pages), without a trailing slash. */
  publicUrl: string;
}

function nonNegativeInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.MUSTER_PUBLIC_URL || `http://127.0.0.1:${env.PORT || 4000}`).replace(/\/+$/, '');
}

export function actionPageConfig(env: NodeJS.ProcessEnv = process.env): ActionPageConfig {
  return {
    minFillMs: nonNegativeInt(env.MUSTER_ACTION_PAGE_MIN_FILL_MS, 2000),
    submitRate: {
      limit: Math.max(1, nonNegativeInt(env.MUSTER_ACTION_PAGE_RATE_LIMIT, 20)),
      windowSeconds: Math.max(1, nonNegativeInt(env.MUSTER_ACTION_PAGE_RATE_WINDOW_SECONDS, 600)),
    },
    publicUrl: publicUrl(env),
  };
}
