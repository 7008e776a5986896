/**
 * Payment provider settings, from the environment (docs/donations.md, "Configuration"):
 * - MUSTER_STRIPE_API_URL       Stripe's API base; default https://api.stripe.com. `npm start` and the test stack point it
 *                               at the local stand-in (packages/payment-standin).
 * - MUSTER_STRIPE_SECRET_KEY    the API key (sk_…) sent as `Authorization: Bearer …`.
 * - MUSTER_STRIPE_WEBHOOK_SECRET the endpoint's signing secret (whsec_…); several may be given comma-separated while
 *                               rolling a secret.
 * - MUSTER_PAYMENT_WEBHOOK_TOLERANCE_SECONDS  how old a signed timestamp may be (default 300, Stripe's own default).
 * - MUSTER_STRIPE_TIMEOUT_MS    per request to the provider (default 10000).
 * Read on every use, so a test can set them before it builds the app.
 */
import type { DonationProvider } from '@muster/domain';

export interface PaymentConfig {
  apiUrl: string;
  secretKey: string | null;
  webhookSecrets: string[];
  toleranceSeconds: number;
  timeoutMs: number;
  /** STRIPE when talking to Stripe itself, STANDIN for anything else (the local stand-in). */
  provider: DonationProvider;
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function paymentConfig(env: NodeJS.ProcessEnv = process.env): PaymentConfig {
  const apiUrl = (env.MUSTER_STRIPE_API_URL || 'https://api.stripe.com').replace(/\/+$/, '');
  let host: string;
  try {
    host = new URL(apiUrl).hostname;
  } catch {
    host = '';
  }
  return {
    apiUrl,
    secretKey: env.MUSTER_STRIPE_SECRET_KEY || null,
    webhookSecrets: (env.MUSTER_STRIPE_WEBHOOK_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    toleranceSeconds: positive(env.MUSTER_PAYMENT_WEBHOOK_TOLERANCE_SECONDS, 300),
    timeoutMs: positive(env.MUSTER_STRIPE_TIMEOUT_MS, 10_000),
    provider: host === 'api.stripe.com' ? 'STRIPE' : 'STANDIN',
  };
}
