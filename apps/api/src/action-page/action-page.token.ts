/**
 * Signed values of the public action pages (docs/action-pages.md, "Tokens"):
 * - the member token in a page URL (`?t=`): says "this page is for member M", bound to the organisation and the
 *   action, with an expiry. A token that fails any check is ignored (the page shows an empty form), never an error;
 * - the form nonce (hidden field): single-use (the database's unique key enforces that), bound to the organisation,
 *   the action and the consent wording the form showed, carrying when it was issued (minimum fill time, maximum age);
 * - the keyed hash of a client IP (rate limits and unique clickers without storing the address).
 * All are HMAC-SHA256 under one secret: MUSTER_LINK_SECRET, or in development a key derived from DATABASE_URL (stable
 * across restarts, never published). Must never: accept a value whose MAC does not verify in constant time, or put
 * personal data in a token (the member id is a random uuid).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long a member token in a link stays valid (a tracked link mints a fresh one on every click). */
export const MEMBER_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** How long a form may stay open before its nonce is refused (the form is shown again with a fresh one). */
export const NONCE_MAX_AGE_MS = 12 * 3600 * 1000;

export class LinkSecretMissingError extends Error {}

/**
 * The signing key. Production must set MUSTER_LINK_SECRET (at least 32 characters); elsewhere, without it, the key is
 * derived from DATABASE_URL so that links survive a restart of `npm start` (and differ between databases).
 */
export function linkSecret(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.MUSTER_LINK_SECRET;
  if (configured !== undefined && configured !== '') {
    if (configured.length < 32) throw new LinkSecretMissingError('MUSTER_LINK_SECRET must be at least 32 characters long.');
    return createHash('sha256').update(`muster-link-secret:${configured}`).digest();
  }
  if (env.NODE_ENV === 'production') {
    throw new LinkSecretMissingError('MUSTER_LINK_SECRET is not set: action-page links and forms cannot be signed in production without it.');
  }
  return createHash('sha256').update(`muster-dev-link-secret:${env.DATABASE_URL ?? 'muster'}`).digest();
}

function b64(buf: Buffer): string {
  return buf.toString('base64url');
}

function unb64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  return Buffer.from(text, 'base64url');
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesUuid(buf: Buffer): string {
  const h = buf.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface VerifiedNonce {
  issuedAt: number;
  /** The first bytes of the SHA-256 of the consent wording the form showed ('' when it showed none). */
  wordingTag: string;
}

export function wordingTag(wording: string | null | undefined): string {
  if (!wording) return '00000000';
  return createHash('sha256').update(wording, 'utf8').digest('hex').slice(0, 8);
}

export class LinkSigner {
  constructor(private readonly secret: Buffer) {}

  private mac(purpose: string, parts: string[], payload: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(`${purpose}|${parts.join('|')}|`).update(payload).digest().subarray(0, MAC_BYTES);
  }

  private check(purpose: string, parts: string[], token: string): Buffer | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const payload = unb64(token.slice(0, dot));
    const mac = unb64(token.slice(dot + 1));
    if (!payload || !mac || mac.length !== MAC_BYTES) return null;
    // Only the canonical spelling: base64url's last character has spare bits, and a second spelling of the same
    // bytes would be a second "unique" nonce (a replay that the database's unique key would not catch).
    if (`${b64(payload)}.${b64(mac)}` !== token) return null;
    const expected = this.mac(purpose, parts, payload);
    return timingSafeEqual(mac, expected) ? payload : null;
  }

  /** `?t=` for member M on this organisation's action: 16 bytes of member id + 4 of expiry, and a 128-bit MAC. */
  memberToken(organisationId: string, actionId: string, memberId: string, now = Date.now(), ttlSeconds = MEMBER_TOKEN_TTL_SECONDS): string {
    const payload = Buffer.alloc(20);
    uuidBytes(memberId).copy(payload, 0);
    payload.writeUInt32BE(Math.floor(now / 1000) + ttlSeconds, 16);
    return `${b64(payload)}.${b64(this.mac('member', [organisationId.toLowerCase(), actionId.toLowerCase()], payload))}`;
  }

  /** The member id, or null for anything forged, tampered with, for another organisation or action, or expired. */
  verifyMemberToken(organisationId: string, actionId: string, token: string | undefined | null, now = Date.now()): string | null {
    if (!token) return null;
    const payload = this.check('member', [organisationId.toLowerCase(), actionId.toLowerCase()], token);
    if (!payload || payload.length !== 20) return null;
    if (payload.readUInt32BE(16) * 1000 <= now) return null;
    const id = bytesUuid(payload.subarray(0, 16));
    return UUID.test(id) ? id : null;
  }

  /** A fresh form nonce: 12 random bytes, the issue time in ms and the consent wording's tag, MAC'd. */
  nonce(organisationId: string, actionId: string, consentWording: string | null, now = Date.now()): string {
    const payload = Buffer.alloc(24);
    randomBytes(12).copy(payload, 0);
    payload.writeBigUInt64BE(BigInt(Math.floor(now)), 12);
    Buffer.from(wordingTag(consentWording), 'hex').copy(payload, 20);
    return `${b64(payload)}.${b64(this.mac('nonce', [organisationId.toLowerCase(), actionId.toLowerCase()], payload))}`;
  }

  verifyNonce(organisationId: string, actionId: string, nonce: string | undefined | null): VerifiedNonce | null {
    if (!nonce) return null;
    const payload = this.check('nonce', [organisationId.toLowerCase(), actionId.toLowerCase()], nonce);
    if (!payload || payload.length !== 24) return null;
    return { issuedAt: Number(payload.readBigUInt64BE(12)), wordingTag: payload.subarray(20, 24).toString('hex') };
  }

  /** A keyed hash of a client address: counts and rate limits without keeping the address. */
  ipHash(ip: string | undefined | null): string | null {
    if (!ip) return null;
    return createHmac('sha256', this.secret).update(`ip|${ip}`).digest('hex').slice(0, 32);
  }
}
