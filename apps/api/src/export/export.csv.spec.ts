import { EXPORT_COLUMNS, UTF8_BOM, csvCell, csvHeader, csvLine, csvMemberLine, exportFileName, type ExportMember } from './export.csv';
import type { MemberRow } from '../member/member.repository';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['comma, inside', '"comma, inside"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', `"cr\r\nlf"`],
    ['Siân Dún £5', 'Siân Dún £5'],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each(['=1+2', '+447700900123', '-2-3', '@SUM(A1)', '\tTAB', '\rCR'])('neutralises the formula start of %j', (value) => {
    const cell = csvCell(value);
    expect(cell.replace(/^"/, '')).toMatch(/^'/);
    expect(cell).toContain(value);
  });

  it('quotes a neutralised cell that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('leaves formula characters alone when they are not first', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('07700 900123')).toBe('07700 900123');
  });

  it('writes null and undefined as empty, numbers as text', () => {
    expect(csvLine([null, undefined, 3, 0, 'x'])).toBe(',,3,0,x\r\n');
  });
});

describe('the members CSV', () => {
  const row: MemberRow = {
    organisation_id: 'o', id: 'id-1', first_name: 'Ann', last_name: 'Lee', email: 'ann@lee.example', phone: '+447700900123',
    postcode: 'LS1 4AP', region: null, branch: 'Leeds', workplace: null, employer: 'NHS', membership_number: 'M1',
    status: 'ACTIVE', joined_on: '2020-01-02', left_on: null, tags: ['rep', 'steward'], issues: [], sms_consent: 'GRANTED',
    email_consent: 'UNKNOWN', support_level: 4, engagement_score: 0, last_contacted_at: null, created_at: new Date('2024-01-01T00:00:00.123Z'),
    updated_at: new Date('2024-02-01T10:00:00.000Z'),
  };
  const member: ExportMember = { row, phones: ['+447700900123', '+441134960000'], emails: ['ann@lee.example', 'ann@work.example'] };

  it('has a header row naming every column, with the BOM only when asked', () => {
    expect(csvHeader(false)).toBe(EXPORT_COLUMNS.map((c) => c.header).join(',') + '\r\n');
    expect(csvHeader(true).startsWith(UTF8_BOM + 'id,')).toBe(true);
  });

  it('writes every field of a member, lists joined with "; "', () => {
    expect(csvMemberLine(member)).toBe(
      "id-1,M1,Ann,Lee,ann@lee.example,ann@lee.example; ann@work.example,'+447700900123,'+447700900123; +441134960000," +
        'LS1 4AP,,Leeds,,NHS,ACTIVE,2020-01-02,,rep; steward,,GRANTED,UNKNOWN,4,0,2024-01-01T00:00:00.123Z,2024-02-01T10:00:00.000Z\r\n',
    );
  });

  it('names the file after the organisation slug and the UTC date', () => {
    expect(exportFileName('fixture-union', new Date('2026-11-26T23:59:00Z'))).toBe('members-fixture-union-2026-11-26.csv');
    expect(exportFileName('Odd "slug"/x', new Date('2026-01-01T00:00:00Z'))).toBe('members-odd-slug-x-2026-01-01.csv');
    expect(exportFileName('', new Date('2026-01-01T00:00:00Z'))).toBe('members-organisation-2026-01-01.csv');
  });
});
