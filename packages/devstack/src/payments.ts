/**
 * The payment stand-in (packages/payment-standin) as `npm start` and the test stack run it: in this process, its URL
 * and secrets handed to the API through MUSTER_STRIPE_API_URL / MUSTER_STRIPE_SECRET_KEY / MUSTER_STRIPE_WEBHOOK_SECRET,
 * its webhooks sent to the API's /webhooks/payments/stripe. When the environment already names a real provider
 * (MUSTER_STRIPE_SECRET_KEY set), `npm start` leaves payments to it and starts no stand-in.
 */
import { startPaymentStandin, type PaymentStandin } from '@muster/payment-standin';
import { findFreePort } from './postgres';

/** Fixed development secrets: the stand-in holds no money, and stable values survive restarts of `npm start`. */
export const DEV_STANDIN_SECRET_KEY = 'sk_test_muster_standin_development';
export const DEV_STANDIN_WEBHOOK_SECRET = 'whsec_muster_standin_development';

export interface RunningPayments {
  standin: PaymentStandin;
  /** What the API needs in its environment. */
  apiEnv: Record<string, string>;
}

export async function startPayments(options: { apiPort: number; port?: number; host?: string; secretKey?: string; webhookSecret?: string; log?: (line: string) => void }): Promise<RunningPayments> {
  const standin = await startPaymentStandin({
    port: options.port ?? await findFreePort(),
    host: options.host ?? '127.0.0.1',
    secretKey: options.secretKey,
    webhookSecret: options.webhookSecret,
    webhookUrl: `http://127.0.0.1:${options.apiPort}/webhooks/payments/stripe`,
    log: options.log,
  });
  return {
    standin,
    apiEnv: {
      MUSTER_STRIPE_API_URL: standin.url,
      MUSTER_STRIPE_SECRET_KEY: standin.secretKey,
      MUSTER_STRIPE_WEBHOOK_SECRET: standin.webhookSecret,
    },
  };
}
