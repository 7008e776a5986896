import { createDecoder, detectEncoding, detectNonCsv, type CsvEncoding } from './import.encoding.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function decodeInChunks(encoding: CsvEncoding, input: Uint8Array, cuts: number[]): string {
  const decoder = createDecoder(encoding);
  let out = '';
  let at = 0;
  for (const cut of [...cuts, input.length]) {
    out += decoder.write(input.subarray(at, cut));
    at = cut;
  }
  return out + decoder.end();
}

describe('detectEncoding', () => {
  it('finds a UTF-8 byte-order mark', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toBe('utf-8-bom');
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf))).toBe('utf-8-bom');
  });

  it('reads ASCII and valid UTF-8 as UTF-8', () => {
    expect(detectEncoding(utf8('name,email\nJo,jo@example.org\n'))).toBe('utf-8');
    expect(detectEncoding(utf8('Siân,Dún,£5,€2,Zoë,“quoted”,😀'))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array(0))).toBe('utf-8');
  });

  it('accepts a character cut off by the end of the sample', () => {
    const text = utf8('abc£');
    expect(detectEncoding(text.subarray(0, text.length - 1))).toBe('utf-8');
    const emoji = utf8('ab😀');
    for (let cut = 3; cut < emoji.length; cut++) expect(detectEncoding(emoji.subarray(0, cut))).toBe('utf-8');
  });

  it('reads bytes that are not UTF-8 as Windows-1252', () => {
    expect(detectEncoding(bytes(0x53, 0x69, 0xe2, 0x6e, 0x2c))).toBe('windows-1252'); // "Siân," in Windows-1252
    expect(detectEncoding(bytes(0xa3, 0x35))).toBe('windows-1252'); // "£5"
    expect(detectEncoding(bytes(0x80))).toBe('windows-1252'); // "€"
    expect(detectEncoding(bytes(0xc0, 0xaf))).toBe('windows-1252'); // overlong "/"
    expect(detectEncoding(bytes(0xed, 0xa0, 0x80))).toBe('windows-1252'); // a UTF-16 surrogate
    expect(detectEncoding(bytes(0xf5, 0x80, 0x80, 0x80))).toBe('windows-1252'); // beyond U+10FFFF
    expect(detectEncoding(bytes(0xe2, 0x6e, 0x2c))).toBe('windows-1252'); // a lead byte without continuation
  });
});

describe('createDecoder', () => {
  const text = 'Siân,"Dún, £5",€2,Zoë 😀\r\nnext';

  it('decodes UTF-8 split at every byte, and at every pair of bytes', () => {
    const input = utf8(text);
    for (let a = 0; a <= input.length; a++) {
      expect(decodeInChunks('utf-8', input, [a])).toBe(text);
      for (let b = a; b <= input.length; b += 3) expect(decodeInChunks('utf-8', input, [a, b])).toBe(text);
    }
  });

  it('strips the BOM, even when split across chunks, and keeps a later U+FEFF', () => {
    const input = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`a\ufeffb`)]);
    for (let cut = 0; cut <= input.length; cut++) expect(decodeInChunks('utf-8-bom', input, [cut])).toBe('a\ufeffb');
    expect(decodeInChunks('utf-8', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), [])).toBe('a');
  });

  it('reads bytes that are not UTF-8 in a UTF-8 file as Windows-1252, wherever the chunks are cut', () => {
    // "Siân " in UTF-8, then "Dún £5 €" in Windows-1252, then "Zoë" in UTF-8 again: two exports joined.
    const input = new Uint8Array([...utf8('Siân '), 0x44, 0xfa, 0x6e, 0x20, 0xa3, 0x35, 0x20, 0x80, ...utf8(' Zoë 😀')]);
    for (let a = 0; a <= input.length; a++) {
      for (let b = a; b <= input.length; b++) expect(decodeInChunks('utf-8', input, [a, b])).toBe('Siân Dún £5 € Zoë 😀');
    }
    expect(decodeInChunks('utf-8', bytes(0x61, 0xff, 0x62), [])).toBe('aÿb');
    expect(decodeInChunks('utf-8', bytes(0x61, 0xe2, 0x82), [])).toBe('aâ‚');
    expect(decodeInChunks('utf-8', bytes(0x61, 0xe2, 0x82), [2])).toBe('aâ‚');
    expect(decodeInChunks('utf-8', bytes(0xc0, 0xaf, 0xed, 0xa0, 0x80), [])).toBe('À¯í\u00a0€');
    expect(decodeInChunks('utf-8', bytes(0xef, 0xbb), [1])).toBe('ï»');
  });

  it('decodes long UTF-8 chunks with a bad byte through the fallback', () => {
    const text = 'é'.repeat(10_000);
    const input = new Uint8Array([...utf8(text), 0xe9, ...utf8(text)]);
    expect(decodeInChunks('utf-8', input, [])).toBe(`${text}é${text}`);
  });

  it('decodes Windows-1252 with the real 0x80–0x9F table', () => {
    expect(decodeInChunks('windows-1252', bytes(0x53, 0x69, 0xe2, 0x6e, 0x20, 0x44, 0xfa, 0x6e, 0x20, 0xa3, 0x35, 0x20, 0x80), [3])).toBe('Siân Dún £5 €');
    expect(decodeInChunks('windows-1252', bytes(0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x85, 0x99, 0x9f), [])).toBe('‘’“”–—…™Ÿ');
    // The five unassigned bytes decode to the C1 controls, as the WHATWG encoding standard says.
    expect(decodeInChunks('windows-1252', bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d), [])).toBe('\u0081\u008d\u008f\u0090\u009d');
    const all = new Uint8Array(256).map((_, i) => i);
    const decoded = decodeInChunks('windows-1252', all, []);
    expect(decoded).toHaveLength(256);
    for (let b = 0; b < 0x80; b++) expect(decoded.charCodeAt(b)).toBe(b);
    for (let b = 0xa0; b < 0x100; b++) expect(decoded.charCodeAt(b)).toBe(b);
  });

  it('decodes Windows-1252 chunks longer than one conversion slice', () => {
    const input = new Uint8Array(20_000 + 7).fill(0xe9);
    expect(decodeInChunks('windows-1252', input, [])).toBe('é'.repeat(20_007));
    expect(decodeInChunks('windows-1252', input, [8192, 16385])).toBe('é'.repeat(20_007));
  });

  it('returns nothing for empty chunks', () => {
    const decoder = createDecoder('utf-8');
    expect(decoder.write(new Uint8Array(0))).toBe('');
    expect(decoder.end()).toBe('');
  });
});

describe('detectNonCsv', () => {
  it('names workbooks, PDFs, UTF-16 text and binary data', () => {
    expect(detectNonCsv(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toMatch(/workbook or zip file/);
    expect(detectNonCsv(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00))).toMatch(/old Excel workbook/);
    expect(detectNonCsv(utf8('%PDF-1.7\n'))).toMatch(/PDF/);
    expect(detectNonCsv(bytes(0xff, 0xfe, 0x61, 0x00))).toMatch(/UTF-16/);
    expect(detectNonCsv(bytes(0x61, 0x2c, 0x00, 0x62))).toMatch(/binary data/);
  });

  it('passes CSV text in any of our encodings', () => {
    expect(detectNonCsv(utf8('name,email\nJo,jo@example.org\n'))).toBeNull();
    expect(detectNonCsv(bytes(0xef, 0xbb, 0xbf, 0x61))).toBeNull();
    expect(detectNonCsv(bytes(0x53, 0x69, 0xe2, 0x6e))).toBeNull();
    expect(detectNonCsv(utf8('PK,is a name\n'))).toBeNull();
    expect(detectNonCsv(new Uint8Array(0))).toBeNull();
  });
});
