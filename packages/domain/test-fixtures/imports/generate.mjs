// Writes the import fixtures as real bytes (UTF-8 with and without a BOM, Windows-1252, CRLF/LF/CR).
// Run from anywhere: `node packages/domain/test-fixtures/imports/generate.mjs`. The files are committed;
// re-run only after changing this script, and update manifest.json (the domain tests check it).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// Windows-1252 for 0x80–0x9F; everything else below U+0100 is the same byte.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
function windows1252(text) {
  const bytes = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const high = CP1252_HIGH.indexOf(cp);
    if (high !== -1) bytes.push(0x80 + high);
    else if (cp < 0x100 && !(cp >= 0x80 && cp < 0xa0)) bytes.push(cp);
    else throw new Error(`not in Windows-1252: ${ch}`);
  }
  return Buffer.from(bytes);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const write = (name, buffer) => writeFileSync(join(here, name), buffer);

// 1. UTF-8, LF, comma: every parser quirk plus rows that warn and rows that are rejected.
write(
  'quirky-utf8.csv',
  Buffer.from(
    [
      'Membership No,First Name,Last Name,Email,Mobile,Phone,Phone,Postcode,Branch,Status,Date Joined,Tags,Notes,SMS Opt In',
      'M0001,Jo,Bloggs,jo.bloggs@example.org,07700 900001,,,sw1a 1aa,North West,Active,14/03/2021,"pay, housing",plain,yes',
      'M0002,Siân,Ó Dún,SIAN@EXAMPLE.ORG,+44 7700 900002,0161 496 0002,,M1 1AE,North West,Lapsed,2020-01-05,pay,"Line one\nline two, with a comma",no',
      'M0003,Sam,"Smith, Jr",sam@example.org,0044 7700 900003,not a number,7.7009E+09,,Wales,Left,5 Jan 2019,,"She said ""hello""",',
      '',
      'M0004,Ali,Khan,,447700900004,(0161) 496-0004,,EH1 1YZ,Scotland,active,,housing|pay,,opted in',
      ',,,,,,,,,,,,,',
      ',Priya,Patel,priya@example,,,,,,Active,,,,',
      ',,,,,,,,,,,,notes but nobody,',
      'M0007,Chris,Evans,chris@example.org,,,,,,xyz,,,,',
      'M0008,Dee,Short',
      '   ,  ,\t, ',
      ',,,,garbage,,,,,,,,,',
      'M0010,Lee,Wong,lee@example.org;lee.work@example.org,07700 900010,07700 900010,,XX1 1XX,Wales,Active,31/02/2020,,"a\n\nb",maybe',
      '',
    ].join('\n'),
    'utf8',
  ),
);

// 2. Excel "CSV UTF-8": BOM, CRLF, a UK union membership export, no line break after the last row.
write(
  'union-excel-bom-crlf.csv',
  Buffer.concat([
    BOM,
    Buffer.from(
      [
        'Membership No,Title,Forename,Surname,Known As,Mobile Tel,Home Tel,Work Email,Personal Email,Post Code,Workplace,Employer,Branch,Region,Date Joined,Date Left,Member Status',
        '100234,Ms,Siân,Evans,Si,07700 900101,029 2018 0101,s.evans@work.example.org,sian@example.org,CF10 1AA,Cardiff Central Library,Cardiff Council,Cardiff Branch,Wales,01/04/2015,,Current',
        '100235,Mr,Dónal,O\'Brien,,+447700900102,,,donal@example.org,BT1 1AA,"Royal Victoria Hospital, Ward 5",Belfast Trust,Belfast Health,Northern Ireland,12 Sep 2018,,In Arrears',
        '100236,Dr,Zoë,Ng,,07700900103,0113 496 0103,,zoe@example.org,LS1 1UR,"St James’s Hospital, ""Ward 3""",Leeds Uni,Leeds,Yorkshire & Humber,2010-06-30,2022-01-31,Resigned',
      ].join('\r\n'),
      'utf8',
    ),
  ]),
);

// 3. Windows-1252 (older Excel "CSV"), semicolons, CRLF: accents, £, € and curly quotes as single bytes.
write(
  'windows-1252-semicolon.csv',
  windows1252(
    [
      'Mem No;Forename;Surname;Email Address;Mobile Tel;Post Code;Branch;Notes',
      'W1;Siân;Dún;sian.dun@example.org;07700 900201;SA1 1AA;Swansea;“Paid £5” – owes €2',
      'W2;Zoë;Ó Néill;zoe.oneill@example.org;0044 7700 900202;BT7 1NN;Belfast;"semi; colon inside"',
      'W3;François;Müller;francois@example.org;+44 7700 900203;G1 1XQ;Glasgow;it’s fine',
    ].join('\r\n') + '\r\n',
  ),
);

// 4. Tab-separated with old-Mac CR line endings and a quoted tab.
write(
  'tabs-cr.tsv',
  Buffer.from(
    ['email\tfirst name\tlast name\tphone\tissues', 'tab@example.org\tTabitha\tTee\t07700 900301\t"pay\tand conditions"; safety', '\t\t\t\t', 'ro@example.org\tRo\tCR\t+44 20 7946 0302\tsafety'].join('\r') + '\r',
    'utf8',
  ),
);

// 5. A NationBuilder people export header row.
write(
  'nationbuilder.csv',
  Buffer.from(
    [
      'nationbuilder_id,external_id,first_name,middle_name,last_name,email,email1,email2,phone_number,mobile_number,work_phone_number,primary_address1,primary_city,primary_zip,primary_country_code,tag_list,support_level,email_opt_in,mobile_opt_in,do_not_call,employer,occupation,created_at',
      '101,,Jo,Anne,Bloggs,jo@example.org,jo@example.org,jo.alt@example.org,020 7946 0401,07700 900401,,1 High St,London,SW1A 2AA,GB,"volunteer, pay",1,true,false,false,NHS,Nurse,2021-03-14T10:00:00-08:00',
      '102,X9,Sam,,Smith,sam@example.org,,,,+447700900402,0161 496 0402,,,M1 1AE,GB,,5,false,true,true,,,2022-01-01T00:00:00Z',
    ].join('\n') + '\n',
    'utf8',
  ),
);

// 6. An Action Network activist export header row.
write(
  'action-network.csv',
  Buffer.from(
    [
      'uuid,first_name,last_name,email,zip_code,can2_country,can2_state_abbreviated,can2_user_city,can2_user_address,can2_phone,can2_sms_status,can2_subscription_status',
      'a1b2c3d4-0000-4000-8000-000000000501,Ash,Green,ash@example.org,BS1 4DJ,GB,,Bristol,,07700 900501,subscribed,subscribed',
      'a1b2c3d4-0000-4000-8000-000000000502,Bo,Brown,bo@example.org,NE1 7RU,GB,,Newcastle,,,unsubscribed,unsubscribed',
    ].join('\n') + '\n',
    'utf8',
  ),
);

// 7. No header row: starts straight with members.
write(
  'no-header.csv',
  Buffer.from(['Jo,Bloggs,jo.nohead@example.org,07700 900601', 'Sam,Smith,sam.nohead@example.org,07700 900602'].join('\n') + '\n', 'utf8'),
);

// 8. UTF-8 for the first 64 KiB (what encoding detection reads), then rows saved as Windows-1252 further down:
//    two exports joined. The late "Dún"/"£" must not become U+FFFD.
{
  const header = 'membership_no,first_name,last_name,email,mobile\n';
  const early = [];
  for (let i = 1; i <= 1200; i++) {
    const n = String(i).padStart(4, '0');
    early.push(`J${n},Siân,Jones-${n},sian.${n}@example.org,07700 900${String(i % 1000).padStart(3, '0')}\n`);
  }
  const late = ['J9001,Dún,Ó Briain,dun@example.org,07700 900901\n', 'J9002,Zoë,£-Payer,zoe.late@example.org,07700 900902\n'];
  const head = Buffer.from(header + early.join(''), 'utf8');
  if (head.length <= 65536) throw new Error('the UTF-8 part must be longer than 64 KiB');
  write('mixed-utf8-then-1252.csv', Buffer.concat([head, windows1252(late.join(''))]));
}
