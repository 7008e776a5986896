/**
 * Import encodings: which bytes a member file is written in, and turning them into text as they stream.
 *
 * Owns: sniffing UTF-8 (with or without a byte-order mark) against Windows-1252, and a streaming decoder for
 * each that copes with a character split across two chunks and strips the byte-order mark.
 * Must never: do I/O or hold a whole file: callers feed chunks of any size, in order; or turn a letter into U+FFFD
 * when it can be read: a UTF-8 file whose later rows were saved as Windows-1252 keeps "Dún".
 *
 * Why only these three: spreadsheets save "CSV UTF-8" (with a BOM, Excel), plain UTF-8 (Google Sheets,
 * LibreOffice, every CRM export) or "CSV" in the Windows code page (older Excel, union membership systems),
 * which is Windows-1252 for UK and western European text. Bytes that are not valid UTF-8 are almost always
 * Windows-1252 ("Siân" saved as 53 69 E2 6E), so that is the fallback.
 *
 * Windows-1252 is decoded with our own table, not `TextDecoder('windows-1252')`: Node builds without full
 * ICU silently decode that label as ISO-8859-1, turning 0x80 into a C1 control instead of "€".
 */

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** The decoded text of a streamed file, chunk by chunk. */
export interface TextStreamDecoder {
  /** Text of this chunk; bytes of a character cut off at the end are kept for the next call. */
  write(chunk: Uint8Array): string;
  /** Whatever is left (an incomplete character at the very end becomes U+FFFD). */
  end(): string;
}

/**
 * True when `bytes` are valid UTF-8; a multi-byte sequence cut off by the end of the sample counts as valid
 * (the sample is the head of a longer file). Overlong forms and surrogates are invalid, as in the standard.
 */
function isValidUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return false;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true; // cut off by the end of the sample
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** Sniffs the first bytes of a file (64 KiB or more when available, so a late "é" is seen). */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  return isValidUtf8(head) ? 'utf-8' : 'windows-1252';
}

// Windows-1252 0x80–0x9F (the five unassigned bytes decode as the C1 controls, as WHATWG specifies).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252 = new Uint16Array(256);
for (let b = 0; b < 256; b++) CP1252[b] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;

/** Characters per String.fromCharCode call: well under engines' argument limits. */
const DECODE_SLICE = 8192;

function decodeWindows1252(chunk: Uint8Array): string {
  let out = '';
  const units = new Uint16Array(Math.min(chunk.length, DECODE_SLICE));
  for (let start = 0; start < chunk.length; start += DECODE_SLICE) {
    const end = Math.min(start + DECODE_SLICE, chunk.length);
    const len = end - start;
    for (let k = 0; k < len; k++) units[k] = CP1252[chunk[start + k]];
    out += String.fromCharCode.apply(null, (len === units.length ? units : units.subarray(0, len)) as unknown as number[]);
  }
  return out;
}

/**
 * TextDecoder exists in every engine we run in (Node, browsers), but the package compiles against ES2023 alone
 * (no DOM or Node types in the build), so we name just the part we use.
 */
interface TextDecoderGlobal {
  TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => { decode(input?: Uint8Array): string };
}

/** The length of the longest run of whole UTF-8 sequences at the start of `bytes` (a cut-off last character excluded). */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = n - 1;
  while (i >= 0 && n - i <= 3 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i < 0) return n;
  const lead = bytes[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return lead >= 0xc2 && lead <= 0xf4 && i + need > n ? i : n;
}

/**
 * UTF-8 where it is valid, and each byte that is not read as Windows-1252: a file that was UTF-8 in its first
 * 64 KiB and has "Dún" saved by an older Excel further down (two exports joined) keeps its letters instead of
 * turning them into U+FFFD.
 */
function decodeMixed(bytes: Uint8Array): string {
  let out = '';
  let units: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    let cp = -1;
    let size = 1;
    if (b < 0x80) {
      cp = b;
    } else {
      const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
      if (need > 0) {
        let value = b & (0x3f >> need);
        let valid = true;
        for (let k = 1; k <= need; k++) {
          const c = bytes[i + k];
          if (c === undefined || (c & 0xc0) !== 0x80) {
            valid = false;
            break;
          }
          value = (value << 6) | (c & 0x3f);
        }
        const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
        if (valid && value >= min && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff)) {
          cp = value;
          size = need + 1;
        }
      }
      if (cp === -1) cp = CP1252[b];
    }
    if (cp > 0xffff) {
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      units.push(cp);
    }
    i += size;
    if (units.length >= DECODE_SLICE) {
      out += String.fromCharCode.apply(null, units);
      units = [];
    }
  }
  return out + String.fromCharCode.apply(null, units);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function createUtf8Decoder(): TextStreamDecoder {
  // fatal: a chunk with an invalid byte throws, and that (rare) chunk is decoded by decodeMixed instead.
  // ignoreBOM: every call decodes a whole chunk, so the BOM is removed here, once, at the start of the file.
  const decoder = new (globalThis as unknown as TextDecoderGlobal).TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Uint8Array | null = null;
  let atStart = true;
  const decode = (bytes: Uint8Array): string => {
    if (bytes.length === 0) return '';
    try {
      return decoder.decode(bytes);
    } catch {
      return decodeMixed(bytes);
    }
  };
  const join = (chunk: Uint8Array): Uint8Array => {
    if (carry === null) return chunk;
    const bytes = new Uint8Array(carry.length + chunk.length);
    bytes.set(carry);
    bytes.set(chunk, carry.length);
    carry = null;
    return bytes;
  };
  return {
    write(chunk) {
      let bytes = join(chunk);
      if (atStart) {
        // Wait for three bytes before deciding whether the file starts with a BOM.
        if (bytes.length < 3 && bytes.every((byte, index) => byte === UTF8_BOM[index])) {
          carry = bytes.slice();
          return '';
        }
        atStart = false;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
      const complete = completeUtf8Length(bytes);
      if (complete < bytes.length) carry = bytes.slice(complete);
      return decode(bytes.subarray(0, complete));
    },
    end() {
      const rest = carry ?? new Uint8Array(0);
      carry = null;
      // A BOM cut short at the very end of a tiny file is not a BOM of anything: decode what is there.
      atStart = false;
      return rest.length === 0 ? '' : decodeMixed(rest);
    },
  };
}

/**
 * A streaming decoder for the encoding: strips a leading BOM, and joins UTF-8 characters split across chunks.
 * In a UTF-8 file, a byte that is not valid UTF-8 is read as Windows-1252 (not U+FFFD), for files joined from
 * exports in both encodings.
 */
export function createDecoder(encoding: CsvEncoding): TextStreamDecoder {
  if (encoding === 'windows-1252') {
    return { write: (chunk) => decodeWindows1252(chunk), end: () => '' };
  }
  return createUtf8Decoder();
}

/**
 * A plain-English reason when the first bytes of an upload are clearly not a CSV file (a workbook, a PDF,
 * UTF-16 "Unicode Text", binary data), or null. Callers refuse the upload with the reason instead of
 * importing garbage rows.
 */
export function detectNonCsv(head: Uint8Array): string | null {
  const starts = (...prefix: number[]): boolean => prefix.every((byte, index) => head[index] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    return 'This is a spreadsheet workbook or zip file (.xlsx, .ods, .zip), not CSV. Open it and save it as "CSV UTF-8" first.';
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return 'This is an old Excel workbook (.xls), not CSV. Open it and save it as "CSV UTF-8" first.';
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'This is a PDF, not a CSV file.';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    return 'This file is UTF-16 text (Excel\'s "Unicode Text"). Save it as "CSV UTF-8" instead.';
  }
  const limit = Math.min(head.length, 65536);
  for (let i = 0; i < limit; i++) {
    if (head[i] === 0) return 'This file contains binary data, not text: it is not a CSV file.';
  }
  return null;
}
