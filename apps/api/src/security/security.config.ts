/**
 * The hardened endpoint's settings, read from the environment once per app (createApp).
 * Owns: every limit's number and the switches for introspection and GraphiQL.
 * Must never: relax a limit because of who is calling (limits are per principal, not exemptions).
 */

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface SecurityConfig {
  /** Origins allowed by CORS (the apps); everything else gets no CORS headers. */
  appOrigins: string[];
  introspection: boolean;
  graphiql: boolean;
  /** Bytes; larger bodies are refused with 413 before parsing. */
  bodyLimit: number;
  /** graphql-js parser token cap: bounds the parse of any document. */
  maxTokens: number;
  maxAliases: number;
  maxCost: number;
  /** Operations per batched request (a JSON array body). */
  maxBatch: number;
  rate: { user: RateLimitRule; apiKey: RateLimitRule; anonymous: RateLimitRule };
}

/** The apps' development and preview origins (npm start). */
export const DEFAULT_APP_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:5174', 'http://127.0.0.1:5174'];

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

export function securityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const production = env.NODE_ENV === 'production';
  const introspection = env.MUSTER_GRAPHQL_INTROSPECTION !== undefined ? env.MUSTER_GRAPHQL_INTROSPECTION === 'true' : !production;
  const graphiql = env.MUSTER_GRAPHIQL !== undefined ? env.MUSTER_GRAPHIQL === 'true' : false;
  const origins = (env.MUSTER_APP_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean);
  const window = positiveInt(env.MUSTER_RATE_LIMIT_WINDOW_SECONDS, 60);
  return {
    appOrigins: origins.length > 0 ? origins : DEFAULT_APP_ORIGINS,
    introspection,
    // GraphiQL needs introspection: never on without it.
    graphiql: graphiql && introspection,
    bodyLimit: positiveInt(env.MUSTER_BODY_LIMIT_BYTES, 256 * 1024),
    maxTokens: 20_000,
    maxAliases: 30,
    maxCost: 20_000,
    maxBatch: 5,
    rate: {
      user: { limit: positiveInt(env.MUSTER_RATE_LIMIT_USER, 1200), windowSeconds: window },
      apiKey: { limit: positiveInt(env.MUSTER_RATE_LIMIT_API_KEY, 600), windowSeconds: window },
      anonymous: { limit: positiveInt(env.MUSTER_RATE_LIMIT_ANONYMOUS, 300), windowSeconds: window },
    },
  };
}
