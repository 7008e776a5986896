/**
 * Verifies Stripe's webhook signature on the raw request body, exactly as Stripe specifies:
 * `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, v1 = HMAC-SHA256(secret, "<t>.<raw body>"), compared in
 * constant time; the timestamp must be within the tolerance of now (either side), which bounds replays of a captured
 * request. Must never: parse or trust the body before this passes, or accept the v0 (test) scheme.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PaymentException } from './payment.exception.js';

export function parseSignatureHeader(header: string): { timestamp: number | null; signatures: string[] } {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return { timestamp, signatures };
}

/** Throws PAYMENT_WEBHOOK_SIGNATURE_INVALID (saying which check failed) unless one secret signed this body recently. */
export function verifyStripeSignature(rawBody: Buffer, header: string | string[] | undefined, secrets: string[], toleranceSeconds: number, nowMs = Date.now()): void {
  if (secrets.length === 0) throw PaymentException.notConfigured();
  if (typeof header !== 'string' || header.trim() === '') throw PaymentException.signatureInvalid('the Stripe-Signature header is missing.');
  const { timestamp, signatures } = parseSignatureHeader(header);
  if (timestamp === null || signatures.length === 0) throw PaymentException.signatureInvalid('the Stripe-Signature header has no t= timestamp or no v1= signature.');
  const signedPayload = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), rawBody]);
  const matches = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(signedPayload).digest();
    return signatures.some((s) => {
      const given = Buffer.from(s, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  });
  if (!matches) throw PaymentException.signatureInvalid('no signature matches the body with this endpoint\'s secret.');
  const ageSeconds = Math.abs(nowMs / 1000 - timestamp);
  if (ageSeconds > toleranceSeconds) {
    throw PaymentException.signatureInvalid(`the signed timestamp is ${Math.round(ageSeconds)} s from now, outside the ${toleranceSeconds} s tolerance.`);
  }
}
