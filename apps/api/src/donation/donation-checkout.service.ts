/**
 * DonationCheckoutService.startCheckout (the contract's shared service): the donate button of an action page. Creates
 * the pending donation (and, for a monthly gift, its plan), the Gift Aid declaration when the donor made one, and a
 * checkout at the provider; returns where to send the donor's browser. Runs in the caller's request context (its
 * transaction): if the provider refuses, nothing is stored. The provider's webhooks then move the donation on
 * (DonationPaymentsService); a paid donation completes the action for the member.
 * Must never: take card details itself, or accept an amount that is not whole pence.
 */
import { Inject, Injectable } from '@nestjs/common';
import { checkPence, isResponseChannel, normalisePostcode, type ResponseChannel } from '@muster/domain';
import { ActionResponseService } from '../action/action-response.service.js';
import { isUuid } from '../common/cursor.js';
import { ValidationFailedException, type FieldError } from '../common/domain.exception.js';
import { requestContextStorage } from '../common/request-context.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../payment/payment-provider.js';
import { DonationException } from './donation.exception.js';
import { DonationRepository } from './donation.repository.js';

export interface GiftAidInput {
  wording: string;
  fullName: string;
  house: string;
  postcode: string;
}

export interface StartCheckoutInput {
  actionId: string;
  memberId: string;
  amountPence: number;
  recurring: 'ONE_OFF' | 'MONTHLY';
  giftAid: GiftAidInput | null;
  creditedUserId: string | null;
  channel: ResponseChannel;
  successUrl: string;
  cancelUrl: string;
}

function httpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Checks and tidies a donor's Gift Aid declaration (every field required; a real UK postcode). */
export function checkGiftAid(raw: GiftAidInput, path: string): { value: GiftAidInput; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const tidy = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');
  const value = { wording: tidy(raw.wording), fullName: tidy(raw.fullName), house: tidy(raw.house), postcode: tidy(raw.postcode) };
  if (!value.wording) problems.push({ path: `${path}.wording`, message: 'Keep the exact Gift Aid wording the donor agreed to.' });
  if (!value.fullName || value.fullName.length > 200) problems.push({ path: `${path}.fullName`, message: 'Give the donor\'s full name.' });
  if (!value.house || value.house.length > 200) problems.push({ path: `${path}.house`, message: 'Give the house name or number.' });
  const postcode = normalisePostcode(value.postcode);
  if (!postcode.ok) problems.push({ path: `${path}.postcode`, message: postcode.error.message });
  else value.postcode = postcode.value;
  return { value, problems };
}

@Injectable()
export class DonationCheckoutService {
  constructor(
    private readonly donations: DonationRepository,
    private readonly responses: ActionResponseService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  async startCheckout(organisationId: string, input: StartCheckoutInput): Promise<{ redirectUrl: string; donationId: string }> {
    if (!isUuid(organisationId)) throw DonationException.actionNotFound();
    const org = organisationId.toLowerCase();
    const problems: FieldError[] = [];
    const amount = checkPence(input.amountPence);
    if (!amount.ok) problems.push({ path: 'amountPence', message: amount.error.message });
    if (input.recurring !== 'ONE_OFF' && input.recurring !== 'MONTHLY') problems.push({ path: 'recurring', message: 'ONE_OFF or MONTHLY.' });
    if (!isResponseChannel(input.channel)) problems.push({ path: 'channel', message: 'Not a response channel.' });
    if (!httpUrl(input.successUrl)) problems.push({ path: 'successUrl', message: 'An http(s) URL.' });
    if (!httpUrl(input.cancelUrl)) problems.push({ path: 'cancelUrl', message: 'An http(s) URL.' });
    const giftAid = input.giftAid ? checkGiftAid(input.giftAid, 'giftAid') : null;
    if (giftAid) problems.push(...giftAid.problems);
    if (problems.length) throw new ValidationFailedException(problems);

    const action = await this.responses.findAction(org, input.actionId);
    if (!action) throw DonationException.actionNotFound();
    if (!isUuid(input.memberId) || !(await this.donations.memberExists(org, input.memberId.toLowerCase()))) throw DonationException.memberNotFound();
    const memberId = input.memberId.toLowerCase();
    const creditedUserId = input.creditedUserId && isUuid(input.creditedUserId) ? input.creditedUserId.toLowerCase() : null;
    const principal = requestContextStorage.current()?.principal ?? null;
    const createdBy = principal?.label ?? 'action-page';

    const declarationId = giftAid ? await this.donations.insertDeclaration(org, {
      // Pending until this donation is paid: typing someone's email and abandoning the checkout leaves nothing in force.
      memberId, declaredAt: new Date(), ...giftAid.value, coversPast: false, coversFuture: true, source: 'ACTION_PAGE', pending: true,
    }) : null;
    const monthly = input.recurring === 'MONTHLY';
    const planId = monthly ? await this.donations.insertPlan(org, {
      memberId, campaignId: action.campaign_id, actionId: action.id, amountPence: input.amountPence, currency: 'GBP', interval: 'MONTH',
      giftAid: declarationId !== null, giftAidDeclarationId: declarationId, channel: input.channel, creditedUserId, provider: this.provider.name,
    }) : null;
    const donationId = await this.donations.insert(org, {
      memberId, campaignId: action.campaign_id, actionId: action.id, amountPence: input.amountPence, currency: 'GBP',
      kind: monthly ? 'RECURRING' : 'ONE_OFF', planId, status: 'PENDING', giftAid: declarationId !== null, giftAidDeclarationId: declarationId,
      channel: input.channel, creditedUserId, provider: this.provider.name, createdBy, createdByUserId: principal?.userId ?? null,
    });
    const checkout = await this.provider.createCheckout({
      idempotencyKey: `checkout:${donationId}`, mode: monthly ? 'subscription' : 'payment', amountPence: input.amountPence, currency: 'GBP',
      description: `${monthly ? 'Monthly donation' : 'Donation'}: ${action.title}`.slice(0, 250), interval: monthly ? 'month' : null,
      successUrl: input.successUrl, cancelUrl: input.cancelUrl, ref: { organisationId: org, donationId, planId },
    });
    await this.donations.setProviderIds(org, donationId, { checkoutId: checkout.checkoutId });
    if (planId) await this.donations.updatePlan(org, planId, { checkoutId: checkout.checkoutId });
    return { redirectUrl: checkout.url, donationId };
  }
}
