/** The stand-in's hosted checkout page: plain HTML forms, no script, so a person or a browser test can click through. */
export interface PayPageView {
  notFound?: boolean;
  amount?: number;
  currency?: string;
  name?: string;
  interval?: string | null;
  status?: string;
  cancelUrl?: string | null;
  successUrl?: string;
  error?: string;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function money(pence: number, currency: string): string {
  const symbol = ({ gbp: '£', eur: '€', usd: '$' } as Record<string, string>)[currency] ?? `${currency.toUpperCase()} `;
  return `${symbol}${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

export function payPage(view: PayPageView): string {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Stand-in checkout</title><style>
body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.note{background:#fff4ce;border:1px solid #c9a400;padding:.5rem .75rem;border-radius:6px;font-size:.875rem}
.amount{font-size:2rem;font-weight:700;margin:.5rem 0}
button{display:block;width:100%;font:inherit;padding:.75rem;margin:.5rem 0;border-radius:6px;border:2px solid #1a1a1a;background:#fff;cursor:pointer}
button.pay{background:#0a5c36;color:#fff;border-color:#0a5c36}
button:focus{outline:3px solid #ffbf47;outline-offset:2px}
.error{background:#fde8e8;border:1px solid #b00020;color:#8a0018;padding:.5rem .75rem;border-radius:6px}
</style></head><body><main>`;
  const foot = '</main></body></html>';
  if (view.notFound) return `${head}<h1>Checkout not found</h1><p>This checkout session does not exist (the stand-in forgets sessions when it restarts).</p>${foot}`;
  const amount = money(view.amount ?? 0, view.currency ?? 'gbp') + (view.interval ? ` a ${esc(view.interval)}` : '');
  if (view.status !== 'open') {
    const next = view.status === 'complete' && view.successUrl ? `<p><a href="${esc(view.successUrl)}">Continue</a></p>` : '';
    return `${head}<h1>${esc(view.name ?? 'Payment')}</h1><p class="amount">${amount}</p><p role="status">This checkout is ${esc(view.status ?? 'closed')}.</p>${next}${foot}`;
  }
  const error = view.error ? `<p class="error" role="alert">${esc(view.error)}</p>` : '';
  const cancel = view.cancelUrl ? `<p><a href="${esc(view.cancelUrl)}">Cancel and go back</a></p>` : '';
  return `${head}<p class="note">Payment stand-in for development and tests: no card, no money.</p>
<h1>${esc(view.name ?? 'Payment')}</h1><p class="amount">${amount}</p>${error}
<form method="post"><button class="pay" type="submit" name="outcome" value="pay">Pay ${amount}</button>
<button type="submit" name="outcome" value="decline">Decline (card declined)</button>
<button type="submit" name="outcome" value="fail">Fail (processing error)</button></form>${cancel}${foot}`;
}
