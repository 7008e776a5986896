import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPayments } from './payments';

describe('startPayments', () => {
  it('starts the stand-in with the API\'s environment and sends signed webhooks to the API\'s webhook route', async () => {
    const received: { url: string; signature: string; body: string }[] = [];
    const api = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', signature: String(req.headers['stripe-signature']), body });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    const payments = await startPayments({ apiPort: (api.address() as AddressInfo).port });
    try {
      expect(payments.apiEnv).toEqual({
        MUSTER_STRIPE_API_URL: payments.standin.url, MUSTER_STRIPE_SECRET_KEY: payments.standin.secretKey, MUSTER_STRIPE_WEBHOOK_SECRET: payments.standin.webhookSecret,
      });
      const res = await fetch(`${payments.apiEnv.MUSTER_STRIPE_API_URL}/v1/checkout/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${payments.apiEnv.MUSTER_STRIPE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'mode=payment&success_url=http%3A%2F%2Fx.test%2F&line_items[0][quantity]=1&line_items[0][price_data][currency]=gbp&line_items[0][price_data][unit_amount]=500',
      });
      const session = (await res.json()) as { id: string };
      payments.standin.pay(session.id, 'pay');
      await payments.standin.idle();
      expect(received.map((r) => r.url)).toEqual(['/webhooks/payments/stripe', '/webhooks/payments/stripe']);
      const [t, v1] = received[0].signature.split(',').map((p) => p.split('=')[1]);
      expect(createHmac('sha256', payments.apiEnv.MUSTER_STRIPE_WEBHOOK_SECRET).update(`${t}.${received[0].body}`).digest('hex')).toBe(v1);
    } finally {
      await payments.standin.close();
      await new Promise<void>((r) => api.close(() => r()));
    }
  });
});
