import { DomainException } from '../common/domain.exception.js';

export type PaymentErrorCode = 'PAYMENT_WEBHOOK_SIGNATURE_INVALID' | 'PAYMENT_WEBHOOK_PAYLOAD_INVALID' | 'PAYMENT_PROVIDER_ERROR' | 'PAYMENT_PROVIDER_NOT_CONFIGURED';

export class PaymentException extends DomainException<PaymentErrorCode> {
  constructor(code: PaymentErrorCode, message: string, readonly details: Record<string, unknown> | null = null) {
    super(code, message);
  }

  /** A webhook whose Stripe-Signature is missing, malformed, wrong or too old: nothing is read or stored. */
  static signatureInvalid(reason: string): PaymentException {
    return new PaymentException('PAYMENT_WEBHOOK_SIGNATURE_INVALID', `The webhook signature is not valid: ${reason}`);
  }
  static payloadInvalid(reason: string): PaymentException {
    return new PaymentException('PAYMENT_WEBHOOK_PAYLOAD_INVALID', `The webhook body is not a provider event: ${reason}`);
  }
  /** The provider refused or could not be reached; its own message is passed on when it is one for people. */
  static providerError(message: string, details: Record<string, unknown> | null = null): PaymentException {
    return new PaymentException('PAYMENT_PROVIDER_ERROR', `The payment provider refused the request: ${message}`, details);
  }
  static notConfigured(): PaymentException {
    return new PaymentException('PAYMENT_PROVIDER_NOT_CONFIGURED',
      'Card payments are not set up on this server (MUSTER_STRIPE_SECRET_KEY and MUSTER_STRIPE_WEBHOOK_SECRET).');
  }
}
