import { normaliseEmail, type EmailErrorCode } from './email.value.js';

function normalised(raw: string): string {
  const result = normaliseEmail(raw);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted, got ${result.error.code}`);
  return result.value;
}

function rejected(raw: string): EmailErrorCode {
  const result = normaliseEmail(raw);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected, got ${result.value}`);
  return result.error.code;
}

describe('normaliseEmail', () => {
  it.each([
    ['jo.smith@example.org', 'jo.smith@example.org'],
    ['  Jo.Smith@Example.ORG  ', 'jo.smith@example.org'],
    ['JO@GMAIL.COM', 'jo@gmail.com'],
    ['mailto:jo@example.org', 'jo@example.org'],
    ['MAILTO:Jo@Example.org?subject=Hello', 'jo@example.org'],
    ['<jo@example.org>', 'jo@example.org'],
    ['\u00a0jo@example.org\u00a0', 'jo@example.org'],
    ['jo+unions@example.co.uk', 'jo+unions@example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['first_last-1@mail.nhs.net', 'first_last-1@mail.nhs.net'],
    ['a@b.co', 'a@b.co'],
    ['siân@example.cymru', 'siân@example.cymru'],
    ['jo@xn--bcher-kva.example', 'jo@xn--bcher-kva.example'],
  ])('%j → %j', (raw, expected) => {
    expect(normalised(raw)).toBe(expected);
  });

  it.each<[string, EmailErrorCode]>([
    ['', 'EMAIL_EMPTY'],
    ['   ', 'EMAIL_EMPTY'],
    ['mailto:', 'EMAIL_EMPTY'],
    ['jo smith@example.org', 'EMAIL_HAS_SPACES'],
    ['jo@example .org', 'EMAIL_HAS_SPACES'],
    ['jo.example.org', 'EMAIL_MISSING_AT'],
    ['jo@@example.org', 'EMAIL_MULTIPLE_AT'],
    ['jo@home@example.org', 'EMAIL_MULTIPLE_AT'],
    ['@example.org', 'EMAIL_INVALID_LOCAL_PART'],
    ['jo..smith@example.org', 'EMAIL_INVALID_LOCAL_PART'],
    ['.jo@example.org', 'EMAIL_INVALID_LOCAL_PART'],
    ['jo.@example.org', 'EMAIL_INVALID_LOCAL_PART'],
    ['"jo"@example.org', 'EMAIL_INVALID_LOCAL_PART'],
    ['jo,smith@example.org', 'EMAIL_INVALID_LOCAL_PART'],
    [`${'a'.repeat(65)}@example.org`, 'EMAIL_INVALID_LOCAL_PART'],
    ['jo@', 'EMAIL_INVALID_DOMAIN'],
    ['jo@localhost', 'EMAIL_INVALID_DOMAIN'],
    ['jo@example..org', 'EMAIL_INVALID_DOMAIN'],
    ['jo@.example.org', 'EMAIL_INVALID_DOMAIN'],
    ['jo@example.org.', 'EMAIL_INVALID_DOMAIN'],
    ['jo@-example.org', 'EMAIL_INVALID_DOMAIN'],
    ['jo@example-.org', 'EMAIL_INVALID_DOMAIN'],
    ['jo@exa_mple.org', 'EMAIL_INVALID_DOMAIN'],
    ['jo@example.c', 'EMAIL_INVALID_DOMAIN'],
    ['jo@example.123', 'EMAIL_INVALID_DOMAIN'],
    ['jo@[127.0.0.1]', 'EMAIL_INVALID_DOMAIN'],
    [`jo@${'a'.repeat(64)}.org`, 'EMAIL_INVALID_DOMAIN'],
    [`${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.org`, 'EMAIL_TOO_LONG'],
  ])('rejects %j (%s)', (raw, code) => {
    expect(rejected(raw)).toBe(code);
  });

  it('explains the problem in plain English', () => {
    const result = normaliseEmail('jo.example.org');
    expect(result).toEqual({ ok: false, error: { code: 'EMAIL_MISSING_AT', message: expect.stringContaining('@') } });
  });

  it('does not throw on non-strings from untyped callers', () => {
    expect(normaliseEmail(null as unknown as string).ok).toBe(false);
  });
});
