import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

import { isOfcomDramaNumber, parsePhoneNumber, type PhoneErrorCode, type PhoneNumberValue } from './phone.value.js';

function value(raw: string, country?: Parameters<typeof parsePhoneNumber>[1]): PhoneNumberValue {
  const result = parsePhoneNumber(raw, country);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to parse, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorCode(raw: string): PhoneErrorCode {
  const result = parsePhoneNumber(raw);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected, got ${result.value.e164}`);
  return result.error.code;
}

describe('parsePhoneNumber', () => {
  describe('accepts a UK mobile however people type it', () => {
    it.each([
      ['07700 900123'],
      ['07700900123'],
      ['+44 (0)7700 900123'],
      ['+44(0)7700900123'],
      ['+44 7700 900123'],
      ['+447700900123'],
      ['(0)7700900123'],
      ['447700900123'],
      ['44 7700 900123'],
      ['0044 7700 900123'],
      ['00447700900123'],
      ['07700-900-123'],
      ['07700 900 123'],
      ['0770 090 0123'],
      ['(07700) 900123'],
      ['7700 900123'],
      ['7700900123'],
      ['tel:+447700900123'],
      ['TEL:+44-7700-900123'],
      ['tel:07700900123'],
      ['07700\u00a0900123'],
      ['\u00a007700\u202f900\u2009123\u00a0'],
      ['07700.900.123'],
      ['07700\u2013900\u2013123'],
      ['  07700 900123\t'],
      ['07700/900123'],
    ])('%j', (raw) => {
      expect(value(raw)).toEqual({ e164: '+447700900123', type: 'MOBILE', national: '07700 900123' });
    });
  });

  it('reads real UK mobile ranges as MOBILE', () => {
    expect(value('07911 123456')).toEqual({ e164: '+447911123456', type: 'MOBILE', national: '07911 123456' });
    expect(value('07400123456').type).toBe('MOBILE');
    expect(value('+44 7123 456789').type).toBe('MOBILE');
  });

  describe('landlines', () => {
    it.each([
      ['020 7946 0018', '+442079460018', '020 7946 0018'],
      ['0161 496 0000', '+441614960000', '0161 496 0000'],
      ['0113 496 0999', '+441134960999', '0113 496 0999'],
      ['(0161) 496 0000', '+441614960000', '0161 496 0000'],
      ['+44 (0)20 7946 0018', '+442079460018', '020 7946 0018'],
      ['161 496 0000', '+441614960000', '0161 496 0000'],
      ['029 2018 0123', '+442920180123', '029 2018 0123'],
      ['028 9649 6123', '+442896496123', '028 9649 6123'],
      ['0113 246 0000', '+441132460000', '0113 246 0000'],
      ['01632 960123', '+441632960123', '01632 960123'],
      ['0115 496 0123', '+441154960123', '0115 496 0123'],
    ])('%j is a LANDLINE', (raw, e164, national) => {
      expect(value(raw)).toEqual({ e164, type: 'LANDLINE', national });
    });
  });

  it('gives non-geographic UK numbers the UNKNOWN type', () => {
    expect(value('0800 123 456')).toMatchObject({ e164: '+44800123456', type: 'UNKNOWN' });
    expect(value('0300 123 4567')).toMatchObject({ e164: '+443001234567', type: 'UNKNOWN' });
  });

  describe('foreign numbers with a country code parse in their own country', () => {
    it.each([
      ['+33 6 12 34 56 78', '+33612345678', '06 12 34 56 78'],
      ['0033 6 12 34 56 78', '+33612345678', '06 12 34 56 78'],
      ['+353 87 123 4567', '+353871234567', '087 123 4567'],
      ['+1 212 555 0100', '+12125550100', '(212) 555-0100'],
      ['+48 512 345 678', '+48512345678', '512 345 678'],
      ['+91 98765 43210', '+919876543210', '098765 43210'],
    ])('%j', (raw, e164, national) => {
      // The min metadata cannot type these (see the module comment), so they are UNKNOWN.
      expect(value(raw)).toEqual({ e164, type: 'UNKNOWN', national });
    });

    it('keeps the type of countries that share a calling code with others', () => {
      expect(value('+44 1481 256789').e164).toBe('+441481256789'); // Guernsey, within +44
    });
  });

  it('honours another default country for numbers without a country code', () => {
    expect(value('06 12 34 56 78', 'FR').e164).toBe('+33612345678');
    expect(value('087 123 4567', 'IE').e164).toBe('+353871234567');
    // Without a UK default, a bare 44... is not rewritten as a country code.
    expect(parsePhoneNumber('447700900123', 'FR').ok).toBe(false);
  });

  describe('rejects clearly', () => {
    it.each<[string, PhoneErrorCode]>([
      ['', 'PHONE_EMPTY'],
      ['   ', 'PHONE_EMPTY'],
      ['\u00a0', 'PHONE_EMPTY'],
      ['tel:', 'PHONE_EMPTY'],
      ['()-', 'PHONE_EMPTY'],
      ['7.7009E+09', 'PHONE_SPREADSHEET_DAMAGE'],
      ['7.7009e+9', 'PHONE_SPREADSHEET_DAMAGE'],
      ['4.47700900123E+11', 'PHONE_SPREADSHEET_DAMAGE'],
      ['7,7009E+09', 'PHONE_SPREADSHEET_DAMAGE'],
      ['0770 O9O 0123', 'PHONE_INVALID_CHARACTERS'],
      ['call me', 'PHONE_INVALID_CHARACTERS'],
      ['07700 900123 ext 4', 'PHONE_INVALID_CHARACTERS'],
      ['07700 900123 #4', 'PHONE_INVALID_CHARACTERS'],
      ['+44+7700900123', 'PHONE_INVALID_CHARACTERS'],
      ['12345', 'PHONE_TOO_SHORT'],
      ['999', 'PHONE_TOO_SHORT'],
      ['+44 7700', 'PHONE_TOO_SHORT'],
      ['07700 900123 07700 900124', 'PHONE_TOO_LONG'],
      ['+447700900123456789', 'PHONE_TOO_LONG'],
      ['+999 1234567', 'PHONE_INVALID_COUNTRY'],
      ['0770090012', 'PHONE_INVALID'],
      ['0000 000000', 'PHONE_INVALID'],
      ['04000 123456', 'PHONE_INVALID'],
    ])('%j → %s', (raw, code) => {
      expect(errorCode(raw)).toBe(code);
    });

    it('says why in words a person can act on', () => {
      const result = parsePhoneNumber('7.7009E+09');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/spreadsheet/i);
      const letters = parsePhoneNumber('07700 CALLME');
      if (!letters.ok) expect(letters.error.message).toMatch(/letters/);
    });

    it('rejects absurdly long input without looking at it further', () => {
      expect(errorCode('0'.repeat(65))).toBe('PHONE_TOO_LONG');
    });

    it('rejects non-strings from untyped callers instead of throwing', () => {
      expect(parsePhoneNumber(undefined as unknown as string).ok).toBe(false);
      expect(parsePhoneNumber(7700900123 as unknown as string).ok).toBe(false);
    });
  });

  it('returns the same E.164 for every spelling of the same number, so matching works', () => {
    const spellings = ['07700 900456', '+44 (0)7700 900456', '447700900456', '7700900456', 'tel:+447700900456'];
    const numbers = new Set(spellings.map((raw) => value(raw).e164));
    expect([...numbers]).toEqual(['+447700900456']);
  });
});

describe('isOfcomDramaNumber', () => {
  it('recognises the ranges Ofcom reserves for fiction', () => {
    expect(isOfcomDramaNumber('+447700900000')).toBe(true);
    expect(isOfcomDramaNumber('+447700900999')).toBe(true);
    expect(isOfcomDramaNumber('+442079460018')).toBe(true);
    expect(isOfcomDramaNumber('+441614960000')).toBe(true);
    expect(isOfcomDramaNumber('+441632960123')).toBe(true);
  });

  it('does not flag numbers next to those ranges', () => {
    expect(isOfcomDramaNumber('+447700901000')).toBe(false);
    expect(isOfcomDramaNumber('+447700100123')).toBe(false);
    expect(isOfcomDramaNumber('+442079461018')).toBe(false);
    expect(isOfcomDramaNumber('+441614970000')).toBe(false);
  });
});

describe('the UK fast path', () => {
  // Our answer must be libphonenumber's answer for every UK number, drama ranges apart.
  function libraryAnswer(national: string): PhoneNumberValue | undefined {
    const theirs = parsePhoneNumberFromString(national, 'GB');
    if (!theirs || !theirs.isValid()) return undefined;
    const type = theirs.getType();
    return {
      e164: theirs.number,
      type: type === 'MOBILE' ? 'MOBILE' : type === 'FIXED_LINE' ? 'LANDLINE' : 'UNKNOWN',
      national: theirs.formatNational(),
    };
  }

  function disagreements(numbers: string[]): string[] {
    return numbers.filter((national) => {
      const ours = parsePhoneNumber(national);
      if (ours.ok && isOfcomDramaNumber(ours.value.e164)) return false;
      return JSON.stringify(ours.ok ? ours.value : undefined) !== JSON.stringify(libraryAnswer(national));
    });
  }

  let seed = 12345;
  const next = (modulo: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % modulo;
  };

  it('agrees with libphonenumber-js on every 07 block', () => {
    const numbers: string[] = [];
    for (let block = 0; block < 1000; block++) {
      for (let i = 0; i < 5; i++) numbers.push(`07${String(block).padStart(3, '0')}${String(next(1_000_000)).padStart(6, '0')}`);
    }
    expect(disagreements(numbers)).toEqual([]);
  });

  it('agrees with libphonenumber-js on geographic and other UK numbers of every length', () => {
    const numbers: string[] = [];
    for (let prefix = 10; prefix < 100; prefix++) {
      for (let i = 0; i < 40; i++) {
        const length = i % 2 === 0 ? 10 : 9;
        numbers.push(`0${prefix}${String(next(10 ** (length - 2))).padStart(length - 2, '0')}`);
      }
    }
    for (const areaCode of ['113', '114', '115', '116', '117', '118', '121', '131', '141', '151', '161', '191', '20', '23', '24', '28', '29']) {
      for (let i = 0; i < 30; i++) numbers.push(`0${areaCode}${String(next(10 ** (10 - areaCode.length))).padStart(10 - areaCode.length, '0')}`);
    }
    for (const areaCode of ['1274', '1482', '1904', '1224', '1382', '1792', '16977', '13873', '15396']) {
      for (let i = 0; i < 30; i++) numbers.push(`0${areaCode}${String(next(10 ** (10 - areaCode.length))).padStart(10 - areaCode.length, '0')}`);
    }
    expect(disagreements(numbers)).toEqual([]);
    expect(disagreements(numbers.map((n) => `+44${n.slice(1)}`))).toEqual([]);
  });
});
