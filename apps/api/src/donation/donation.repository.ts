/**
 * The only place donation SQL lives (donation, donation_plan, gift_aid_declaration, payment_webhook_event). Every
 * method takes the organisation first and refuses an empty one; every statement filters on organisation_id and runs
 * in the request's transaction under row-level security. Rows that a webhook moves are read FOR UPDATE, so two
 * deliveries about one payment apply one after the other.
 * Must never: put a value into SQL text, or update a donation's status except with what applyPaymentFact decided.
 */
import { Injectable } from '@nestjs/common';
import type { DonationKind, DonationPlanStatus, DonationProvider, DonationStatus, ResponseChannel } from '@muster/domain';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { MEMBER_COLUMNS, type MemberRow } from '../member/member.repository.js';

export interface DonationRow {
  organisation_id: string;
  id: string;
  member_id: string | null;
  campaign_id: string | null;
  action_id: string | null;
  response_id: string | null;
  amount_pence: number;
  currency: string;
  kind: DonationKind;
  plan_id: string | null;
  status: DonationStatus;
  refunded_pence: number;
  gift_aid: boolean;
  gift_aid_declaration_id: string | null;
  channel: ResponseChannel;
  credited_user_id: string | null;
  provider: DonationProvider;
  provider_payment_id: string | null;
  provider_checkout_id: string | null;
  provider_invoice_id: string | null;
  failure_code: string | null;
  failure_message: string | null;
  note: string | null;
  created_by: string;
  provider_updated_at: Date | null;
  created_at: Date;
  succeeded_at: Date | null;
  updated_at: Date;
  /** From the declaration (LEFT JOIN): what Gift Aid needs. */
  declared_at: Date | null;
  covers_past: boolean | null;
  covers_future: boolean | null;
  revoked_at: Date | null;
}

export interface DonationPlanRow {
  organisation_id: string;
  id: string;
  member_id: string | null;
  campaign_id: string | null;
  action_id: string | null;
  amount_pence: number;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  status: DonationPlanStatus;
  gift_aid: boolean;
  gift_aid_declaration_id: string | null;
  channel: ResponseChannel;
  credited_user_id: string | null;
  provider: DonationProvider;
  provider_subscription_id: string | null;
  provider_checkout_id: string | null;
  failed_payment_count: number;
  last_failure_code: string | null;
  last_failure_message: string | null;
  created_at: Date;
  started_at: Date | null;
  cancelled_at: Date | null;
}

export interface DonationPlanFilterValues {
  campaignId: string | null;
  memberId: string | null;
  status: DonationPlanStatus[] | null;
}

export interface DonationFilterValues {
  campaignId: string | null;
  memberId: string | null;
  status: DonationStatus[] | null;
  kind: DonationKind | null;
  from: Date | null;
  to: Date | null;
}

export interface NewDonation {
  memberId: string | null;
  campaignId: string | null;
  actionId: string | null;
  amountPence: number;
  currency: string;
  kind: DonationKind;
  planId: string | null;
  status: DonationStatus;
  giftAid: boolean;
  giftAidDeclarationId: string | null;
  channel: ResponseChannel;
  creditedUserId: string | null;
  provider: DonationProvider;
  providerPaymentId?: string | null;
  providerCheckoutId?: string | null;
  providerInvoiceId?: string | null;
  note?: string | null;
  createdBy: string;
  createdByUserId: string | null;
  succeededAt?: Date | null;
}

export interface DonationPaymentUpdate {
  status: DonationStatus;
  refundedPence: number;
  succeededAt: Date | null;
  failureCode: string | null;
  failureMessage: string | null;
  providerUpdatedAt: Date | null;
}

export interface TotalsRow {
  count: number;
  total_pence: string;
  refunded_pence: string;
  gift_aid_pence: string;
  recurring_count: number;
}

const D_COLUMNS = `d.organisation_id, d.id, d.member_id, d.campaign_id, d.action_id, d.response_id, d.amount_pence, trim(d.currency) AS currency,
  d.kind, d.plan_id, d.status, d.refunded_pence, d.gift_aid, d.gift_aid_declaration_id, d.channel, d.credited_user_id, d.provider,
  d.provider_payment_id, d.provider_checkout_id, d.provider_invoice_id, d.failure_code, d.failure_message, d.note, d.created_by,
  d.provider_updated_at, d.created_at, d.succeeded_at, d.updated_at,
  g.declared_at, g.covers_past, g.covers_future, g.revoked_at`;
const D_FROM = `donation d LEFT JOIN gift_aid_declaration g ON g.organisation_id = d.organisation_id AND g.id = d.gift_aid_declaration_id`;

const P_COLUMNS = `organisation_id, id, member_id, campaign_id, action_id, amount_pence, trim(currency) AS currency, interval, status, gift_aid,
  gift_aid_declaration_id, channel, credited_user_id, provider, provider_subscription_id, provider_checkout_id, failed_payment_count,
  last_failure_code, last_failure_message, created_at, started_at, cancelled_at`;

/**
 * Gift Aid in SQL for totals: the same rule as @muster/domain giftAidPence (paid, ticked, GBP, covered by a declaration
 * not revoked by then, by London calendar day; 25% of the net rounded down). The e2e tests check the two agree.
 */
const GIFT_DAY = `(COALESCE(d.succeeded_at, d.created_at) AT TIME ZONE 'Europe/London')::date`;
const DECLARED_DAY = `(g.declared_at AT TIME ZONE 'Europe/London')::date`;
const GIFT_AID_SQL = `CASE WHEN d.gift_aid AND d.currency = 'GBP' AND d.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED') AND g.id IS NOT NULL
    AND (g.revoked_at IS NULL OR (g.revoked_at AT TIME ZONE 'Europe/London')::date > ${GIFT_DAY})
    AND ((g.covers_future AND ${DECLARED_DAY} <= ${GIFT_DAY})
      OR (g.covers_past AND ${GIFT_DAY} <= ${DECLARED_DAY} AND ${GIFT_DAY} >= (${DECLARED_DAY} - interval '4 years')::date))
  THEN ((d.amount_pence - d.refunded_pence) * 25) / 100 ELSE 0 END`;

const PAID = `d.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')`;

function where(organisationId: string, f: DonationFilterValues, params: unknown[]): string {
  params.push(organisationId);
  let sql = `d.organisation_id = $${params.length}`;
  if (f.campaignId) { params.push(f.campaignId); sql += ` AND d.campaign_id = $${params.length}`; }
  if (f.memberId) { params.push(f.memberId); sql += ` AND d.member_id = $${params.length}`; }
  if (f.status && f.status.length) { params.push(f.status); sql += ` AND d.status = ANY($${params.length}::text[])`; }
  if (f.kind) { params.push(f.kind); sql += ` AND d.kind = $${params.length}`; }
  if (f.from) { params.push(f.from); sql += ` AND d.created_at >= $${params.length}`; }
  if (f.to) { params.push(f.to); sql += ` AND d.created_at < $${params.length}`; }
  return sql;
}

function planWhere(organisationId: string, f: DonationPlanFilterValues, params: unknown[]): string {
  params.push(organisationId);
  let sql = `organisation_id = $${params.length}`;
  if (f.campaignId) { params.push(f.campaignId); sql += ` AND campaign_id = $${params.length}`; }
  if (f.memberId) { params.push(f.memberId); sql += ` AND member_id = $${params.length}`; }
  if (f.status && f.status.length) { params.push(f.status); sql += ` AND status = ANY($${params.length}::text[])`; }
  return sql;
}

@Injectable()
export class DonationRepository {
  constructor(private readonly db: DatabaseContextService) {}

  // ------------------------------------------------------------------ donations

  /** Newest first, keyset on (created_at, id). */
  async page(organisationId: string, filter: DonationFilterValues, limit: number, after: { createdAt: string; id: string } | null): Promise<DonationRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    let sql = where(organisationId, filter, params);
    if (after) {
      params.push(after.createdAt, after.id);
      sql += ` AND (d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    return this.db.query<DonationRow>(`SELECT ${D_COLUMNS} FROM ${D_FROM} WHERE ${sql} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`, params);
  }

  async count(organisationId: string, filter: DonationFilterValues): Promise<number> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM donation d WHERE ${where(organisationId, filter, params)}`, params);
    return rows[0].n;
  }

  /** The donation with this id in one of these organisations (the ones the request may see). */
  async findVisible(organisationIds: string[], id: string): Promise<DonationRow | null> {
    if (!Array.isArray(organisationIds) || organisationIds.length === 0) requireOrganisationId('');
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<DonationRow>(`SELECT ${D_COLUMNS} FROM ${D_FROM} WHERE d.organisation_id = ANY($1::uuid[]) AND d.id = $2`, [organisationIds, id]);
    return rows[0] ?? null;
  }

  async find(organisationId: string, id: string, lock = false): Promise<DonationRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<DonationRow>(
      `SELECT ${D_COLUMNS} FROM ${D_FROM} WHERE d.organisation_id = $1 AND d.id = $2${lock ? ' FOR UPDATE OF d' : ''}`, [organisationId, id]);
    return rows[0] ?? null;
  }

  /** By one of the provider's ids (payment intent, one-off checkout session or invoice), locked. */
  async findByProviderId(organisationId: string, provider: DonationProvider, column: 'provider_payment_id' | 'provider_checkout_id' | 'provider_invoice_id', value: string): Promise<DonationRow | null> {
    requireOrganisationId(organisationId);
    const kind = column === 'provider_checkout_id' ? ` AND d.kind = 'ONE_OFF'` : '';
    const rows = await this.db.query<DonationRow>(
      `SELECT ${D_COLUMNS} FROM ${D_FROM} WHERE d.organisation_id = $1 AND d.provider = $2 AND d.${column} = $3${kind} FOR UPDATE OF d`,
      [organisationId, provider, value]);
    return rows[0] ?? null;
  }

  /** The donation a plan's checkout created, not yet tied to an invoice (the first month's), locked. */
  async firstOfPlan(organisationId: string, planId: string): Promise<DonationRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<DonationRow>(
      `SELECT ${D_COLUMNS} FROM ${D_FROM} WHERE d.organisation_id = $1 AND d.plan_id = $2 AND d.provider_invoice_id IS NULL
        ORDER BY d.created_at, d.id LIMIT 1 FOR UPDATE OF d`, [organisationId, planId]);
    return rows[0] ?? null;
  }

  async insert(organisationId: string, v: NewDonation): Promise<string> {
    requireOrganisationId(organisationId);
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO donation (organisation_id, id, member_id, campaign_id, action_id, amount_pence, currency, kind, plan_id, status, gift_aid,
         gift_aid_declaration_id, channel, credited_user_id, provider, provider_payment_id, provider_checkout_id, provider_invoice_id, note,
         created_by, created_by_user_id, succeeded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
      [organisationId, id, v.memberId, v.campaignId, v.actionId, v.amountPence, v.currency, v.kind, v.planId, v.status, v.giftAid,
        v.giftAidDeclarationId, v.channel, v.creditedUserId, v.provider, v.providerPaymentId ?? null, v.providerCheckoutId ?? null,
        v.providerInvoiceId ?? null, v.note ?? null, v.createdBy, v.createdByUserId, v.succeededAt ?? null],
    );
    return id;
  }

  async setProviderIds(organisationId: string, id: string, ids: { paymentId?: string | null; checkoutId?: string | null; invoiceId?: string | null }): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE donation SET provider_payment_id = COALESCE(provider_payment_id, $3), provider_checkout_id = COALESCE(provider_checkout_id, $4),
         provider_invoice_id = COALESCE(provider_invoice_id, $5), updated_at = now()
        WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, ids.paymentId ?? null, ids.checkoutId ?? null, ids.invoiceId ?? null],
    );
  }

  async updatePayment(organisationId: string, id: string, u: DonationPaymentUpdate): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE donation SET status = $3, refunded_pence = $4, succeeded_at = $5, failure_code = $6, failure_message = $7, provider_updated_at = $8,
         updated_at = now() WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, u.status, u.refundedPence, u.succeededAt, u.failureCode, u.failureMessage, u.providerUpdatedAt],
    );
  }

  async setResponse(organisationId: string, id: string, responseId: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`UPDATE donation SET response_id = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, id, responseId]);
  }

  // ------------------------------------------------------------------ plans

  async insertPlan(organisationId: string, v: {
    memberId: string | null; campaignId: string | null; actionId: string | null; amountPence: number; currency: string; interval: 'MONTH' | 'YEAR';
    giftAid: boolean; giftAidDeclarationId: string | null; channel: ResponseChannel; creditedUserId: string | null; provider: DonationProvider;
  }): Promise<string> {
    requireOrganisationId(organisationId);
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO donation_plan (organisation_id, id, member_id, campaign_id, action_id, amount_pence, currency, interval, gift_aid,
         gift_aid_declaration_id, channel, credited_user_id, provider)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [organisationId, id, v.memberId, v.campaignId, v.actionId, v.amountPence, v.currency, v.interval, v.giftAid, v.giftAidDeclarationId,
        v.channel, v.creditedUserId, v.provider],
    );
    return id;
  }

  async findPlan(organisationId: string, id: string): Promise<DonationPlanRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<DonationPlanRow>(`SELECT ${P_COLUMNS} FROM donation_plan WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [organisationId, id]);
    return rows[0] ?? null;
  }

  /** Plans newest first, keyset on (created_at, id). */
  async planPage(organisationId: string, filter: DonationPlanFilterValues, limit: number, after: { createdAt: string; id: string } | null): Promise<DonationPlanRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    let sql = planWhere(organisationId, filter, params);
    if (after) {
      params.push(after.createdAt, after.id);
      sql += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    return this.db.query<DonationPlanRow>(`SELECT ${P_COLUMNS} FROM donation_plan WHERE ${sql} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
  }

  async planCount(organisationId: string, filter: DonationPlanFilterValues): Promise<number> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM donation_plan WHERE ${planWhere(organisationId, filter, params)}`, params);
    return rows[0].n;
  }

  /** The plan with this id in one of these organisations (the ones the request may see); not locked. */
  async findPlanVisible(organisationIds: string[], id: string): Promise<DonationPlanRow | null> {
    if (!Array.isArray(organisationIds) || organisationIds.length === 0) requireOrganisationId('');
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<DonationPlanRow>(`SELECT ${P_COLUMNS} FROM donation_plan WHERE organisation_id = ANY($1::uuid[]) AND id = $2`, [organisationIds, id]);
    return rows[0] ?? null;
  }

  async findPlanByProviderId(organisationId: string, provider: DonationProvider, column: 'provider_subscription_id' | 'provider_checkout_id', value: string): Promise<DonationPlanRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<DonationPlanRow>(
      `SELECT ${P_COLUMNS} FROM donation_plan WHERE organisation_id = $1 AND provider = $2 AND ${column} = $3 FOR UPDATE`, [organisationId, provider, value]);
    return rows[0] ?? null;
  }

  async updatePlan(organisationId: string, id: string, u: {
    status?: DonationPlanStatus; subscriptionId?: string | null; checkoutId?: string | null; startedAt?: Date | null; cancelledAt?: Date | null;
    failure?: { code: string | null; message: string | null } | null;
  }): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE donation_plan SET status = COALESCE($3, status), provider_subscription_id = COALESCE(provider_subscription_id, $4),
         provider_checkout_id = COALESCE(provider_checkout_id, $5), started_at = COALESCE(started_at, $6), cancelled_at = COALESCE(cancelled_at, $7),
         failed_payment_count = failed_payment_count + $8, last_failure_code = CASE WHEN $8 > 0 THEN $9 ELSE last_failure_code END,
         last_failure_message = CASE WHEN $8 > 0 THEN $10 ELSE last_failure_message END, updated_at = now()
       WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, u.status ?? null, u.subscriptionId ?? null, u.checkoutId ?? null, u.startedAt ?? null, u.cancelledAt ?? null,
        u.failure ? 1 : 0, u.failure?.code ?? null, u.failure?.message ?? null],
    );
  }

  // ------------------------------------------------------------------ Gift Aid declarations

  async insertDeclaration(organisationId: string, v: {
    memberId: string; declaredAt: Date; wording: string; fullName: string; house: string; postcode: string; coversPast: boolean; coversFuture: boolean;
    source: 'ACTION_PAGE' | 'STAFF' | 'IMPORT';
    /** Not in force until a donation made with it is paid (a donate page's declaration). */
    pending?: boolean;
  }): Promise<string> {
    requireOrganisationId(organisationId);
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO gift_aid_declaration (organisation_id, id, member_id, declared_at, wording, full_name, house, postcode, covers_past, covers_future, source, pending)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [organisationId, id, v.memberId, v.declaredAt, v.wording, v.fullName, v.house, v.postcode, v.coversPast, v.coversFuture, v.source, v.pending ?? false],
    );
    return id;
  }

  /** A paid donation puts its pending declaration in force. */
  async confirmDeclaration(organisationId: string, declarationId: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`UPDATE gift_aid_declaration SET pending = false WHERE organisation_id = $1 AND id = $2 AND pending`, [organisationId, declarationId]);
  }

  /** The member's most recent declaration in force that covers future gifts and is not revoked (the one a new gift uses). */
  async currentDeclaration(organisationId: string, memberId: string): Promise<{ id: string } | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM gift_aid_declaration WHERE organisation_id = $1 AND member_id = $2 AND covers_future AND revoked_at IS NULL AND NOT pending
        ORDER BY declared_at DESC, id DESC LIMIT 1`, [organisationId, memberId]);
    return rows[0] ?? null;
  }

  // ------------------------------------------------------------------ references

  async memberExists(organisationId: string, memberId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    return (await this.db.query(`SELECT 1 FROM member WHERE organisation_id = $1 AND id = $2`, [organisationId, memberId])).length > 0;
  }

  async campaignExists(organisationId: string, campaignId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    return (await this.db.query(`SELECT 1 FROM campaign WHERE organisation_id = $1 AND id = $2`, [organisationId, campaignId])).length > 0;
  }

  async members(organisationId: string, ids: string[]): Promise<MemberRow[]> {
    requireOrganisationId(organisationId);
    if (ids.length === 0) return [];
    return this.db.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM member m WHERE m.organisation_id = $1 AND m.id = ANY($2::uuid[])`, [organisationId, ids]);
  }

  // ------------------------------------------------------------------ webhook idempotency

  /** Records the event; false when it was already recorded (a replay: apply nothing). */
  async recordEvent(organisationId: string, e: { provider: DonationProvider; eventId: string; type: string; createdAt: Date; payload: unknown }): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ event_id: string }>(
      `INSERT INTO payment_webhook_event (provider, event_id, organisation_id, type, created_at_provider, outcome, payload)
       VALUES ($1, $2, $3, $4, $5, 'RECEIVED', $6::jsonb) ON CONFLICT (provider, event_id) DO NOTHING RETURNING event_id`,
      [e.provider, e.eventId, organisationId, e.type, e.createdAt, JSON.stringify(e.payload)],
    );
    return rows.length > 0;
  }

  async finishEvent(organisationId: string, provider: DonationProvider, eventId: string, outcome: string, donationId: string | null): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE payment_webhook_event SET processed_at = now(), outcome = $4, donation_id = $5 WHERE organisation_id = $1 AND provider = $2 AND event_id = $3`,
      [organisationId, provider, eventId, outcome.slice(0, 500), donationId],
    );
  }

  // ------------------------------------------------------------------ totals

  /** Paid donations (SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED) by when they were paid. */
  /**
   * `wholeMonths`: the range is widened to whole Europe/London months (from the start of `from`'s month to the end of
   * `to`'s), so two ranges a client may ask for differ by whole months — which are themselves suppressed — and never
   * by one donation.
   */
  async totals(organisationId: string, f: { campaignId: string | null; from: Date | null; to: Date | null; wholeMonths?: boolean }): Promise<{ all: TotalsRow; months: (TotalsRow & { month: string })[] }> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId];
    let sql = `d.organisation_id = $1 AND ${PAID}`;
    if (f.campaignId) { params.push(f.campaignId); sql += ` AND d.campaign_id = $${params.length}`; }
    if (f.from) {
      params.push(f.from);
      const from = `$${params.length}::timestamptz`;
      sql += f.wholeMonths
        ? ` AND d.succeeded_at >= (date_trunc('month', ${from} AT TIME ZONE 'Europe/London') AT TIME ZONE 'Europe/London')`
        : ` AND d.succeeded_at >= ${from}`;
    }
    if (f.to) {
      params.push(f.to);
      const to = `$${params.length}::timestamptz`;
      sql += f.wholeMonths
        ? ` AND d.succeeded_at < ((date_trunc('month', (${to} - interval '1 microsecond') AT TIME ZONE 'Europe/London') + interval '1 month') AT TIME ZONE 'Europe/London')`
        : ` AND d.succeeded_at < ${to}`;
    }
    const select = `count(*)::int AS count, COALESCE(sum(d.amount_pence), 0)::text AS total_pence, COALESCE(sum(d.refunded_pence), 0)::text AS refunded_pence,
      COALESCE(sum(${GIFT_AID_SQL}), 0)::text AS gift_aid_pence, (count(*) FILTER (WHERE d.kind = 'RECURRING'))::int AS recurring_count`;
    const month = `to_char(d.succeeded_at AT TIME ZONE 'Europe/London', 'YYYY-MM')`;
    const [all] = await this.db.query<TotalsRow>(`SELECT ${select} FROM ${D_FROM} WHERE ${sql}`, params);
    const months = await this.db.query<TotalsRow & { month: string }>(
      `SELECT ${month} AS month, ${select} FROM ${D_FROM} WHERE ${sql} GROUP BY ${month} ORDER BY ${month}`, params);
    return { all, months };
  }

  /** The organisation's small-number threshold (insights' setting), or null for the default. */
  async suppressionThreshold(organisationId: string): Promise<number | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ t: number }>(`SELECT suppression_threshold AS t FROM insight_setting WHERE organisation_id = $1`, [organisationId]);
    return rows[0]?.t ?? null;
  }
}
