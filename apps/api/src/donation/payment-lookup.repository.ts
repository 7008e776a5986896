/**
 * The webhook's one path around row-level security (docs/security.md allows one such lookup per public key): before
 * the organisation is known, find it from a provider id (payment intent, checkout session, invoice, subscription), and
 * record an event that matches nothing of ours. Runs on the owner connection (withOwnerContext), one statement each.
 * Must never: return anything but an organisation id, or write anything but an unmatched event's idempotency row.
 */
import { Injectable } from '@nestjs/common';
import type { DonationProvider } from '@muster/domain';
import { DataSource } from 'typeorm';
import { withOwnerContext } from '../common/request-context.js';
import type { PaymentEvent } from '../payment/payment-provider.js';

export interface ProviderKeys {
  paymentId?: string | null;
  checkoutId?: string | null;
  invoiceId?: string | null;
  subscriptionId?: string | null;
}

@Injectable()
export class PaymentLookupRepository {
  constructor(private readonly dataSource: DataSource) {}

  async organisationOf(provider: DonationProvider, keys: ProviderKeys): Promise<string | null> {
    const values = [keys.paymentId ?? null, keys.checkoutId ?? null, keys.invoiceId ?? null, keys.subscriptionId ?? null];
    if (values.every((v) => v === null)) return null;
    const rows = await withOwnerContext(this.dataSource, 'payment-webhook-lookup', (ctx) => ctx.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM donation
        WHERE provider = $1 AND (provider_payment_id = $2 OR provider_checkout_id = $3 OR provider_invoice_id = $4)
       UNION ALL
       SELECT organisation_id FROM donation_plan
        WHERE provider = $1 AND (provider_subscription_id = $5 OR provider_checkout_id = $3)
       LIMIT 1`,
      [provider, ...values],
    ));
    return rows[0]?.organisation_id ?? null;
  }

  /** False when this event id was already recorded (a replay). */
  async recordUnmatched(provider: DonationProvider, event: PaymentEvent): Promise<boolean> {
    const rows = await withOwnerContext(this.dataSource, 'payment-webhook-unmatched', (ctx) => ctx.query<{ event_id: string }>(
      `INSERT INTO payment_webhook_event (provider, event_id, organisation_id, type, created_at_provider, processed_at, outcome, payload)
       VALUES ($1, $2, NULL, $3, $4, now(), 'UNMATCHED', $5::jsonb) ON CONFLICT (provider, event_id) DO NOTHING RETURNING event_id`,
      [provider, event.id, event.type, event.createdAt, JSON.stringify(event.payload)],
    ));
    return rows.length > 0;
  }
}
