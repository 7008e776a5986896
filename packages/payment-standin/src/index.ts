/**
 * @muster/payment-standin: a local stand-in for Stripe (see standin.ts). Development (`npm start`) and the tests
 * run it; production points the API at Stripe itself.
 */
export { PaymentStandin, startPaymentStandin, STANDIN_API_VERSION, type PayOutcome, type StandinDelivery, type StandinEvent, type StandinOptions } from './standin';
export { signatureHeader, signPayload } from './signature';
export { encodeForm, parseForm } from './form';
