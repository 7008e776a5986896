/**
 * The stand-in's hosted checkout page in a real Chromium at a phone-sized viewport: a donor declines once (the page
 * says why and lets them try again), then pays, lands on the success URL, and the webhook makes the donation
 * SUCCEEDED and completes the action. Skipped (with a message) only when no Chromium is installed outside CI.
 */
import { launchBrowser, screenshotPath } from '@muster/devstack';
import { startDonationStack, type DonationStack } from './donations.helpers';

let s: DonationStack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  s = await startDonationStack();
  browser = await launchBrowser();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

it('declines, then pays on the hosted page; the donation succeeds and the action completes', async () => {
  if (!browser) {
    console.warn('No Chromium found (set CHROMIUM_PATH): the hosted page browser test did not run.');
    return;
  }
  const member = s.union[12];
  const { redirectUrl, donationId } = await s.checkout({
    memberId: member.id, amountPence: 2500, successUrl: `${s.apiUrl}/health?thanks=1`, cancelUrl: `${s.apiUrl}/health?cancelled=1`,
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(redirectUrl);
  await page.getByRole('heading', { name: /Donation: Give to the fund/ }).waitFor();
  await page.getByRole('button', { name: 'Decline (card declined)' }).click();
  await page.getByRole('alert').filter({ hasText: 'Your card was declined.' }).waitFor();
  await s.until(() => s.donation(donationId), (d) => d.status === 'FAILED', 'the decline to reach the API');
  await page.screenshot({ path: screenshotPath('payment-standin-declined.png') });
  await page.getByRole('button', { name: 'Pay £25.00' }).click();
  await page.waitForURL(/\/health\?thanks=1/);
  const d = await s.until(() => s.donation(donationId), (row) => row.status === 'SUCCEEDED', 'the payment to reach the API');
  expect(d).toMatchObject({ amount_pence: 2500, failure_code: null });
  const response = await s.db.query(`SELECT state FROM action_response WHERE action_id = $1 AND member_id = $2`, [s.action, member.id]);
  expect(response.rows[0].state).toBe('COMPLETED');
  // Back on the page, the checkout is closed.
  await page.goto(redirectUrl);
  await page.getByRole('status').filter({ hasText: 'This checkout is complete.' }).waitFor();
  await context.close();
});
