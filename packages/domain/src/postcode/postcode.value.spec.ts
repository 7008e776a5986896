import { normalisePostcode, outwardCode, postcodeArea } from './postcode.value.js';

describe('normalisePostcode', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    ['  m1   1ae', 'M1 1AE'],
    ['SW1A 1AA', 'SW1A 1AA'],
    ['b33 8th', 'B33 8TH'],
    ['cr26xh', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['w1a 0ax', 'W1A 0AX'],
    ['EC1A1BB', 'EC1A 1BB'],
    ['ls1\u00a04ap', 'LS1 4AP'],
    ['bt7 1nn', 'BT7 1NN'],
    ['cf10 1ep', 'CF10 1EP'],
    ['EH1 1YZ', 'EH1 1YZ'],
    ['gir 0aa', 'GIR 0AA'],
    ['GIR0AA', 'GIR 0AA'],
  ])('%j → %j', (raw, expected) => {
    expect(normalisePostcode(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'POSTCODE_EMPTY'],
    ['   ', 'POSTCODE_EMPTY'],
    ['SW1A', 'POSTCODE_INVALID'],
    ['1AA', 'POSTCODE_INVALID'],
    ['SW1A 1A', 'POSTCODE_INVALID'],
    ['SW1A 1AAA', 'POSTCODE_INVALID'],
    ['QW1 1AA', 'POSTCODE_INVALID'], // Q is never a first letter
    ['AI1 1AA', 'POSTCODE_INVALID'], // I is never a second letter
    ['M1 1CA', 'POSTCODE_INVALID'], // C is never in the inward code
    ['M1 AAA', 'POSTCODE_INVALID'],
    ['M1-1AE', 'POSTCODE_INVALID'],
    ['90210', 'POSTCODE_INVALID'],
    ['GIR 1AA', 'POSTCODE_INVALID'],
    ['BFPO 123', 'POSTCODE_INVALID'],
  ])('rejects %j (%s)', (raw, code) => {
    const result = normalisePostcode(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(/postcode/i);
    }
  });
});

describe('outwardCode and postcodeArea', () => {
  it('take any spelling of a valid postcode', () => {
    expect(outwardCode('sw1a1aa')).toBe('SW1A');
    expect(outwardCode(' m1 1ae ')).toBe('M1');
    expect(outwardCode('GIR0AA')).toBe('GIR');
    expect(postcodeArea('sw1a1aa')).toBe('SW');
    expect(postcodeArea('M1 1AE')).toBe('M');
  });

  it('return null for an invalid postcode', () => {
    expect(outwardCode('nonsense')).toBeNull();
    expect(postcodeArea('')).toBeNull();
  });
});
