/**
 * The donate page end to end over HTTP with the real donations module and the real payment stand-in: the form POST
 * creates (or matches) the member, starts a checkout through DonationCheckoutService and answers 303 to the provider's
 * page; paying there completes the member's response with the tracked link's channel and credit. Also: a bad amount
 * is a field error with nothing written, a monthly gift is RECURRING, Gift Aid is declared with the exact wording the
 * page showed, and a replayed POST (also two at once) starts no second checkout and lands on the first one's checkout.
 */
import { GIFT_AID_WORDING } from '@muster/domain';
import { v7 as uuidv7 } from 'uuid';
import { ActionPageService } from '../src/action-page/action-page.service';
import { snapshot, startDonationStack, UNION_ID, type DonationStack } from './donations.helpers';

let s: DonationStack;
let service: ActionPageService;
let slug: string;
let ip = 1;

beforeAll(async () => {
  s = await startDonationStack();
  service = s.t.app.get(ActionPageService);
  // The payment provider sends the donor back to our public URL: this test's port.
  (service.config as { publicUrl: string }).publicUrl = s.apiUrl;
  slug = (await s.db.query(`SELECT public_slug FROM action WHERE id = $1`, [s.action])).rows[0].public_slug;
}, 60000);

afterAll(async () => {
  await s?.close();
});

function post(form: Record<string, string>) {
  return s.t.app.inject({
    method: 'POST', url: `/a/${slug}`, remoteAddress: `192.0.2.${ip++}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString(),
  });
}

function nonce(): string {
  return service.signer.nonce(UNION_ID, s.action, null, Date.now() - 5000);
}

it('shows the donate page with the amounts and the Gift Aid wording', async () => {
  const res = await s.t.app.inject({ method: 'GET', url: `/a/${slug}` });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('£25');
  expect(res.body).toContain(`<label for="f-giftAid">${GIFT_AID_WORDING}</label>`);
});

it('a donation from a tracked link goes to the provider\'s checkout, and paying completes the response with the link\'s channel and credit', async () => {
  const code = 'donatelink-0000001';
  await s.db.query(`INSERT INTO tracked_link (organisation_id, id, code, action_id, channel, credited_user_id, created_by) VALUES ($1, $2, $3, $4, 'EMAIL', $5, 'test')`,
    [UNION_ID, uuidv7(), code, s.action, s.organiser.userId]);
  const form = { nonce: nonce(), l: code, amount: '1000', firstName: 'Gwen', lastName: 'Donor', email: 'gwen.donor@example.org',
    giftAid: 'yes', giftAidName: 'Gwen Donor', giftAidHouse: '12', giftAidPostcode: 'cf10 1aa' };
  const res = await post(form);
  expect(res.statusCode).toBe(303);
  const redirect = res.headers.location as string;
  expect(redirect.startsWith(s.standin.url)).toBe(true);

  const member = (await s.db.query(`SELECT id FROM member WHERE email = 'gwen.donor@example.org'`)).rows[0];
  const submission = (await s.db.query(`SELECT donation_id, response_id, member_created FROM action_page_submission WHERE member_id = $1`, [member.id])).rows[0];
  expect(submission).toMatchObject({ response_id: null, member_created: true });
  const donation = await s.donation(submission.donation_id);
  expect(donation).toMatchObject({ status: 'PENDING', amount_pence: 1000, kind: 'ONE_OFF', member_id: member.id, action_id: s.action, channel: 'EMAIL', credited_user_id: s.organiser.userId, gift_aid: true });
  const declaration = (await s.db.query(`SELECT wording, full_name, house, postcode, pending FROM gift_aid_declaration WHERE member_id = $1`, [member.id])).rows;
  // Not in force until the donation is paid.
  expect(declaration).toEqual([{ wording: GIFT_AID_WORDING, full_name: 'Gwen Donor', house: '12', postcode: 'CF10 1AA', pending: true }]);

  // A replay of the same form (a double tap): no second checkout or donation, and it lands on the same checkout.
  const before = await snapshot(s.db);
  const again = await post(form);
  expect(again.statusCode).toBe(303);
  expect(again.headers.location).toBe(redirect);
  expect(await snapshot(s.db)).toBe(before);

  await s.pay(redirect, 'pay');
  await s.until(() => s.donation(submission.donation_id), (d) => d.status === 'SUCCEEDED', 'the payment');
  const response = (await s.db.query(`SELECT state, channel, credited_user_id FROM action_response WHERE action_id = $1 AND member_id = $2`, [s.action, member.id])).rows;
  expect(response).toEqual([{ state: 'COMPLETED', channel: 'EMAIL', credited_user_id: s.organiser.userId }]);
  // Paid: the declaration is in force, and the donation's Gift Aid counts.
  expect((await s.db.query(`SELECT pending FROM gift_aid_declaration WHERE member_id = $1`, [member.id])).rows).toEqual([{ pending: false }]);
});

it('someone who types a member\'s email and ticks Gift Aid, then abandons the checkout, leaves no declaration in force (security review)', async () => {
  const m = s.union.find((x) => x.emails.length > 0)!;
  const res = await post({ nonce: nonce(), amount: '500', firstName: 'Mallory', lastName: 'Attacker', email: m.emails[0],
    giftAid: 'yes', giftAidName: 'Mallory Attacker', giftAidHouse: '1', giftAidPostcode: 'LS1 4AP' });
  expect(res.statusCode).toBe(303);
  const rows = (await s.db.query(`SELECT full_name, pending FROM gift_aid_declaration WHERE member_id = $1`, [m.id])).rows;
  expect(rows).toEqual([{ full_name: 'Mallory Attacker', pending: true }]);
  // Staff then record the member's cash gift with Gift Aid: there is no declaration in force to use.
  const gift = await s.t.gql<{ recordDonation: { giftAid: boolean } }>(
    `mutation($i: RecordDonationInput!) { recordDonation(input: $i) { giftAid } }`,
    { i: { organisationId: UNION_ID, memberId: m.id, amountPence: 1000, giftAid: true } }, s.organiser.headers);
  expect(gift.body.data?.recordDonation ?? null).toBeNull();
  expect(gift.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
});

it('a monthly gift of another amount is RECURRING; a bad amount or missing Gift Aid details are field errors and nothing is written', async () => {
  const before = await snapshot(s.db);
  const bad = await post({ nonce: nonce(), amount: 'other', otherAmount: '0.50', firstName: 'Al', lastName: 'Low', email: 'al@example.org' });
  expect(bad.statusCode).toBe(400);
  expect(bad.body).toMatch(/<input type="text" id="f-otherAmount"[^>]*aria-invalid="true"/);
  const noDetails = await post({ nonce: nonce(), amount: '500', giftAid: 'yes', firstName: 'Al', lastName: 'Low', email: 'al@example.org' });
  expect(noDetails.statusCode).toBe(400);
  expect(noDetails.body).toContain('Enter your full name for Gift Aid.');
  expect(await snapshot(s.db)).toBe(before);

  const monthly = await post({ nonce: nonce(), amount: 'other', otherAmount: '7.50', monthly: 'yes', firstName: 'Mo', lastName: 'Nthly', phone: '07700 900888' });
  expect(monthly.statusCode).toBe(303);
  expect((monthly.headers.location as string).startsWith(s.standin.url)).toBe(true);
  const d = (await s.db.query(`SELECT d.amount_pence, d.kind, d.channel FROM donation d JOIN member m ON m.id = d.member_id WHERE m.phone = '+447700900888'`)).rows;
  expect(d).toEqual([{ amount_pence: 750, kind: 'RECURRING', channel: 'WEB' }]);
});

it('two copies of one donate form sent at once make one donation, and both land on its checkout', async () => {
  const form = { nonce: nonce(), amount: '500', firstName: 'Double', lastName: 'Tap', email: 'double.tap@example.org' };
  const before = (await s.db.query(`SELECT count(*)::int AS n FROM donation`)).rows[0].n;
  const [a, b] = await Promise.all([post(form), post(form)]);
  expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
  expect(a.headers.location).toBe(b.headers.location);
  expect((a.headers.location as string).startsWith(s.standin.url)).toBe(true);
  expect((await s.db.query(`SELECT count(*)::int AS n FROM donation`)).rows[0].n).toBe(before + 1);
  expect((await s.db.query(`SELECT count(*)::int AS n FROM member WHERE email = 'double.tap@example.org'`)).rows[0].n).toBe(1);
});
