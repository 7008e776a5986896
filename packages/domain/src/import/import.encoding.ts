/**
 * Import encodings: which bytes a member file is written in, and turning them into text as they stream.
 *
 * Owns: sniffing UTF-8 (with or without a byte-order mark) against Windows-1252, and a streaming decoder for
 * each that copes with a character split across two chunks and strips the byte-order mark.
 * Must never: do I/O or hold a whole file: callers feed chunks of any size, in order.
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
  TextDecoder: new (
    label: string,
    options?: { ignoreBOM?: boolean },
  ) => { decode(input?: Uint8Array, options?: { stream?: boolean }): string };
}

/** A streaming decoder for the encoding: strips a leading BOM, and joins UTF-8 characters split across chunks. */
export function createDecoder(encoding: CsvEncoding): TextStreamDecoder {
  if (encoding === 'windows-1252') {
    return { write: (chunk) => decodeWindows1252(chunk), end: () => '' };
  }
  // ignoreBOM: false (the default) means the decoder removes a leading U+FEFF; for 'utf-8' files without
  // one nothing is removed. A stray BOM later in the text is kept (it is data, however odd).
  const decoder = new (globalThis as unknown as TextDecoderGlobal).TextDecoder('utf-8', { ignoreBOM: false });
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
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
