/**
 * The public action pages' use cases: show the form for a slug (pre-filled for the member a valid token names), take a
 * submission (rate limit, honeypot, signed single-use nonce with a minimum fill time, field checks, create-or-match
 * the member, consent with its exact wording, the response through ActionResponseService or the donation checkout),
 * and the thank-you page. Each runs in the action's organisation (withRequestContext) once the slug named it.
 * Must never: write anything for a bot, a replay or an invalid form; reveal whether an email or phone is already a
 * member (matched and new look the same); trust a member id that is not in a verified token; overwrite a matched
 * member's stored details (only a token-verified member gets missing contact details added).
 */
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { normaliseMemberDraft, parsePhoneNumber, type ResponseChannel, type ResponseState } from '@muster/domain';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainException, ValidationFailedException } from '../common/domain.exception.js';
import { withOwnerContext, withRequestContext } from '../common/request-context.js';
import { MemberRepository } from '../member/member.repository.js';
import { RateLimiter } from '../security/rate-limiter.js';
import { actionPageConfig, type ActionPageConfig } from './action-page.config.js';
import { checkSubmission, readSubmission, type CheckedSubmission } from './action-page.form.js';
import { DONATION_CHECKOUT, RESPONSE_RECORDER, type DonationCheckout, type ResponseRecorder } from './action-page.ports.js';
import {
  GIFT_AID_WORDING, pageCsp, pageKindOf, renderClosedPage, renderFormPage, renderMessagePage, renderNotFoundPage, renderThanksPage,
  type FieldName, type FormPageModel, type FormValues,
} from './action-page.render.js';
import { ActionPageRepository, type PageActionRow, type PageLinkRow } from './action-page.repository.js';
import { LinkSecretMissingError, LinkSigner, NONCE_MAX_AGE_MS, linkSecret, wordingTag } from './action-page.token.js';

export type PageResult =
  | { kind: 'html'; status: number; html: string; csp: string; retryAfterSeconds?: number }
  | { kind: 'redirect'; location: string };

/** Who wrote the response and consent rows (action_response_event.actor, consent_record.recorded_by). */
export const PAGE_ACTOR = 'action-page';

const TARGET_STATE: Record<string, ResponseState> = {
  PETITION: 'COMPLETED', PHONE_BANK_SIGNUP: 'COMMITTED', EVENT: 'COMMITTED', SURVEY: 'COMMITTED', CUSTOM: 'COMMITTED',
};

const CHANNELS = new Set(['CALL', 'SMS', 'EMAIL', 'WEB', 'EVENT', 'IMPORT', 'STAFF']);

interface PageContext {
  organisationId: string;
  action: PageActionRow;
}

class ReplayedSubmission extends Error {
  constructor(readonly organisationId: string) {
    super('replayed submission');
  }
}

function pageText(page: Record<string, unknown> | null, key: string): string | null {
  const v = page?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function donationAmounts(page: Record<string, unknown> | null): number[] {
  const v = page?.donationAmountsPence;
  const amounts = Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
  return amounts.length > 0 ? amounts.slice(0, 8) : [500, 1000, 2500];
}

@Injectable()
export class ActionPageService {
  readonly config: ActionPageConfig = actionPageConfig();
  private readonly limiter = new RateLimiter();
  private readonly linkSigner: LinkSigner | null;
  private readonly signerProblem: string | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pages: ActionPageRepository,
    private readonly members: MemberRepository,
    @Inject(RESPONSE_RECORDER) private readonly responses: ResponseRecorder,
    @Optional() @Inject(DONATION_CHECKOUT) private readonly checkout: DonationCheckout | null,
  ) {
    // Without a key in production the API still starts (every other module works); the pages and links answer 503.
    try {
      this.linkSigner = new LinkSigner(linkSecret());
      this.signerProblem = null;
    } catch (error) {
      if (!(error instanceof LinkSecretMissingError)) throw error;
      this.linkSigner = null;
      this.signerProblem = error.message;
      new Logger('ActionPageService').warn(`${error.message} Action pages and tracked links answer 503 until it is set.`);
    }
  }

  /** The HMAC signer; throws LinkSecretMissingError when MUSTER_LINK_SECRET is missing in production. */
  get signer(): LinkSigner {
    if (!this.linkSigner) throw new LinkSecretMissingError(this.signerProblem ?? 'MUSTER_LINK_SECRET is not set.');
    return this.linkSigner;
  }

  /** The public lookup: slug → organisation and action, as the owner (the caller has no organisation yet). */
  private async locate(slug: string): Promise<{ organisationId: string; actionId: string } | null> {
    return withOwnerContext(this.dataSource, `action-page:${randomUUID()}`, () => this.pages.locateSlug(slug));
  }

  private async inOrganisation<T>(organisationId: string, fn: () => Promise<T>): Promise<T> {
    return withRequestContext(this.dataSource, `action-page:${randomUUID()}`, fn, { reach: { organisationIds: [organisationId] } });
  }

  private notFound(): PageResult {
    return { kind: 'html', status: 404, html: renderNotFoundPage(), csp: pageCsp(false) };
  }

  private closed(action: PageActionRow): PageResult {
    return { kind: 'html', status: 410, html: renderClosedPage(action.organisation_name, action.title), csp: pageCsp(false) };
  }

  /** The action behind a slug when its page is public (OPEN); DRAFT is not found, CLOSED says so. */
  private async open(slug: string, fn: (ctx: PageContext) => Promise<PageResult>): Promise<PageResult> {
    const located = await this.locate(slug);
    if (!located) return this.notFound();
    return this.inOrganisation(located.organisationId, async () => {
      const action = await this.pages.action(located.organisationId, located.actionId);
      if (!action || action.status === 'DRAFT') return this.notFound();
      if (action.status !== 'OPEN') return this.closed(action);
      return fn({ organisationId: located.organisationId, action });
    });
  }

  private model(ctx: PageContext, over: Partial<FormPageModel>): FormPageModel {
    const { action } = ctx;
    const page = action.page;
    return {
      kind: pageKindOf(action.type),
      organisationName: action.organisation_name,
      title: action.title,
      headline: pageText(page, 'headline'),
      body: pageText(page, 'body') ?? action.description,
      buttonLabel: pageText(page, 'buttonLabel'),
      consentWording: action.consent_wording && action.consent_wording.trim() !== '' ? action.consent_wording : null,
      donationAmountsPence: donationAmounts(page),
      action: `/a/${encodeURIComponent(action.public_slug)}`,
      nonce: this.signer.nonce(ctx.organisationId, action.id, action.consent_wording),
      token: null,
      linkCode: null,
      knownMemberName: null,
      notYouUrl: null,
      phoneRequired: action.type === 'PHONE_BANK_SIGNUP',
      values: {},
      errors: {},
      formError: null,
      ...over,
    };
  }

  private form(ctx: PageContext, status: number, over: Partial<FormPageModel>): PageResult {
    const m = this.model(ctx, over);
    return { kind: 'html', status, html: renderFormPage(m), csp: pageCsp(m.kind === 'donate') };
  }

  /** GET /a/:slug?t=&l= */
  async show(slug: string, query: { t?: string; l?: string }): Promise<PageResult> {
    return this.open(slug, async (ctx) => {
      const known = await this.knownMember(ctx, query.t ?? null, query.l ?? null);
      return this.form(ctx, 200, known);
    });
  }

  /**
   * What the token and the link code add to the form: a verified member's name and details (pre-fill, "not you?"),
   * the token and the code as hidden fields. An invalid token or another action's code adds nothing.
   */
  private async knownMember(ctx: PageContext, token: string | null, linkCode: string | null): Promise<Partial<FormPageModel>> {
    const link = linkCode ? await this.pages.linkForAction(ctx.organisationId, ctx.action.id, linkCode) : null;
    const over: Partial<FormPageModel> = { linkCode: link ? linkCode : null };
    const memberId = this.signer.verifyMemberToken(ctx.organisationId, ctx.action.id, token);
    const member = memberId ? await this.pages.member(ctx.organisationId, memberId) : null;
    if (!member) return over;
    const phone = member.phone ? parsePhoneNumber(member.phone) : null;
    return {
      ...over,
      token,
      knownMemberName: `${member.first_name} ${member.last_name}`.trim(),
      notYouUrl: `/a/${encodeURIComponent(ctx.action.public_slug)}${link ? `?l=${encodeURIComponent(linkCode!)}` : ''}`,
      values: {
        firstName: member.first_name, lastName: member.last_name, email: member.email ?? '',
        phone: phone?.ok ? phone.value.national : (member.phone ?? ''), postcode: member.postcode ?? '',
      },
    };
  }

  /** GET /a/:slug/thanks */
  async thanks(slug: string): Promise<PageResult> {
    const located = await this.locate(slug);
    if (!located) return this.notFound();
    return this.inOrganisation(located.organisationId, async () => {
      const action = await this.pages.action(located.organisationId, located.actionId);
      if (!action || action.status === 'DRAFT') return this.notFound();
      const html = renderThanksPage(action.organisation_name, action.title, pageText(action.page, 'thankYou'), pageKindOf(action.type));
      return { kind: 'html', status: 200, html, csp: pageCsp(false) };
    });
  }

  private thanksRedirect(action: PageActionRow): PageResult {
    return { kind: 'redirect', location: `/a/${encodeURIComponent(action.public_slug)}/thanks` };
  }

  /** POST /a/:slug */
  async submit(slug: string, body: unknown, ip: string | undefined, now = Date.now()): Promise<PageResult> {
    const ipHash = this.signer.ipHash(ip);
    const decision = this.limiter.hit(`submit:${ipHash ?? 'unknown'}`, this.config.submitRate);
    if (!decision.allowed) {
      const html = renderMessagePage('Too many attempts', `Too many forms were sent from your connection. Please try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes.`);
      return { kind: 'html', status: 429, html, csp: pageCsp(false), retryAfterSeconds: decision.retryAfterSeconds };
    }
    const raw = readSubmission(body);
    try {
      return await this.open(slug, async (ctx) => {
        const { action, organisationId } = ctx;
        // A bot filled the invisible field: it is thanked and nothing is written.
        if (raw.honeypot.trim() !== '') return this.thanksRedirect(action);
        const keep: Partial<FormPageModel> = { ...(await this.knownMember(ctx, raw.token, raw.linkCode)), values: raw.values };
        const nonce = this.signer.verifyNonce(organisationId, action.id, raw.nonce);
        if (!nonce || now - nonce.issuedAt > NONCE_MAX_AGE_MS) {
          return this.form(ctx, 400, { ...keep, formError: 'This form has expired or could not be checked. Please check your details and send it again.' });
        }
        // Sent again after it was accepted: the first answer stands and nothing changes.
        const earlier = await this.pages.submissionByNonce(organisationId, raw.nonce!);
        if (earlier) return this.replayAnswer(action, earlier.redirect_url);
        if (now - nonce.issuedAt < this.config.minFillMs) {
          return this.form(ctx, 400, { ...keep, nonce: raw.nonce!, formError: 'That was quicker than we expected. Please check your details and send the form again.' });
        }
        const wording = action.consent_wording && action.consent_wording.trim() !== '' ? action.consent_wording : null;
        if (nonce.wordingTag !== wordingTag(wording)) {
          // The wording changed since the form was served: consent is only recorded for words the person saw.
          return this.form(ctx, 400, { ...keep, values: { ...raw.values, consent: false }, formError: 'The wording of this form has changed. Please read it again and send it.' });
        }
        const kind = pageKindOf(action.type);
        const checked = checkSubmission(kind, raw.values, { phoneRequired: action.type === 'PHONE_BANK_SIGNUP', donationAmountsPence: donationAmounts(action.page) });
        if (!checked.ok) return this.form(ctx, 400, { ...keep, nonce: raw.nonce!, errors: checked.errors });
        return this.accept(ctx, raw.nonce!, raw.token, raw.linkCode, checked.value, ipHash);
      });
    } catch (error) {
      // The nonce was taken by a concurrent request while this one ran: everything here was rolled back, and this
      // request is answered like the one that won (a double tap on "donate" still lands on the checkout).
      if (!(error instanceof ReplayedSubmission)) throw error;
      const earlier = await this.inOrganisation(error.organisationId, () => this.pages.submissionByNonce(error.organisationId, raw.nonce!));
      return { kind: 'redirect', location: earlier?.redirect_url ?? `/a/${encodeURIComponent(slug)}/thanks` };
    }
  }

  private replayAnswer(action: PageActionRow, redirectUrl: string | null): PageResult {
    return redirectUrl ? { kind: 'redirect', location: redirectUrl } : this.thanksRedirect(action);
  }

  private async accept(ctx: PageContext, nonce: string, token: string | null, linkCode: string | null, s: CheckedSubmission, ipHash: string | null): Promise<PageResult> {
    const { organisationId, action } = ctx;
    if (action.type === 'DONATION' && !this.checkout) {
      return { kind: 'html', status: 503, html: renderMessagePage('Donations are not available', 'Online donations are not available right now. Please try again later.'), csp: pageCsp(false) };
    }
    const link: PageLinkRow | null = linkCode ? await this.pages.linkForAction(organisationId, action.id, linkCode) : null;
    const channel: ResponseChannel = link && CHANNELS.has(link.channel) ? (link.channel as ResponseChannel) : 'WEB';
    const creditedUserId = link?.credited_user_id ?? null;
    const submissionId = uuidv7();

    const { memberId, created, matchedBy } = await this.resolveMember(organisationId, action.id, token, s);
    // Claim the nonce before consent, response or checkout: a concurrent copy of this form stops here.
    const claimed = await this.pages.claimSubmission(organisationId, {
      id: submissionId, actionId: action.id, nonce, memberId, linkId: link?.id ?? null, memberCreated: created, ipHash,
    });
    if (!claimed) throw new ReplayedSubmission(organisationId);

    if (s.consent && action.consent_wording) {
      let channels: ('SMS' | 'EMAIL')[] = [];
      if (s.phone?.type === 'MOBILE') channels.push('SMS');
      if (s.email) channels.push('EMAIL');
      if (matchedBy) {
        // An existing member matched by what was typed, without a signed link: anyone can type someone's email. The
        // consent counts only for the channel that matched (their own address or number), and never overrides a
        // withdrawal (re-joining needs their signed link, or START from their phone).
        const current = await this.pages.consentOf(organisationId, memberId);
        channels = channels.filter((c) => c === matchedBy && (c === 'SMS' ? current.sms : current.email) !== 'WITHDRAWN');
      }
      await this.pages.grantConsent(organisationId, memberId, channels, action.consent_wording, submissionId);
    }

    let responseId: string | null = null;
    let donationId: string | null = null;
    let redirectUrl: string | null = null;
    if (action.type === 'DONATION') {
      if (!this.checkout || !s.donation) throw new Error('action page: a donation without checkout or amount');
      const base = `${this.config.publicUrl}/a/${encodeURIComponent(action.public_slug)}`;
      const started = await this.checkout.startCheckout(organisationId, {
        actionId: action.id, memberId, amountPence: s.donation.amountPence, recurring: s.donation.recurring,
        giftAid: s.donation.giftAid ? { wording: GIFT_AID_WORDING, ...s.donation.giftAid } : null,
        creditedUserId, channel, successUrl: `${base}/thanks`, cancelUrl: base,
      });
      donationId = started.donationId;
      redirectUrl = started.redirectUrl;
    } else {
      const to = TARGET_STATE[action.type] ?? 'COMMITTED';
      const move = (credit: string | null) => this.responses.transition(organisationId, {
        actionId: action.id, memberId, to, channel, creditedUserId: credit, actor: PAGE_ACTOR, note: null, dueAt: action.due_at ?? null,
      });
      try {
        try {
          responseId = (await move(creditedUserId)).id;
        } catch (error) {
          // The link's credited user no longer works for the organisation: the response stands, uncredited.
          if (!(creditedUserId && error instanceof ValidationFailedException)) throw error;
          responseId = (await move(null)).id;
        }
      } catch (error) {
        // Already further along (e.g. completed): the page thanks them and the response stays as it is.
        if (!(error instanceof DomainException && error.code === 'RESPONSE_TRANSITION_INVALID')) throw error;
      }
    }
    await this.pages.completeSubmission(organisationId, submissionId, { responseId, donationId, redirectUrl });
    return redirectUrl ? { kind: 'redirect', location: redirectUrl } : this.thanksRedirect(action);
  }

  /**
   * The token's member, else the member the email or mobile matches (`matchedBy`: unverified — the consent rules above
   * treat it so), else a new member.
   */
  private async resolveMember(
    organisationId: string, actionId: string, token: string | null, s: CheckedSubmission,
  ): Promise<{ memberId: string; created: boolean; matchedBy: 'EMAIL' | 'SMS' | null }> {
    const tokenMember = this.signer.verifyMemberToken(organisationId, actionId, token);
    if (tokenMember && (await this.pages.member(organisationId, tokenMember))) {
      await this.addMissingDetails(organisationId, tokenMember, s);
      return { memberId: tokenMember, created: false, matchedBy: null };
    }
    const matched = await this.pages.matchMember(organisationId, s.email, s.phone?.type === 'MOBILE' ? s.phone.e164 : null);
    if (matched) return { memberId: matched.memberId, created: false, matchedBy: matched.by };

    const draft = normaliseMemberDraft({
      firstName: s.firstName, lastName: s.lastName, emails: s.email ? [s.email] : [], phones: s.phone ? [s.phone.e164] : [], postcode: s.postcode,
    });
    if (!draft.ok) throw new Error(`action page: a checked submission failed the member rules: ${JSON.stringify(draft.error)}`);
    const d = draft.value;
    const id = await this.members.insert(organisationId, {
      firstName: d.firstName ?? s.firstName, lastName: d.lastName ?? s.lastName, postcode: d.postcode ?? null, region: null, branch: null,
      workplace: null, employer: null, membershipNumber: null, status: 'ACTIVE', joinedOn: null, leftOn: null, tags: [], issues: [],
      smsConsent: 'UNKNOWN', emailConsent: 'UNKNOWN', supportLevel: null, engagementScore: 0,
    });
    await this.members.replacePhones(organisationId, id, (d.phones ?? []).map((p) => ({ e164: p.e164, type: p.type })));
    await this.members.replaceEmails(organisationId, id, d.emails ?? []);
    return { memberId: id, created: true, matchedBy: null };
  }

  /** A token-verified member: a new email or phone is added after the existing ones, a missing postcode filled. */
  private async addMissingDetails(organisationId: string, memberId: string, s: CheckedSubmission): Promise<void> {
    if (s.email) {
      const emails = await this.pages.emailsOf(organisationId, memberId);
      if (!emails.includes(s.email)) await this.members.replaceEmails(organisationId, memberId, [...emails, s.email]);
    }
    if (s.phone) {
      const phones = await this.pages.phonesOf(organisationId, memberId);
      if (!phones.some((p) => p.e164 === s.phone!.e164)) await this.members.replacePhones(organisationId, memberId, [...phones, s.phone]);
    }
    if (s.postcode) await this.pages.fillPostcode(organisationId, memberId, s.postcode);
  }
}

export type { FieldName, FormValues };
