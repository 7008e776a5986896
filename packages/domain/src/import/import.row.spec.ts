import type { ImportField } from './import.mapping.js';
import { normaliseName, normaliseTagList } from '../member/member.normalise.js';
import { matchKeys, normaliseImportList, normaliseImportRow, type ImportRowResult, type ImportRowValues } from './import.row.js';

/** Normalises one row given as { FIELD: cell } (each field one column, in the order given). */
function row(cells: Partial<Record<ImportField, string>> | [ImportField, string][]): ImportRowResult {
  const pairs = Array.isArray(cells) ? cells : (Object.entries(cells) as [ImportField, string][]);
  return normaliseImportRow(
    pairs.map(([, value]) => value),
    pairs.map(([field]) => field),
  );
}

function values(result: ImportRowResult): ImportRowValues {
  if (!result.ok) throw new Error(`rejected: ${result.reasons.join(' ')}`);
  return result.values;
}

function warnings(result: ImportRowResult): string[] {
  if (!result.ok) throw new Error(`rejected: ${result.reasons.join(' ')}`);
  return result.warnings;
}

function reasons(result: ImportRowResult): string[] {
  if (result.ok) throw new Error('accepted');
  return result.reasons;
}

describe('normaliseImportRow: phones', () => {
  it.each([
    ['07700 900123', '+447700900123', 'MOBILE'],
    ['07700900123', '+447700900123', 'MOBILE'],
    ['+44 7700 900123', '+447700900123', 'MOBILE'],
    ['+44 (0)7700 900123', '+447700900123', 'MOBILE'],
    ['0044 7700 900123', '+447700900123', 'MOBILE'],
    ['447700900123', '+447700900123', 'MOBILE'],
    ['7700900123', '+447700900123', 'MOBILE'],
    ['07700-900-123', '+447700900123', 'MOBILE'],
    ['0161 496 0123', '+441614960123', 'LANDLINE'],
    ['(0161) 496-0123', '+441614960123', 'LANDLINE'],
    ['+44 20 7946 0123', '+442079460123', 'LANDLINE'],
    ['0044 20 7946 0123', '+442079460123', 'LANDLINE'],
  ])('%j → %s (%s)', (raw, e164, type) => {
    expect(values(row({ FIRST_NAME: 'Jo', PHONE: raw })).phones).toEqual([{ e164, type }]);
  });

  it('reads past labels typed around a number', () => {
    const result = row([
      ['FIRST_NAME', 'Jo'],
      ['PHONE', 'Mob: 07700 900001'],
      ['PHONE', '0161 496 0001 (home)'],
      ['PHONE', 'tel. 020 7946 0001'],
      ['PHONE', 'm: 07700 900002 / h: 0161 496 0002 (eve)'],
      ['PHONE', 'Mob:'],
    ]);
    expect(values(result).phones.map((phone) => phone.e164)).toEqual([
      '+447700900001',
      '+441614960001',
      '+442079460001',
      '+447700900002',
      '+441614960002',
    ]);
    expect(warnings(result)).toEqual([]);
  });

  it('drops a garbage phone with a warning and keeps the member', () => {
    for (const garbage of ['not a number', '7.7009E+09', '123', '0770090012345678', '+999 123456', 'n/k']) {
      const result = row({ FIRST_NAME: 'Jo', LAST_NAME: 'Bloggs', MOBILE: garbage });
      expect(values(result).phones).toEqual([]);
      if (garbage === 'n/k') continue;
      expect(warnings(result)).toEqual([expect.stringMatching(/^Phone ".*" was not imported: /)]);
    }
  });

  it('collects every phone column, drops duplicates and splits a cell with several numbers', () => {
    const result = row([
      ['MOBILE', '07700 900001'],
      ['LANDLINE', '0161 496 0001'],
      ['PHONE', '+447700900001'],
      ['PHONE', '07700 900002 / 0161 496 0002'],
      ['FIRST_NAME', 'Jo'],
    ]);
    expect(values(result).phones).toEqual([
      { e164: '+447700900001', type: 'MOBILE' },
      { e164: '+441614960001', type: 'LANDLINE' },
      { e164: '+447700900002', type: 'MOBILE' },
      { e164: '+441614960002', type: 'LANDLINE' },
    ]);
    expect(warnings(result)).toEqual([]);
  });

  it('types a number by the number, warning when the column said otherwise', () => {
    const result = row({ FIRST_NAME: 'Jo', MOBILE: '0161 496 0001' });
    expect(values(result).phones).toEqual([{ e164: '+441614960001', type: 'LANDLINE' }]);
    expect(warnings(result)[0]).toMatch(/mobile column but is a landline/);
  });

  it('takes the column type for a valid foreign number the metadata cannot type', () => {
    expect(values(row({ FIRST_NAME: 'Jo', MOBILE: '+33 6 12 34 56 78' })).phones).toEqual([{ e164: '+33612345678', type: 'MOBILE' }]);
    expect(values(row({ FIRST_NAME: 'Jo', PHONE: '+33 6 12 34 56 78' })).phones).toEqual([{ e164: '+33612345678', type: 'UNKNOWN' }]);
  });

  it("reads a phone number our own export protected with an apostrophe", () => {
    expect(values(row({ FIRST_NAME: 'Jo', MOBILE: "'+447700900123" })).phones).toEqual([{ e164: '+447700900123', type: 'MOBILE' }]);
  });
});

describe('normaliseImportRow: emails', () => {
  it('lowercases, validates, splits several in a cell and drops duplicates', () => {
    const result = row([
      ['EMAIL', ' Jo.Bloggs@Example.ORG '],
      ['EMAIL_2', 'jo.bloggs@example.org; jo@work.example.org'],
      ['EMAIL', 'mailto:third@example.org'],
      ['FIRST_NAME', 'Jo'],
    ]);
    expect(values(result).emails).toEqual(['jo.bloggs@example.org', 'jo@work.example.org', 'third@example.org']);
  });

  it('splits on spaces only between several addresses', () => {
    expect(values(row({ FIRST_NAME: 'Jo', EMAIL: 'a@example.org b@example.org' })).emails).toEqual(['a@example.org', 'b@example.org']);
    expect(reasons(row({ FIRST_NAME: 'Jo', EMAIL: 'jo at example.org' }))).toHaveLength(1);
  });

  it('reads a JSON list of emails', () => {
    expect(values(row({ FIRST_NAME: 'Jo', EMAIL_2: '["a@example.org","b@example.org"]' })).emails).toEqual(['a@example.org', 'b@example.org']);
  });

  it('drops an invalid email with a warning when something else identifies the member', () => {
    const result = row({ FIRST_NAME: 'Jo', EMAIL: 'jo@example', MOBILE: '07700 900123' });
    expect(values(result).emails).toEqual([]);
    expect(warnings(result)).toEqual(['Email "jo@example" is not valid: The part after the @ needs a dot, as in example.org. It was not imported.']);
    expect(warnings(row({ EMAIL: 'nope', EMAIL_2: 'ok@example.org' }))).toHaveLength(1);
  });

  it('rejects a row whose only identifier is an invalid email, even with a name', () => {
    expect(reasons(row({ FIRST_NAME: 'Priya', LAST_NAME: 'Patel', EMAIL: 'priya@example' }))).toEqual([
      'Email "priya@example" is not valid: The part after the @ needs a dot, as in example.org.',
    ]);
    expect(reasons(row({ EMAIL: 'priya at example.org' }))[0]).toMatch(/^Email "priya at example.org" is not valid/);
  });
});

describe('normaliseImportRow: names', () => {
  it('trims and collapses spaces without changing spelling', () => {
    expect(values(row({ FIRST_NAME: '  Siân ', LAST_NAME: 'mc donald\u00a0 jr', EMAIL: 'a@example.org' }))).toMatchObject({
      firstName: 'Siân',
      lastName: 'mc donald jr',
    });
  });

  it.each([
    ['Jo Bloggs', 'Jo', 'Bloggs'],
    ['Jo Anne Bloggs', 'Jo Anne', 'Bloggs'],
    ['Bloggs, Jo', 'Jo', 'Bloggs'],
    ['Bloggs,Jo Anne', 'Jo Anne', 'Bloggs'],
    ['Cher', 'Cher', null],
    ['Mr Jo Bloggs', 'Jo', 'Bloggs'],
    ['Dr. Siân Evans', 'Siân', 'Evans'],
    ['Ms Bloggs', null, 'Bloggs'],
    ['Miss', 'Miss', null],
    ['  Jo   Bloggs ', 'Jo', 'Bloggs'],
  ])('splits the full name %j', (full, first, last) => {
    expect(values(row({ FULL_NAME: full }))).toMatchObject({ firstName: first, lastName: last });
  });

  it('fills only the missing part from a full name', () => {
    expect(values(row({ FIRST_NAME: 'Jo Anne', FULL_NAME: 'Jo Anne de Souza' }))).toMatchObject({ firstName: 'Jo Anne', lastName: 'de Souza' });
    expect(values(row({ LAST_NAME: 'de Souza', FULL_NAME: 'Jo Anne de Souza' }))).toMatchObject({ firstName: 'Jo Anne', lastName: 'de Souza' });
    expect(values(row({ FIRST_NAME: 'J', LAST_NAME: 'B', FULL_NAME: 'Jo Bloggs' }))).toMatchObject({ firstName: 'J', lastName: 'B' });
  });

  it('accepts a name with no identifier, and an identifier with no name', () => {
    expect(values(row({ FIRST_NAME: 'Jo' }))).toMatchObject({ firstName: 'Jo', lastName: null, emails: [], phones: [] });
    expect(values(row({ MEMBERSHIP_NUMBER: 'M1' }))).toMatchObject({ firstName: null, membershipNumber: 'M1' });
    expect(values(row({ MOBILE: '07700 900123' })).phones).toHaveLength(1);
  });

  it('rejects names longer than the member rules allow', () => {
    expect(reasons(row({ FIRST_NAME: 'x'.repeat(101), EMAIL: 'a@example.org' }))).toEqual(['First name is longer than 100 characters.']);
  });
});

describe('normaliseImportRow: rows that cannot be a member', () => {
  it('rejects no name and no identifier, in plain English', () => {
    expect(reasons(row({ POSTCODE: 'SW1A 1AA', BRANCH: 'North' }))).toEqual(['The row has no name, email, phone number or membership number.']);
    expect(reasons(row({ MOBILE: 'garbage' }))).toEqual([
      'The row has no name and no usable email, phone number or membership number.',
      'Phone "garbage" was not imported: A phone number cannot contain letters.',
    ]);
  });

  it('treats null words as blank', () => {
    expect(reasons(row({ FIRST_NAME: 'NULL', LAST_NAME: 'n/a', EMAIL: '#N/A', MOBILE: '-' }))).toHaveLength(1);
    expect(values(row({ FIRST_NAME: 'Min-jun', LAST_NAME: 'Na' })).lastName).toBe('Na');
  });

  it('reads a short (ragged) row as blanks and ignores extra cells', () => {
    expect(normaliseImportRow(['Jo'], ['FIRST_NAME', 'LAST_NAME', 'EMAIL'])).toMatchObject({ ok: true, values: { firstName: 'Jo', lastName: null } });
    expect(normaliseImportRow(['Jo', 'Bloggs', 'extra', 'more'], ['FIRST_NAME', 'LAST_NAME'])).toMatchObject({ ok: true });
  });

  it('collects every reason', () => {
    expect(reasons(row({ FIRST_NAME: 'Jo', STATUS: 'xyz', SUPPORT_LEVEL: '9' }))).toEqual([
      'Status "xyz" is not one we know: use Active, Lapsed or Left.',
      'Support level "9" must be a whole number from 1 to 5.',
    ]);
  });
});

describe('normaliseImportRow: other fields', () => {
  it.each([
    ['Active', 'ACTIVE'],
    ['CURRENT', 'ACTIVE'],
    ['paid-up', 'ACTIVE'],
    ['Lapsed', 'LAPSED'],
    ['In Arrears', 'LAPSED'],
    ['left', 'LEFT'],
    ['Resigned', 'LEFT'],
    ['Deceased', 'LEFT'],
  ])('status %j → %s', (raw, status) => {
    expect(values(row({ FIRST_NAME: 'Jo', STATUS: raw })).status).toBe(status);
  });

  it.each([
    ['yes', 'GRANTED'],
    ['Y', 'GRANTED'],
    ['TRUE', 'GRANTED'],
    ['1', 'GRANTED'],
    ['Opted in', 'GRANTED'],
    ['opted_in', 'GRANTED'],
    ['granted', 'GRANTED'],
    ['subscribed', 'GRANTED'],
    ['no', 'WITHDRAWN'],
    ['N', 'WITHDRAWN'],
    ['false', 'WITHDRAWN'],
    ['0', 'WITHDRAWN'],
    ['Opted out', 'WITHDRAWN'],
    ['unsubscribed', 'WITHDRAWN'],
    ['Withdrawn', 'WITHDRAWN'],
    ['', null],
    ['  ', null],
  ])('consent %j → %s', (raw, consent) => {
    const result = row({ FIRST_NAME: 'Jo', SMS_CONSENT: raw, EMAIL_CONSENT: raw });
    expect(values(result)).toMatchObject({ smsConsent: consent, emailConsent: consent });
    expect(warnings(result)).toEqual([]);
  });

  it('leaves consent unchanged with a warning for a word that is not yes or no', () => {
    const result = row({ FIRST_NAME: 'Jo', SMS_CONSENT: 'maybe' });
    expect(values(result).smsConsent).toBeNull();
    expect(warnings(result)).toEqual(['SMS consent "maybe" is not a yes or no; consent was left unchanged.']);
  });

  it('splits tags and issues on , ; | and joins several columns, without duplicates', () => {
    const result = row([
      ['FIRST_NAME', 'Jo'],
      ['TAGS', 'pay, Housing;safety | pay'],
      ['TAGS', 'housing,new'],
      ['ISSUES', 'Pay and conditions|Safety'],
    ]);
    expect(values(result)).toMatchObject({ tags: ['pay', 'Housing', 'safety', 'new'], issues: ['Pay and conditions', 'Safety'] });
    expect(warnings(row({ FIRST_NAME: 'Jo', TAGS: `ok,${'t'.repeat(201)}` }))).toHaveLength(1);
  });

  it('normalises postcodes, dropping an invalid one with a warning', () => {
    expect(values(row({ FIRST_NAME: 'Jo', POSTCODE: 'sw1a1aa' })).postcode).toBe('SW1A 1AA');
    const result = row({ FIRST_NAME: 'Jo', POSTCODE: 'XX1 1XX' });
    expect(values(result).postcode).toBeNull();
    expect(warnings(result)[0]).toMatch(/^Postcode "XX1 1XX" was not imported: /);
  });

  it('reads dates, dropping an unreadable one with a warning and rejecting leaving before joining', () => {
    expect(values(row({ FIRST_NAME: 'Jo', JOINED_ON: '14/03/2021', LEFT_ON: '2022-01-05' }))).toMatchObject({
      joinedOn: '2021-03-14',
      leftOn: '2022-01-05',
    });
    const bad = row({ FIRST_NAME: 'Jo', JOINED_ON: '31/02/2020' });
    expect(values(bad).joinedOn).toBeNull();
    expect(warnings(bad)).toEqual(['Joining date "31/02/2020" was not imported: it is not a real date.']);
    expect(warnings(row({ FIRST_NAME: 'Jo', JOINED_ON: '03/14/2021' }))[0]).toMatch(/month\/day\/year/);
    expect(reasons(row({ FIRST_NAME: 'Jo', JOINED_ON: '2021-03-14', LEFT_ON: '2020-01-01' }))).toEqual([
      'Leaving date 2020-01-01 is before the joining date 2021-03-14.',
    ]);
  });

  it('reads support levels 1 to 5 and rejects anything else', () => {
    expect(values(row({ FIRST_NAME: 'Jo', SUPPORT_LEVEL: ' 3 ' })).supportLevel).toBe(3);
    expect(values(row({ FIRST_NAME: 'Jo', SUPPORT_LEVEL: '5.0' })).supportLevel).toBe(5);
    for (const bad of ['0', '6', '2.5', 'strong', '-1']) expect(row({ FIRST_NAME: 'Jo', SUPPORT_LEVEL: bad }).ok).toBe(false);
  });

  it('keeps labels and the membership number as written (trimmed), first non-blank column winning', () => {
    const result = row([
      ['FIRST_NAME', 'Jo'],
      ['MEMBERSHIP_NUMBER', ' m-00123 '],
      ['BRANCH', ''],
      ['BRANCH', 'North  West'],
      ['BRANCH', 'Ignored'],
      ['REGION', 'Wales'],
      ['WORKPLACE', 'Cardiff Library'],
      ['EMPLOYER', 'Cardiff Council'],
    ]);
    expect(values(result)).toMatchObject({
      membershipNumber: 'm-00123',
      branch: 'North West',
      region: 'Wales',
      workplace: 'Cardiff Library',
      employer: 'Cardiff Council',
    });
    expect(reasons(row({ FIRST_NAME: 'Jo', BRANCH: 'b'.repeat(201) }))).toEqual(['Branch is longer than 200 characters.']);
  });

  it('rejects a membership number a spreadsheet turned into scientific notation', () => {
    expect(reasons(row({ FIRST_NAME: 'Jo', MEMBERSHIP_NUMBER: '1.00234E+05' }))[0]).toMatch(/scientific notation/);
    expect(values(row({ FIRST_NAME: 'Jo', MEMBERSHIP_NUMBER: 'E12345' })).membershipNumber).toBe('E12345');
    expect(values(row({ FIRST_NAME: 'Jo', MEMBERSHIP_NUMBER: '12E45' })).membershipNumber).toBe('12E45');
  });

  it('ignores IGNORE columns and columns past the mapping', () => {
    expect(normaliseImportRow(['x', 'Jo'], ['IGNORE', 'FIRST_NAME'])).toMatchObject({ ok: true, values: { firstName: 'Jo' } });
  });
});

describe('matchKeys', () => {
  const base = values(
    row([
      ['MEMBERSHIP_NUMBER', 'M123'],
      ['EMAIL', 'A@Example.org'],
      ['EMAIL_2', 'b@example.org'],
      ['MOBILE', '07700 900123'],
      ['LANDLINE', '0161 496 0123'],
      ['FIRST_NAME', 'Jo'],
    ]),
  );

  it('lists the keys in match order', () => {
    expect(matchKeys(base, ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'])).toEqual([
      'MEMBERSHIP_NUMBER:M123',
      'EMAIL:a@example.org',
      'EMAIL:b@example.org',
      'MOBILE:+447700900123',
    ]);
    expect(matchKeys(base, ['MOBILE', 'EMAIL'])).toEqual(['MOBILE:+447700900123', 'EMAIL:a@example.org', 'EMAIL:b@example.org']);
    expect(matchKeys(base, [])).toEqual([]);
  });

  it('never matches on landlines, and skips missing values', () => {
    const landlineOnly = values(row({ FIRST_NAME: 'Jo', PHONE: '0161 496 0123' }));
    expect(matchKeys(landlineOnly, ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'])).toEqual([]);
  });
});

describe('normaliseImportList', () => {
  it('gives exactly what the member module gives (toLowerCase against toLocaleLowerCase en-GB)', () => {
    const samples = [
      ['Pay', 'pay ', ' PAY', 'Housing', 'housing\u00a0', '', '  ', 'Ünion', 'ünion', 'İstanbul', 'istanbul', 'ǅemal', 'ǆemal'],
      ['ΣΊΣΥΦΟΣ', 'σίσυφος', 'Straße', 'STRASSE', 'a\u200bb', 'a b', 'a  b', 'Ⅻ', 'ⅻ', 'Ａ', 'ａ', 'ꞵ', 'Ꞵ'],
    ];
    for (const list of samples) expect(normaliseImportList(list)).toEqual(normaliseTagList(list));
    for (let code = 0; code < 0x3000; code++) {
      const ch = String.fromCharCode(code);
      expect(ch.toLowerCase()).toBe(ch.toLocaleLowerCase('en-GB'));
    }
  });

  it('cleans text exactly as normaliseName does', () => {
    for (const text of ['a', ' a', 'a ', 'a  b', 'a\tb', 'a\u00a0b', 'a\u200bb', '\ufeffa', 'Jo Anne Bloggs', '']) {
      expect(normaliseImportList([text])).toEqual(normaliseName(text) === '' ? [] : [normaliseName(text)]);
    }
  });
});
