/**
 * The public action pages over HTTP against a real PostgreSQL (docs/action-pages.md): not found / closed pages, page
 * weight and headers, a member created or matched, the response state per action type with channel and credit from
 * a tracked link, consent stored with its exact wording, member tokens (pre-fill, forgery and tampering ignored),
 * replay, honeypot, minimum fill time, forged nonces, field errors, the per-IP rate limit, and another organisation's
 * tokens and links meaning nothing here.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ActionPageService } from '../src/action-page/action-page.service';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(20);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
const other = fixture.members.filter((m) => m.organisationId === OTHER_ID);
const WORDING = 'Yes, United may text and email me about the pay campaign. I can opt out at any time.';

let t: TestApp;
let db: Client;
let service: ActionPageService;
let volunteer: TestUser;
let ipCounter = 1;

const CAMPAIGN = uuidv7();
const OTHER_CAMPAIGN = uuidv7();
const A = {
  petition: { id: uuidv7(), slug: 'petitionslug01', type: 'PETITION', status: 'OPEN' },
  signup: { id: uuidv7(), slug: 'signupslug0001', type: 'PHONE_BANK_SIGNUP', status: 'OPEN' },
  pledge: { id: uuidv7(), slug: 'pledgeslug0001', type: 'CUSTOM', status: 'OPEN' },
  event: { id: uuidv7(), slug: 'eventslug00001', type: 'EVENT', status: 'OPEN' },
  donate: { id: uuidv7(), slug: 'donateslug0001', type: 'DONATION', status: 'OPEN' },
  closed: { id: uuidv7(), slug: 'closedslug0001', type: 'PETITION', status: 'CLOSED' },
  draft: { id: uuidv7(), slug: 'draftslug00001', type: 'PETITION', status: 'DRAFT' },
};
const OTHER_ACTION = { id: uuidv7(), slug: 'otherslug00001' };

/** A fresh client address per test, so the per-IP limit of one test never touches another. */
function nextIp(): string {
  return `203.0.113.${ipCounter++}`;
}

function nonce(actionId: string, wording: string | null = WORDING, ageMs = 5000, org = UNION_ID): string {
  return service.signer.nonce(org, actionId, wording, Date.now() - ageMs);
}

async function post(slug: string, form: Record<string, string>, ip = nextIp()) {
  return t.app.inject({
    method: 'POST', url: `/a/${slug}`, remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

async function counts() {
  const r = await db.query(`SELECT (SELECT count(*) FROM member)::int AS members, (SELECT count(*) FROM member_email)::int AS emails,
    (SELECT count(*) FROM action_response)::int AS responses, (SELECT count(*) FROM action_response_event)::int AS events,
    (SELECT count(*) FROM consent_record)::int AS consents, (SELECT count(*) FROM action_page_submission)::int AS submissions`);
  return r.rows[0];
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  service = t.app.get(ActionPageService);
  volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
  await db.query(`INSERT INTO campaign (organisation_id, id, name, created_by) VALUES ($1, $2, 'Pay', 'test'), ($3, $4, 'Air', 'test')`, [UNION_ID, CAMPAIGN, OTHER_ID, OTHER_CAMPAIGN]);
  for (const a of Object.values(A)) {
    await db.query(
      `INSERT INTO action (organisation_id, id, campaign_id, type, title, status, public_slug, consent_wording, page, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '2026-12-01T18:00:00Z')`,
      [UNION_ID, a.id, CAMPAIGN, a.type, `The ${a.type.toLowerCase()} action`, a.status, a.slug, WORDING,
        JSON.stringify({ headline: `Headline of ${a.slug}`, body: 'Why it matters.', thankYou: 'Thank you, you are a star.', donationAmountsPence: [500, 1000] })],
    );
  }
  await db.query(`INSERT INTO action (organisation_id, id, campaign_id, type, title, status, public_slug) VALUES ($1, $2, $3, 'PETITION', 'Theirs', 'OPEN', $4)`,
    [OTHER_ID, OTHER_ACTION.id, OTHER_CAMPAIGN, OTHER_ACTION.slug]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('pages', () => {
  it('answers an unknown slug and a draft with a 404 page, a closed action with a closed page', async () => {
    for (const url of ['/a/nosuchslug000', '/a/' + A.draft.slug, '/a/<script>']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<html lang="en-GB">');
      expect(res.body).toContain('Page not found');
    }
    const closed = await t.app.inject({ method: 'GET', url: `/a/${A.closed.slug}` });
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('This action has closed');
    const before = await counts();
    const posted = await post(A.closed.slug, { nonce: nonce(A.closed.id), firstName: 'A', lastName: 'B', email: 'a@example.org' });
    expect(posted.statusCode).toBe(410);
    expect(await counts()).toEqual(before);
  });

  it('serves a small page with no script, a strict CSP and a form nonce', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/a/${A.petition.slug}` });
    expect(res.statusCode).toBe(200);
    expect(Buffer.byteLength(res.body)).toBeLessThan(20_000);
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain('Headline of petitionslug01');
    expect(res.body).toContain(`<label for="f-consent">${WORDING}</label>`);
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'/);
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    expect(res.headers['cache-control']).toBe('no-store');
    const n = /name="nonce" value="([^"]+)"/.exec(res.body)?.[1];
    expect(service.signer.verifyNonce(UNION_ID, A.petition.id, n)).not.toBeNull();
  });
});

describe('submitting', () => {
  it('a petition creates a new member, completes the response on WEB and stores consent word for word', async () => {
    const before = await counts();
    const n = nonce(A.petition.id);
    const res = await post(A.petition.slug, { nonce: n, firstName: ' Nia ', lastName: 'Brown', email: 'Nia.Brown@Example.org', phone: '07700 900777', postcode: 'ls1 4ap', consent: 'yes', website: '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/a/${A.petition.slug}/thanks`);
    const thanks = await t.app.inject({ method: 'GET', url: res.headers.location as string });
    expect(thanks.body).toContain('Thank you, you are a star.');

    const member = (await db.query(`SELECT id, first_name, last_name, email, phone, postcode, sms_consent, email_consent FROM member WHERE email = 'nia.brown@example.org'`)).rows;
    expect(member).toHaveLength(1);
    expect(member[0]).toMatchObject({ first_name: 'Nia', last_name: 'Brown', phone: '+447700900777', postcode: 'LS1 4AP', sms_consent: 'GRANTED', email_consent: 'GRANTED' });
    const response = (await db.query(`SELECT id, state, channel, credited_user_id, completed_at FROM action_response WHERE action_id = $1 AND member_id = $2`, [A.petition.id, member[0].id])).rows;
    expect(response).toEqual([expect.objectContaining({ state: 'COMPLETED', channel: 'WEB', credited_user_id: null })]);
    const submission = (await db.query(`SELECT id, member_created, response_id, nonce, ip_hash FROM action_page_submission WHERE nonce = $1`, [n])).rows[0];
    expect(submission).toMatchObject({ member_created: true, response_id: response[0].id });
    expect(submission.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    const consent = (await db.query(`SELECT channel, status, source, source_id, wording FROM consent_record WHERE member_id = $1 ORDER BY channel::text`, [member[0].id])).rows;
    expect(consent).toEqual([
      { channel: 'EMAIL', status: 'GRANTED', source: 'ACTION_PAGE', source_id: submission.id, wording: WORDING },
      { channel: 'SMS', status: 'GRANTED', source: 'ACTION_PAGE', source_id: submission.id, wording: WORDING },
    ]);
    const after = await counts();
    expect(after).toEqual({ ...before, members: before.members + 1, emails: before.emails + 1, responses: before.responses + 1, events: before.events + 1, consents: before.consents + 2, submissions: before.submissions + 1 });
  });

  it('matches an existing member by email (stored details untouched) and records no consent when unticked', async () => {
    const m = union.find((x) => x.emails.length > 0)!;
    const before = await counts();
    const res = await post(A.pledge.slug, { nonce: nonce(A.pledge.id), firstName: 'Someone', lastName: 'Else', email: m.emails[0].toUpperCase() });
    expect(res.statusCode).toBe(303);
    const row = (await db.query(`SELECT first_name, last_name FROM member WHERE id = $1`, [m.id])).rows[0];
    expect(row).toEqual({ first_name: m.firstName, last_name: m.lastName });
    const response = (await db.query(`SELECT state, channel FROM action_response WHERE action_id = $1 AND member_id = $2`, [A.pledge.id, m.id])).rows;
    expect(response).toEqual([{ state: 'COMMITTED', channel: 'WEB' }]);
    const after = await counts();
    expect(after.members).toBe(before.members);
    expect(after.consents).toBe(before.consents);
    expect((await db.query(`SELECT member_created FROM action_page_submission WHERE member_id = $1`, [m.id])).rows).toEqual([{ member_created: false }]);
  });

  it('matches by mobile number, and an event sign-up is COMMITTED with the action due date', async () => {
    const m = union.find((x) => x.phones.some((p) => p.type === 'MOBILE'))!;
    const mobile = m.phones.find((p) => p.type === 'MOBILE')!.e164;
    const res = await post(A.event.slug, { nonce: nonce(A.event.id), firstName: 'X', lastName: 'Y', phone: '0' + mobile.slice(3) });
    expect(res.statusCode).toBe(303);
    const r = (await db.query(`SELECT state, due_at FROM action_response WHERE action_id = $1 AND member_id = $2`, [A.event.id, m.id])).rows;
    expect(r).toEqual([{ state: 'COMMITTED', due_at: new Date('2026-12-01T18:00:00Z') }]);
  });

  it('signing again with a new form leaves a completed response as it is (no new event), and is thanked', async () => {
    const form = () => ({ nonce: nonce(A.petition.id), firstName: 'Twice', lastName: 'Signer', email: 'twice@example.org' });
    expect((await post(A.petition.slug, form())).statusCode).toBe(303);
    const before = await counts();
    const again = await post(A.petition.slug, form());
    expect(again.statusCode).toBe(303);
    const after = await counts();
    expect(after).toEqual({ ...before, submissions: before.submissions + 1 });
    const r = (await db.query(`SELECT r.state, (SELECT count(*)::int FROM action_response_event e WHERE e.response_id = r.id) AS events
      FROM action_response r JOIN member m ON m.id = r.member_id WHERE m.email = 'twice@example.org' AND r.action_id = $1`, [A.petition.id])).rows;
    expect(r).toEqual([{ state: 'COMPLETED', events: 1 }]);
  });

  it('a replayed POST changes nothing', async () => {
    const form = { nonce: nonce(A.petition.id), firstName: 'Replay', lastName: 'Test', email: 'replay@example.org', consent: 'yes' };
    expect((await post(A.petition.slug, form)).statusCode).toBe(303);
    const before = await counts();
    const again = await post(A.petition.slug, form);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/a/${A.petition.slug}/thanks`);
    // Even with other details: the nonce is spent.
    expect((await post(A.petition.slug, { ...form, email: 'replay2@example.org' })).statusCode).toBe(303);
    // Another spelling of the same nonce (the spare bits of its last base64url character) is not a new nonce.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = form.nonce.slice(0, -1) + alphabet[alphabet.indexOf(form.nonce.at(-1)!) ^ 1];
    expect((await post(A.petition.slug, { ...form, nonce: respelled, email: 'replay3@example.org' })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('two copies of one form sent at once are accepted once: one member, one response, one submission', async () => {
    const form = { nonce: nonce(A.signup.id), firstName: 'Con', lastName: 'Current', phone: '07700 900666', consent: 'yes' };
    const before = await counts();
    const answers = await Promise.all([post(A.signup.slug, form), post(A.signup.slug, form), post(A.signup.slug, form)]);
    expect(answers.map((r) => r.statusCode)).toEqual([303, 303, 303]);
    expect(new Set(answers.map((r) => r.headers.location))).toEqual(new Set([`/a/${A.signup.slug}/thanks`]));
    const after = await counts();
    expect(after).toEqual({ ...before, members: before.members + 1, responses: before.responses + 1, events: before.events + 1, consents: before.consents + 1, submissions: before.submissions + 1 });
  });

  it('a filled honeypot is thanked and nothing is written', async () => {
    const before = await counts();
    const res = await post(A.petition.slug, { nonce: nonce(A.petition.id), firstName: 'Bot', lastName: 'Bot', email: 'bot@example.org', website: 'http://spam.example' });
    expect(res.statusCode).toBe(303);
    expect(await counts()).toEqual(before);
  });

  it('a form sent faster than a person could fill it is shown again, nothing written; a forged or foreign nonce too', async () => {
    const before = await counts();
    const page = await t.app.inject({ method: 'GET', url: `/a/${A.petition.slug}` });
    const fresh = /name="nonce" value="([^"]+)"/.exec(page.body)![1];
    const quick = await post(A.petition.slug, { nonce: fresh, firstName: 'Quick', lastName: 'Bot', email: 'quick@example.org' });
    expect(quick.statusCode).toBe(400);
    expect(quick.body).toContain('quicker than we expected');
    expect(quick.body).toContain('value="quick@example.org"');
    const forged = await post(A.petition.slug, { nonce: fresh.slice(0, -6) + (fresh.at(-6) === 'A' ? 'B' : 'A') + fresh.slice(-5), firstName: 'F', lastName: 'G', email: 'forged@example.org' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('could not be checked');
    const otherAction = await post(A.petition.slug, { nonce: nonce(A.signup.id), firstName: 'F', lastName: 'G', email: 'forged@example.org' });
    expect(otherAction.statusCode).toBe(400);
    const otherOrg = await post(A.petition.slug, { nonce: nonce(A.petition.id, WORDING, 5000, OTHER_ID), firstName: 'F', lastName: 'G', email: 'forged@example.org' });
    expect(otherOrg.statusCode).toBe(400);
    const missing = await post(A.petition.slug, { firstName: 'F', lastName: 'G', email: 'forged@example.org' });
    expect(missing.statusCode).toBe(400);
    const stale = await post(A.petition.slug, { nonce: nonce(A.petition.id, WORDING, 13 * 3600 * 1000), firstName: 'F', lastName: 'G', email: 'forged@example.org' });
    expect(stale.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('consent is not recorded for wording the person never saw (the wording changed after the form was served)', async () => {
    const before = await counts();
    const res = await post(A.petition.slug, { nonce: nonce(A.petition.id, 'An older wording.'), firstName: 'W', lastName: 'X', email: 'wording@example.org', consent: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('wording of this form has changed');
    expect(res.body).not.toMatch(/id="f-consent"[^>]*checked/);
    expect(await counts()).toEqual(before);
  });

  it('a member matched without a signed link gets consent only on the channel that matched, and never over a withdrawal', async () => {
    const candidates = union.filter((x) => x.emails.length > 0 && x.phones.some((p) => p.type === 'MOBILE')).slice(-3);
    expect(candidates.length).toBe(3);
    const [victim, byEmail, returning] = candidates;
    const consentOf = async (id: string) => (await db.query(`SELECT sms_consent::text AS sms, email_consent::text AS email FROM member WHERE id = $1`, [id])).rows[0];
    const numbersOf = async (id: string) => (await db.query(`SELECT e164 FROM member_phone WHERE member_id = $1`, [id])).rows.map((r) => r.e164);
    const setConsent = (id: string, sms: string, email: string) =>
      db.query(`UPDATE member SET sms_consent = $2, email_consent = $3 WHERE id = $1`, [id, sms, email]);

    // Someone who knows a member's email types it with another mobile and ticks consent: the member had withdrawn both.
    await setConsent(victim.id, 'WITHDRAWN', 'WITHDRAWN');
    expect((await post(A.petition.slug, { nonce: nonce(A.petition.id), firstName: 'Not', lastName: 'Them', email: victim.emails[0], phone: '07700 900999', consent: 'yes' })).statusCode).toBe(303);
    expect(await consentOf(victim.id)).toEqual({ sms: 'WITHDRAWN', email: 'WITHDRAWN' });
    expect(await numbersOf(victim.id)).not.toContain('+447700900999');
    // …and the same with the member's mobile and another email.
    const mobile = victim.phones.find((p) => p.type === 'MOBILE')!.e164;
    expect((await post(A.pledge.slug, { nonce: nonce(A.pledge.id), firstName: 'Not', lastName: 'Them', email: 'someone.else@example.net', phone: '0' + mobile.slice(3), consent: 'yes' })).statusCode).toBe(303);
    expect(await consentOf(victim.id)).toEqual({ sms: 'WITHDRAWN', email: 'WITHDRAWN' });

    // Matched by email with nothing withdrawn: email consent (the address that matched), not SMS for a typed number.
    await setConsent(byEmail.id, 'UNKNOWN', 'UNKNOWN');
    expect((await post(A.petition.slug, { nonce: nonce(A.petition.id), firstName: byEmail.firstName, lastName: byEmail.lastName, email: byEmail.emails[0], phone: '07700 900998', consent: 'yes' })).statusCode).toBe(303);
    expect(await consentOf(byEmail.id)).toEqual({ sms: 'UNKNOWN', email: 'GRANTED' });
    const recorded = (await db.query(`SELECT channel::text AS channel, wording FROM consent_record WHERE member_id = $1 AND source = 'ACTION_PAGE'`, [byEmail.id])).rows;
    expect(recorded).toEqual([{ channel: 'EMAIL', wording: WORDING }]);

    // A member who withdrew and comes back through their own signed link may re-join.
    await setConsent(returning.id, 'WITHDRAWN', 'WITHDRAWN');
    const token = service.signer.memberToken(UNION_ID, A.pledge.id, returning.id);
    expect((await post(A.pledge.slug, { nonce: nonce(A.pledge.id), t: token, firstName: returning.firstName, lastName: returning.lastName, email: returning.emails[0], phone: '0' + returning.phones.find((p) => p.type === 'MOBILE')!.e164.slice(3), consent: 'yes' })).statusCode).toBe(303);
    expect(await consentOf(returning.id)).toEqual({ sms: 'GRANTED', email: 'GRANTED' });
  });

  it('an invalid phone number is a field error tied to its field, the form keeps what was typed, nothing is written', async () => {
    const before = await counts();
    const n = nonce(A.signup.id);
    const res = await post(A.signup.slug, { nonce: n, firstName: 'Pat', lastName: 'Lee', phone: '0770', email: 'pat@example.org' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<input type="tel" id="f-phone"[^>]*aria-describedby="f-phone-error"[^>]*aria-invalid="true"/);
    expect(res.body).toContain('<a href="#f-phone">');
    expect(res.body).toContain('value="Pat"');
    expect(res.body).toContain(`value="${n}"`);
    const missingPhone = await post(A.signup.slug, { nonce: nonce(A.signup.id), firstName: 'Pat', lastName: 'Lee', email: 'pat@example.org' });
    expect(missingPhone.statusCode).toBe(400);
    expect(missingPhone.body).toContain('Enter your mobile phone number.');
    expect(await counts()).toEqual(before);
    // The same nonce still works once the form is right (it was not spent by the invalid attempt).
    expect((await post(A.signup.slug, { nonce: n, firstName: 'Pat', lastName: 'Lee', phone: '07700 900555', email: 'pat@example.org' })).statusCode).toBe(303);
  });

  it('the per-IP limit answers 429 with Retry-After and writes nothing', async () => {
    const saved = service.config.submitRate;
    (service.config as { submitRate: typeof saved }).submitRate = { limit: 2, windowSeconds: 600 };
    try {
      const ip = nextIp();
      const form = () => ({ nonce: nonce(A.petition.id), firstName: 'Rate', lastName: 'Limit', email: `rate${ipCounter++}@example.org` });
      expect((await post(A.petition.slug, form(), ip)).statusCode).toBe(303);
      expect((await post(A.petition.slug, form(), ip)).statusCode).toBe(303);
      const before = await counts();
      const limited = await post(A.petition.slug, form(), ip);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toContain('Too many');
      expect(await counts()).toEqual(before);
      // Another address is not affected.
      expect((await post(A.petition.slug, form(), nextIp())).statusCode).toBe(303);
    } finally {
      (service.config as { submitRate: typeof saved }).submitRate = saved;
    }
  });
});

describe('member tokens', () => {
  it('pre-fill the page for the member; a tampered, expired or foreign token is ignored, not an error', async () => {
    const m = union[3];
    const token = service.signer.memberToken(UNION_ID, A.signup.id, m.id);
    const res = await t.app.inject({ method: 'GET', url: `/a/${A.signup.slug}?t=${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`filled in for ${m.firstName} ${m.lastName}`);
    expect(res.body).toContain(`value="${m.firstName}"`);
    expect(res.body).toContain(`name="t" value="${token}"`);
    const tampered = token.slice(0, 4) + (token[4] === 'A' ? 'B' : 'A') + token.slice(5);
    const expired = service.signer.memberToken(UNION_ID, A.signup.id, m.id, Date.now() - 10_000, 1);
    const otherAction = service.signer.memberToken(UNION_ID, A.petition.id, m.id);
    const otherOrg = service.signer.memberToken(OTHER_ID, A.signup.id, other[0].id);
    for (const bad of [tampered, expired, otherAction, otherOrg, 'x.y', '']) {
      const page = await t.app.inject({ method: 'GET', url: `/a/${A.signup.slug}?t=${encodeURIComponent(bad)}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('filled in for');
      expect(page.body).not.toContain(`value="${m.firstName}"`);
    }
  });

  it('a submission with a valid token records the token member and adds the new email; a forged one falls back to matching', async () => {
    const m = union[4];
    const token = service.signer.memberToken(UNION_ID, A.signup.id, m.id);
    const res = await post(A.signup.slug, { nonce: nonce(A.signup.id), t: token, firstName: m.firstName, lastName: m.lastName, phone: '07700 900444', email: 'new.address@example.org' });
    expect(res.statusCode).toBe(303);
    expect((await db.query(`SELECT state FROM action_response WHERE action_id = $1 AND member_id = $2`, [A.signup.id, m.id])).rows).toEqual([{ state: 'COMMITTED' }]);
    const emails = (await db.query(`SELECT address FROM member_email WHERE member_id = $1 ORDER BY position`, [m.id])).rows.map((r) => r.address);
    expect(emails).toEqual([...m.emails, 'new.address@example.org']);

    // A token for another organisation's member: ignored; the typed details make a new member in this one.
    const foreign = service.signer.memberToken(OTHER_ID, A.signup.id, other[0].id);
    const before = await counts();
    expect((await post(A.signup.slug, { nonce: nonce(A.signup.id), t: foreign, firstName: 'Fresh', lastName: 'Person', phone: '07700 900333' })).statusCode).toBe(303);
    expect((await db.query(`SELECT count(*)::int AS n FROM action_response WHERE member_id = $1`, [other[0].id])).rows[0].n).toBe(0);
    expect((await counts()).members).toBe(before.members + 1);
  });
});

describe('tracked links on the page', () => {
  it('carry their channel and credit into the response; another organisation\'s link code is ignored', async () => {
    const code = 'linkcode-union-0001';
    const linkId = uuidv7();
    await db.query(`INSERT INTO tracked_link (organisation_id, id, code, action_id, channel, credited_user_id, created_by) VALUES ($1, $2, $3, $4, 'SMS', $5, 'test')`,
      [UNION_ID, linkId, code, A.signup.id, volunteer.userId]);
    const page = await t.app.inject({ method: 'GET', url: `/a/${A.signup.slug}?l=${code}` });
    expect(page.body).toContain(`name="l" value="${code}"`);
    expect((await post(A.signup.slug, { nonce: nonce(A.signup.id), l: code, firstName: 'Credit', lastName: 'Me', phone: '07700 900222' })).statusCode).toBe(303);
    const r = (await db.query(`SELECT r.state, r.channel, r.credited_user_id, s.link_id FROM action_response r JOIN action_page_submission s ON s.response_id = r.id
      JOIN member m ON m.id = r.member_id WHERE m.phone = '+447700900222'`)).rows;
    expect(r).toEqual([{ state: 'COMMITTED', channel: 'SMS', credited_user_id: volunteer.userId, link_id: linkId }]);

    const foreignCode = 'linkcode-other-0001';
    await db.query(`INSERT INTO tracked_link (organisation_id, id, code, action_id, channel, created_by) VALUES ($1, $2, $3, $4, 'EMAIL', 'test')`,
      [OTHER_ID, uuidv7(), foreignCode, OTHER_ACTION.id]);
    const foreignPage = await t.app.inject({ method: 'GET', url: `/a/${A.signup.slug}?l=${foreignCode}` });
    expect(foreignPage.body).not.toContain('name="l"');
    expect((await post(A.signup.slug, { nonce: nonce(A.signup.id), l: foreignCode, firstName: 'No', lastName: 'Credit', phone: '07700 900111' })).statusCode).toBe(303);
    expect((await db.query(`SELECT r.channel, r.credited_user_id FROM action_response r JOIN member m ON m.id = r.member_id WHERE m.phone = '+447700900111'`)).rows)
      .toEqual([{ channel: 'WEB', credited_user_id: null }]);
  });
});

describe('donate page', () => {
  it('shows amounts and Gift Aid, and its CSP lets the form continue to the payment provider', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/a/${A.donate.slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('£5');
    expect(res.body).toContain('£10');
    expect(res.body).toContain('Gift Aid');
    expect(res.headers['content-security-policy']).not.toContain('form-action');
  });
});
