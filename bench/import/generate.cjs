'use strict';
// A deterministic CSV of N members shaped like a UK union's membership export, with the quirks real files have:
// quoted fields holding commas, quotes and newlines; phones typed as 07…, +44 …, 0044…, (07…) and spreadsheet damage
// (7.7009E+09); mixed-case and space-padded emails; postcodes in lower case or without their space; three date
// formats; tags/issues split on , ; |; consent as Yes/Y/TRUE/opted in/unsubscribed; a few garbage rows and a few
// rows repeating an earlier member. Streamed to the file in ~1 MiB chunks with back-pressure (never held in memory).
//
// Every record has the header's column count (blank rows are ",,,…", not empty lines), so PostgreSQL's COPY (FORMAT
// csv, HEADER) reads the very same file for the floor. Line endings are CRLF between records and LF inside quoted
// cells, as Excel writes them. UTF-8 without a BOM.
//
//   node bench/import/generate.cjs <file> [--rows 1000000] [--seed 4]
const fs = require('node:fs');
const { createHash } = require('node:crypto');

const HEADER = ['Membership No', 'Forename', 'Surname', 'Email', 'Mobile Tel', 'Home Tel', 'Post Code', 'Region', 'Branch',
  'Workplace', 'Employer', 'Status', 'Date Joined', 'Date Left', 'Tags', 'Issues', 'SMS Consent', 'Email Consent', 'Support Level'];
/** The mapping a person would choose for HEADER (the benchmark corrects the API's suggestion to this if it differs). */
const EXPECTED_MAPPING = ['MEMBERSHIP_NUMBER', 'FIRST_NAME', 'LAST_NAME', 'EMAIL', 'MOBILE', 'LANDLINE', 'POSTCODE', 'REGION', 'BRANCH',
  'WORKPLACE', 'EMPLOYER', 'STATUS', 'JOINED_ON', 'LEFT_ON', 'TAGS', 'ISSUES', 'SMS_CONSENT', 'EMAIL_CONSENT', 'SUPPORT_LEVEL'];

const FIRST = ['James', 'Mohammed', 'Oliver', 'Siân', 'Seán', 'Zoë', 'Aoife', 'Priya', 'Ngozi', 'Olivia', 'Amelia', 'Isla', 'Jack',
  'Harry', 'George', 'Noah', 'Emily', 'Sophie', 'Grace', 'Chloe', 'Fatima', 'Aisha', 'Tomasz', 'Agnieszka', 'Rhys', 'Cerys',
  'Eilidh', 'Callum', 'Niamh', 'Ciarán', 'Dafydd', 'Gareth', 'Margaret', 'Susan', 'David', 'John', 'Sarah', 'Laura', 'Kwame',
  'Chidi', 'Raj', 'Anita', 'Hannah', 'Lucy', 'Ben', 'Sam', 'Alex', 'Jo', 'Mary-Kate', 'Jean-Luc', 'Anne Marie', 'Bethan'];
const LAST = ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts', 'Johnson', 'Lewis',
  'Walker', 'Robinson', 'Wood', 'Thompson', 'White', 'Watson', 'Jackson', 'Wright', 'Green', 'Harris', 'Cooper', 'King', 'Lee',
  "O'Brien", "O'Neill", 'McAllister', 'MacDonald', 'Nguyen', 'Kowalski', 'Nowak', 'Patel', 'Khan', 'Ahmed', 'Singh', 'Begum',
  'Okafor', 'Mensah', 'Ó Súilleabháin', 'Jones-Evans', 'Hughes', 'Edwards', 'Morgan', 'Price', 'Campbell', 'Stewart', 'Murray',
  'Ní Bhriain', 'Van der Berg', 'Żurawski', 'Brontë'];
const DOMAINS = ['gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'btinternet.com', 'outlook.com', 'nhs.net', 'icloud.com', 'sky.com',
  'live.co.uk', 'leeds.gov.uk'];
// [region, branch, outward codes]
const PLACES = [
  ['North East', 'Newcastle City', ['NE1', 'NE4', 'NE6']], ['North East', 'Sunderland', ['SR1', 'SR4']],
  ['North West', 'Manchester Central', ['M1', 'M4', 'M13']], ['North West', 'Liverpool', ['L1', 'L8', 'L15']],
  ['Yorkshire and the Humber', 'Leeds Health', ['LS1', 'LS6', 'LS9']], ['Yorkshire and the Humber', 'Sheffield', ['S1', 'S10']],
  ['East Midlands', 'Nottingham', ['NG1', 'NG7']], ['West Midlands', 'Birmingham Local Government', ['B1', 'B15', 'B29']],
  ['East of England', 'Norwich', ['NR1', 'NR2']], ['London', 'Camden', ['NW1', 'WC1H']], ['London', 'Southwark', ['SE1', 'SE15']],
  ['London', 'Tower Hamlets', ['E1', 'E14', 'E1W']], ['South East', 'Brighton', ['BN1', 'BN2']], ['South West', 'Bristol', ['BS1', 'BS5']],
  ['Wales', 'Cardiff', ['CF10', 'CF24']], ['Wales', 'Swansea', ['SA1']], ['Scotland', 'Glasgow', ['G1', 'G12', 'G20']],
  ['Scotland', 'Edinburgh', ['EH1', 'EH8']], ['Northern Ireland', 'Belfast', ['BT1', 'BT7']], ['London', 'Westminster', ['SW1A', 'W1A']],
];
const WORKPLACES = ['Leeds General Infirmary, Ward 5', "St James's Hospital\nBeckett Street", 'Town Hall', 'Civic Centre, Floor 3',
  'Parkside Primary School', 'Northern General Hospital', 'City Library', 'Depot "B", Mill Lane', 'County Hall', 'Job Centre Plus',
  'Royal Infirmary', 'Highways Depot', 'Leisure Centre', 'Call Centre (Block C)', 'Care Home, Rose Lane\nUnit 2', ''];
const EMPLOYERS = ['Leeds Teaching Hospitals NHS Trust', 'Manchester City Council', 'Smith, Jones & Co Ltd', 'The "Big" Bakery Ltd',
  'Birmingham City Council', 'NHS Greater Glasgow and Clyde', 'Capita plc', 'Serco', 'Mitie Group', 'Cardiff Council',
  'Bristol Water', 'University of Sheffield', 'Anchor Hanover', 'Department for Work & Pensions', ''];
const TAGS = ['steward', 'rep', 'health & safety rep', 'activist', 'pay campaign', 'green', 'young members', 'women\'s committee',
  'ballot 2026', 'phone bank', 'newsletter'];
const ISSUES = ['Pay', 'Pensions', 'Workload', 'Safety', 'Outsourcing', 'Equality', 'Hours', 'Bullying', 'Cuts'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const MOBILE_4TH = [0, 1, 2, 3, 4, 6, 7, 8, 9]; // 074x with x ≠ 5: allocated UK mobile ranges (libphonenumber validates them)

/** mulberry32: a small deterministic PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pad = (n, w) => String(n).padStart(w, '0');

/**
 * Writes the file; resolves with what it holds: data records, and how many of them are blank (every field empty:
 * skipped by the importer), garbage (cannot be a member: rejected), repeats of an earlier member (same membership
 * number and email: update it, not create), and the members a correct import ends with.
 */
async function generate(file, { rows, seed = 4 }) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p) => rnd() < p;
  const out = fs.createWriteStream(file);
  const hash = createHash('sha256');
  let buf = '';
  let bytes = 0;
  const flush = async () => {
    const chunk = Buffer.from(buf, 'utf8');
    buf = '';
    bytes += chunk.length;
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  };
  const stats = { rows, blank: 0, garbage: 0, repeats: 0, garbagePhones: 0, quotedNewlines: 0, members: 0 };
  const emitted = []; // a small ring of recent member rows to repeat (bounded: the generator's memory stays flat)
  buf += HEADER.map(csvField).join(',') + '\r\n';

  for (let i = 0; i < rows; i += 1) {
    let rec;
    const r = rnd();
    if (r < 0.0005) {
      rec = HEADER.map(() => ''); // a blank spreadsheet row
      stats.blank += 1;
    } else if (r < 0.0015) {
      stats.garbage += 1;
      rec = garbageRow(i, pick, chance);
    } else if (r < 0.0035 && emitted.length > 0) {
      // The same member again further down the file (a re-export or a copy-paste): new tag, new mobile form.
      const prev = emitted[Math.floor(rnd() * emitted.length)];
      rec = prev.slice();
      rec[14] = csvField(`${prev[14] ? `${unquote(prev[14])}; ` : ''}duplicate row`);
      stats.repeats += 1;
    } else {
      rec = memberRow(i, rnd, pick, chance, stats);
      stats.members += 1;
      if (rec[0] !== '') { // repeats need the membership number that makes them the same member
        if (emitted.length < 1000) emitted.push(rec); else if (chance(0.01)) emitted[Math.floor(rnd() * 1000)] = rec;
      }
    }
    buf += rec.join(',') + '\r\n';
    if (buf.length > 1 << 20) await flush();
  }
  await flush();
  await new Promise((resolve, reject) => { out.end(resolve); out.on('error', reject); });
  // Repeats of a member only ever update it; blank rows are skipped; garbage rows are rejected.
  return { ...stats, bytes, sha256: hash.digest('hex'), header: HEADER, expectedMapping: EXPECTED_MAPPING };
}

const unquote = (f) => (f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);

/** One member, already CSV-escaped field by field. */
function memberRow(i, rnd, pick, chance, stats) {
  const first = pick(FIRST);
  const last = pick(LAST);
  const [region, branch, outwards] = pick(PLACES);
  const memNo = chance(0.97) ? (chance(0.5) ? `M${pad(i + 100000, 7)}` : `m${pad(i + 100000, 7)}`) : ''; // some lower-case, a few missing
  const local = `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z.]/g, '').toLowerCase();
  let email = chance(0.95) ? `${local}${i}@${pick(DOMAINS)}` : '';
  if (email && chance(0.25)) email = email.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_, c) => `@${c.toUpperCase()}`);
  if (email && chance(0.03)) email = ` ${email} `;
  // Mobiles unique per row: 074x + the row number, typed every way people type them.
  const n = i % 90000000;
  const national = `74${MOBILE_4TH[Math.floor(n / 10000000)]}${pad(n % 10000000, 7)}`; // 10 digits after the 0
  let mobile;
  const f = rnd();
  if (f < 0.02) { mobile = pick(['7.7009E+09', 'n/a', '12345', 'ask at work', '0']); stats.garbagePhones += 1; }
  else if (f < 0.08) mobile = '';
  else if (f < 0.45) mobile = `0${national.slice(0, 4)} ${national.slice(4)}`;
  else if (f < 0.65) mobile = `0${national}`;
  else if (f < 0.80) mobile = `+44 ${national.slice(0, 4)} ${national.slice(4)}`;
  else if (f < 0.88) mobile = `0044${national}`;
  else if (f < 0.94) mobile = `(0${national.slice(0, 4)}) ${national.slice(4, 7)} ${national.slice(7)}`;
  else mobile = `+44 (0)${national.slice(0, 4)} ${national.slice(4)}`;
  // Landlines from ordinary geographic ranges (Leeds, Manchester, London, Cardiff, Glasgow, Birmingham), as typed. Not
  // Ofcom's drama ranges: real files hold real numbers, and the drama ranges take the phone parser's slow path.
  const home = chance(0.3) ? pick([`0113 2${pad(Math.floor(rnd() * 100), 2)} ${pad(Math.floor(rnd() * 10000), 4)}`,
    `0161 2${pad(Math.floor(rnd() * 100), 2)} ${pad(Math.floor(rnd() * 10000), 4)}`, `020 7${pad(Math.floor(rnd() * 1000), 3)} ${pad(Math.floor(rnd() * 10000), 4)}`,
    `029 20${pad(Math.floor(rnd() * 100), 2)} ${pad(Math.floor(rnd() * 10000), 4)}`, `0141 2${pad(Math.floor(rnd() * 100), 2)} ${pad(Math.floor(rnd() * 10000), 4)}`,
    `01214${pad(Math.floor(rnd() * 1000000), 6)}`]) : '';
  let postcode = `${pick(outwards)} ${1 + Math.floor(rnd() * 9)}${pick(INWARD_LETTERS)}${pick(INWARD_LETTERS)}`;
  if (chance(0.1)) postcode = postcode.toLowerCase();
  if (chance(0.1)) postcode = postcode.replace(' ', '');
  if (chance(0.03)) postcode = '';
  const workplace = pick(WORKPLACES);
  if (workplace.includes('\n')) stats.quotedNewlines += 1;
  const status = pick(['Active', 'Active', 'Active', 'Active', 'ACTIVE', 'active', 'Lapsed', 'Left']);
  const y = 1985 + Math.floor(rnd() * 41); const m = 1 + Math.floor(rnd() * 12); const d = 1 + Math.floor(rnd() * 28);
  const date = (yy, mm, dd) => {
    const g = rnd();
    if (g < 0.5) return `${pad(dd, 2)}/${pad(mm, 2)}/${yy}`;
    if (g < 0.85) return `${yy}-${pad(mm, 2)}-${pad(dd, 2)}`;
    return `${dd} ${MONTHS[mm - 1]} ${yy}`;
  };
  const joined = chance(0.9) ? date(y, m, d) : '';
  const left = status === 'Left' ? date(Math.min(2026, y + 1 + Math.floor(rnd() * 5)), m, d) : '';
  const sep = pick([', ', ';', '; ', '|']);
  const tags = chance(0.4) ? [...new Set([pick(TAGS), ...(chance(0.4) ? [pick(TAGS)] : [])])].join(sep) : '';
  const issues = chance(0.5) ? [...new Set([pick(ISSUES), ...(chance(0.5) ? [pick(ISSUES)] : [])])].join(pick([', ', ';', '|'])) : '';
  const consent = () => pick(['Yes', 'Y', 'yes', 'TRUE', 'opted in', 'No', 'N', 'unsubscribed', '', '', '']);
  const support = chance(0.3) ? String(1 + Math.floor(rnd() * 5)) : '';
  const name = (s) => (chance(0.05) ? ` ${s}` : s); // leading spaces from a copy-paste
  return [memNo, name(first), name(last), email, mobile, home, postcode, region, branch, workplace, pick(EMPLOYERS), status, joined,
    left, tags, issues, consent(), consent(), support].map(csvField);
}

/** A row that cannot be a member (the importer must reject it with a reason), same column count. */
function garbageRow(i, pick, chance) {
  const kind = i % 4;
  const row = HEADER.map(() => '');
  if (kind === 0) { row[7] = '#N/A'; row[8] = '#REF!'; } // spreadsheet damage, no name and no identifier
  else if (kind === 1) { row[1] = 'Test'; row[2] = 'Row'; row[11] = 'xyz'; row[0] = `X${i}`; } // impossible status
  else if (kind === 2) { row[3] = 'not-an-email'; row[6] = 'LS1 4AP'; } // an invalid email is the only identifier, no name
  else { row[1] = 'Support'; row[2] = 'Level'; row[0] = `Y${i}`; row[18] = '9'; } // support level out of 1–5
  return row.map(csvField);
}

module.exports = { generate, HEADER, EXPECTED_MAPPING };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
  const file = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  if (!file) { console.error('usage: node bench/import/generate.cjs <file> [--rows N] [--seed S]'); process.exit(2); }
  const t0 = Date.now();
  generate(file, { rows: Number(opt('rows', 1000000)), seed: Number(opt('seed', 4)) })
    .then((s) => console.log(JSON.stringify({ ...s, header: undefined, expectedMapping: undefined, seconds: (Date.now() - t0) / 1000 })))
    .catch((err) => { console.error(err); process.exit(1); });
}
