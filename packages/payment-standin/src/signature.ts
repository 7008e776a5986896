/**
 * Stripe's webhook signature: header `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The secret (`whsec_…`) is used as the HMAC key as-is.
 */
import { createHmac } from 'node:crypto';

export function signPayload(secret: string, payload: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, payload: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSeconds},v1=${signPayload(secret, payload, timestampSeconds)}`;
}
