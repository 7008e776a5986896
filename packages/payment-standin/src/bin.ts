#!/usr/bin/env node
/**
 * Runs the stand-in on its own: `node packages/payment-standin/dist/bin.js`.
 * Env: STANDIN_PORT (default 12111), STANDIN_HOST (127.0.0.1), STANDIN_SECRET_KEY, STANDIN_WEBHOOK_SECRET,
 * STANDIN_WEBHOOK_URL (e.g. http://127.0.0.1:4000/webhooks/payments/stripe), STANDIN_PUBLIC_URL.
 */
import { startPaymentStandin } from './standin';

async function main(): Promise<void> {
  const standin = await startPaymentStandin({
    port: Number(process.env.STANDIN_PORT ?? 12111),
    host: process.env.STANDIN_HOST ?? '127.0.0.1',
    secretKey: process.env.STANDIN_SECRET_KEY || undefined,
    webhookSecret: process.env.STANDIN_WEBHOOK_SECRET || undefined,
    webhookUrl: process.env.STANDIN_WEBHOOK_URL || null,
    publicUrl: process.env.STANDIN_PUBLIC_URL || undefined,
    log: (line) => process.stdout.write(`[standin] ${line}\n`),
  });
  process.stdout.write(`payment stand-in on ${standin.url}\n  secret key:     ${standin.secretKey}\n  webhook secret: ${standin.webhookSecret}\n  webhook URL:    ${standin.webhookUrl ?? '(none yet: POST /_standin/config webhook_url=…)'}\n`);
  const stop = () => void standin.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
