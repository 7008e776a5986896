/**
 * POST /webhooks/payments/stripe — the provider's webhook (unauthenticated: the signature is the authentication).
 * Registered on Fastify in its own encapsulated context whose only body parser keeps the raw bytes, because the
 * signature is over the exact body. Order: signature and timestamp (PaymentProvider.verifyWebhook) → event shape →
 * the handler (DonationPaymentsService: organisation lookup, idempotency record, donation update, all in one
 * transaction). Answers 200 `{ received: true, outcome }` (also for a duplicate or an event we ignore), 400 in the one
 * error shape for a missing/forged/stale signature or a body that is not an event (nothing read, nothing stored), 500
 * when applying failed (rolled back; the provider retries). Must never: touch the database before the signature
 * checks out.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { DonationProvider } from '@muster/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INTERNAL_MESSAGE } from '../common/api-error.mapper.js';
import { PaymentException } from './payment.exception.js';
import { PAYMENT_PROVIDER, type PaymentEvent, type PaymentProvider } from './payment-provider.js';

export const WEBHOOK_PATH = '/webhooks/payments/stripe';
const WEBHOOK_BODY_LIMIT = 512 * 1024;

export const PAYMENT_EVENT_HANDLER = Symbol('PaymentEventHandler');

export interface PaymentEventHandler {
  /** Applies a verified event once; a second delivery of the same event id answers duplicate and changes nothing. */
  handle(provider: DonationProvider, event: PaymentEvent, requestId: string): Promise<{ outcome: string; duplicate: boolean }>;
}

@Injectable()
export class PaymentWebhookRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYMENT_EVENT_HANDLER) private readonly handler: PaymentEventHandler,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
      scope.post(WEBHOOK_PATH, { bodyLimit: WEBHOOK_BODY_LIMIT }, (request, reply) => this.receive(request, reply));
    });
  }

  private error(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
    return reply.code(status).header('content-type', 'application/json; charset=utf-8')
      .send({ data: null, errors: [{ message, extensions: { code, requestId: request.id } }] });
  }

  private async receive(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    let event: PaymentEvent;
    try {
      event = this.provider.verifyWebhook(raw, request.headers);
    } catch (error) {
      if (error instanceof PaymentException) {
        request.log.warn({ requestId: request.id, code: error.code }, 'payment webhook refused');
        const status = error.code === 'PAYMENT_PROVIDER_NOT_CONFIGURED' ? 503 : 400;
        return this.error(request, reply, status, status === 503 ? 'INTERNAL' : 'BAD_REQUEST', error.message);
      }
      throw error;
    }
    try {
      const result = await this.handler.handle(this.provider.name, event, request.id);
      request.log.info({ requestId: request.id, eventId: event.id, type: event.type, outcome: result.outcome }, 'payment webhook');
      return reply.code(200).send({ received: true, outcome: result.outcome });
    } catch (error) {
      request.log.error({ err: error, requestId: request.id, eventId: event.id, type: event.type }, 'payment webhook failed; the provider will retry');
      return this.error(request, reply, 500, 'INTERNAL', INTERNAL_MESSAGE);
    }
  }
}
