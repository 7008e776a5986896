import { LinkSigner, LinkSecretMissingError, linkSecret, wordingTag } from './action-page.token';

const ORG = '01937000-0000-7000-8000-000000000001';
const OTHER_ORG = '01937000-0000-7000-8000-000000000002';
const ACTION = '01937000-0000-7000-8000-0000000000a1';
const OTHER_ACTION = '01937000-0000-7000-8000-0000000000a2';
const MEMBER = '01937000-0000-7000-8000-0000000000b1';
const NOW = Date.UTC(2026, 10, 26, 12);

describe('member tokens', () => {
  const signer = new LinkSigner(linkSecret({ MUSTER_LINK_SECRET: 'x'.repeat(40) }));

  it('round-trips for the organisation and action it was made for, and is short enough for a text message', () => {
    const token = signer.memberToken(ORG, ACTION, MEMBER, NOW);
    expect(token.length).toBeLessThan(60);
    expect(signer.verifyMemberToken(ORG, ACTION, token, NOW)).toBe(MEMBER);
  });

  it('is refused for another organisation or action, after expiry, when tampered with, or under another secret', () => {
    const token = signer.memberToken(ORG, ACTION, MEMBER, NOW, 60);
    expect(signer.verifyMemberToken(OTHER_ORG, ACTION, token, NOW)).toBeNull();
    expect(signer.verifyMemberToken(ORG, OTHER_ACTION, token, NOW)).toBeNull();
    expect(signer.verifyMemberToken(ORG, ACTION, token, NOW + 61_000)).toBeNull();
    const [payload, mac] = token.split('.');
    const flipped = payload.slice(0, 5) + (payload[5] === 'A' ? 'B' : 'A') + payload.slice(6);
    expect(signer.verifyMemberToken(ORG, ACTION, `${flipped}.${mac}`, NOW)).toBeNull();
    expect(signer.verifyMemberToken(ORG, ACTION, `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`, NOW)).toBeNull();
    expect(signer.verifyMemberToken(ORG, ACTION, 'garbage', NOW)).toBeNull();
    expect(signer.verifyMemberToken(ORG, ACTION, '', NOW)).toBeNull();
    const other = new LinkSigner(linkSecret({ MUSTER_LINK_SECRET: 'y'.repeat(40) }));
    expect(other.verifyMemberToken(ORG, ACTION, token, NOW)).toBeNull();
  });
});

describe('form nonces', () => {
  const signer = new LinkSigner(linkSecret({ MUSTER_LINK_SECRET: 'z'.repeat(40) }));

  it('are unique, carry their issue time and the wording tag, and bind the organisation and action', () => {
    const a = signer.nonce(ORG, ACTION, 'Text me', NOW);
    const b = signer.nonce(ORG, ACTION, 'Text me', NOW);
    expect(a).not.toBe(b);
    expect(signer.verifyNonce(ORG, ACTION, a)).toEqual({ issuedAt: NOW, wordingTag: wordingTag('Text me') });
    expect(signer.verifyNonce(ORG, OTHER_ACTION, a)).toBeNull();
    expect(signer.verifyNonce(OTHER_ORG, ACTION, a)).toBeNull();
    expect(signer.verifyNonce(ORG, ACTION, a.replace(/.(.{5})$/, (_, rest: string) => `${a.at(-6) === 'A' ? 'B' : 'A'}${rest}`))).toBeNull();
    expect(wordingTag('Text me')).not.toBe(wordingTag('Text me.'));
  });

  it('accept only the canonical spelling (the spare bits of the last base64url character cannot make a second nonce)', () => {
    const a = signer.nonce(ORG, ACTION, null, NOW);
    const [payload, mac] = a.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(mac[mac.length - 1]);
    // 16 bytes in 22 characters: the last character carries 2 bits, its low 4 bits are spare.
    const variants = [1, 2, 4, 8].map((bit) => `${payload}.${mac.slice(0, -1)}${alphabet[last ^ bit]}`);
    for (const v of variants) {
      expect(Buffer.from(v.split('.')[1], 'base64url')).toEqual(Buffer.from(mac, 'base64url'));
      expect(signer.verifyNonce(ORG, ACTION, v)).toBeNull();
    }
    expect(signer.verifyNonce(ORG, ACTION, a)).not.toBeNull();
    const token = signer.memberToken(ORG, ACTION, MEMBER, NOW);
    const [tp, tm] = token.split('.');
    const tl = alphabet.indexOf(tm[tm.length - 1]);
    expect(signer.verifyMemberToken(ORG, ACTION, `${tp}.${tm.slice(0, -1)}${alphabet[tl ^ 1]}`, NOW)).toBeNull();
    expect(wordingTag(null)).toBe('00000000');
  });
});

describe('linkSecret', () => {
  it('needs MUSTER_LINK_SECRET in production, refuses a short one, and is stable per database elsewhere', () => {
    expect(() => linkSecret({ NODE_ENV: 'production' })).toThrow(LinkSecretMissingError);
    expect(() => linkSecret({ MUSTER_LINK_SECRET: 'short' })).toThrow(LinkSecretMissingError);
    expect(linkSecret({ DATABASE_URL: 'postgres://a/b' })).toEqual(linkSecret({ DATABASE_URL: 'postgres://a/b' }));
    expect(linkSecret({ DATABASE_URL: 'postgres://a/b' })).not.toEqual(linkSecret({ DATABASE_URL: 'postgres://a/c' }));
  });
});

describe('ipHash', () => {
  it('is keyed and stable, and never the address itself', () => {
    const signer = new LinkSigner(linkSecret({ MUSTER_LINK_SECRET: 'z'.repeat(40) }));
    expect(signer.ipHash('203.0.113.5')).toBe(signer.ipHash('203.0.113.5'));
    expect(signer.ipHash('203.0.113.5')).not.toContain('203');
    expect(signer.ipHash(null)).toBeNull();
  });
});
