import { checkSubmission, parsePounds, readSubmission } from './action-page.form';
import { CSS, CSS_HASH, escapeHtml, pageCsp, pageKindOf, renderFormPage, type FormPageModel } from './action-page.render';
import { createHash } from 'node:crypto';

function model(over: Partial<FormPageModel> = {}): FormPageModel {
  return {
    kind: 'signup', organisationName: 'United <Union>', title: 'Phone bank', headline: 'Join the phone bank', body: 'Line one\n\nLine <two>',
    buttonLabel: null, consentWording: 'Yes, text me about this campaign.', donationAmountsPence: [], action: '/a/abc', nonce: 'n.n',
    token: null, linkCode: null, knownMemberName: null, notYouUrl: null, phoneRequired: true, values: {}, errors: {}, formError: null, ...over,
  };
}

describe('action page HTML', () => {
  it('is small, has no script, declares en-GB and a viewport, and escapes every value', () => {
    const html = renderFormPage(model({ values: { firstName: '"><script>alert(1)</script>' } }));
    expect(Buffer.byteLength(html)).toBeLessThan(20_000);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('United &lt;Union&gt;');
    expect(html).toContain('Line &lt;two&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('labels every input, ties errors to their fields and focuses the error summary', () => {
    const html = renderFormPage(model({ errors: { phone: 'This phone number is too short.' } }));
    for (const m of html.matchAll(/<input type="(?:text|email|tel|checkbox)" id="([^"]+)"/g)) {
      expect(html).toContain(`<label for="${m[1]}"`);
    }
    expect(html).toMatch(/<input type="tel" id="f-phone"[^>]*aria-describedby="f-phone-error"[^>]*aria-invalid="true"/);
    expect(html).toContain('<p class="err" id="f-phone-error">');
    expect(html).toMatch(/<div class="sum" role="alert" tabindex="-1" autofocus/);
    expect(html).toContain('<a href="#f-phone">This phone number is too short.</a>');
    expect(html).toMatch(/<title>Error: /);
  });

  it('shows the consent wording exactly, and the stylesheet matches the CSP hash', () => {
    expect(renderFormPage(model())).toContain('<label for="f-consent">Yes, text me about this campaign.</label>');
    expect(CSS_HASH).toBe(createHash('sha256').update(CSS).digest('base64'));
    expect(pageCsp(false)).toContain("form-action 'self'");
    expect(pageCsp(false)).not.toContain('script-src');
    expect(escapeHtml(`<&"'>`)).toBe('&lt;&amp;&quot;&#39;&gt;');
  });

  it('has a page per action type', () => {
    expect(pageKindOf('PETITION')).toBe('petition');
    expect(pageKindOf('DONATION')).toBe('donate');
    expect(pageKindOf('CUSTOM')).toBe('pledge');
    expect(pageKindOf('PHONE_BANK_SIGNUP')).toBe('signup');
    expect(pageKindOf('EVENT')).toBe('signup');
    const donate = renderFormPage(model({ kind: 'donate', donationAmountsPence: [500, 1000, 2550] }));
    expect(donate).toContain('£5');
    expect(donate).toContain('£25.50');
    expect(donate).toContain('Gift Aid');
  });
});

describe('action page form', () => {
  it('reads only known fields and the honeypot', () => {
    const r = readSubmission({ firstName: 'Ann', website: 'http://spam', nonce: 'x', t: 'tok', l: 'code', consent: 'yes', isAdmin: 'true' });
    expect(r.values).toEqual({ firstName: 'Ann', consent: true, monthly: false, giftAid: false });
    expect(r).toMatchObject({ honeypot: 'http://spam', nonce: 'x', token: 'tok', linkCode: 'code' });
  });

  it('checks names, phone, email and postcode with the domain rules', () => {
    const bad = checkSubmission('signup', { firstName: ' ', lastName: 'Jones', phone: '0770', postcode: 'nope' }, { phoneRequired: true, donationAmountsPence: [] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['firstName', 'phone', 'postcode']);
    const good = checkSubmission('petition', { firstName: 'Ann', lastName: 'Jones', email: ' Ann@Example.ORG ', phone: '07700 900123', postcode: 'sw1a1aa' }, { phoneRequired: false, donationAmountsPence: [] });
    expect(good).toEqual({ ok: true, value: { firstName: 'Ann', lastName: 'Jones', email: 'ann@example.org', phone: { e164: '+447700900123', type: 'MOBILE' }, postcode: 'SW1A 1AA', consent: false, donation: null } });
    const none = checkSubmission('petition', { firstName: 'Ann', lastName: 'Jones' }, { phoneRequired: false, donationAmountsPence: [] });
    expect(none.ok).toBe(false);
  });

  it('reads donation amounts in pence, from the buttons or typed, and Gift Aid details', () => {
    expect(parsePounds('7.5')).toBe(750);
    expect(parsePounds('£1,000')).toBe(100000);
    expect(parsePounds('7.555')).toBeNull();
    const base = { firstName: 'Ann', lastName: 'Jones', email: 'ann@example.org' };
    const opts = { phoneRequired: false, donationAmountsPence: [500, 1000] };
    expect(checkSubmission('donate', { ...base, amount: '1000', monthly: true }, opts)).toMatchObject({ ok: true, value: { donation: { amountPence: 1000, recurring: 'MONTHLY', giftAid: null } } });
    expect(checkSubmission('donate', { ...base, amount: '999' }, opts)).toMatchObject({ ok: false, errors: { amount: expect.any(String) } });
    expect(checkSubmission('donate', { ...base, amount: 'other', otherAmount: '12.34' }, opts)).toMatchObject({ ok: true, value: { donation: { amountPence: 1234 } } });
    expect(checkSubmission('donate', { ...base, amount: '500', giftAid: true }, opts)).toMatchObject({ ok: false, errors: { giftAidName: expect.any(String) } });
    expect(checkSubmission('donate', { ...base, amount: '500', giftAid: true, giftAidName: 'Ann Jones', giftAidHouse: '12', giftAidPostcode: 'ls1 1aa' }, opts))
      .toMatchObject({ ok: true, value: { donation: { giftAid: { fullName: 'Ann Jones', house: '12', postcode: 'LS1 1AA' } } } });
  });
});
