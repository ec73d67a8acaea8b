/**
 * Decoding PowerShell scripts. A BOM names the encoding. Without one, Windows PowerShell reads
 * the ANSI code page (Windows-1252 for the scripts seen in DSC archives); bytes that are valid
 * UTF-8 are read as UTF-8 all the same, since editors write that, and for the ASCII that
 * PowerShell syntax is made of both readings agree.
 */

export type ScriptEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedScript {
  /** The text, without its BOM. */
  text: string;
  encoding: ScriptEncoding;
  bom: boolean;
}

/**
 * Windows-1252 bytes 0x80–0x9F. The five bytes the code page leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D) map to the C1 control of the same value, as Windows itself decodes them.
 */
const CP1252_HIGH_CONTROLS = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** Decode Windows-1252: ASCII and 0xA0–0xFF are the code points of the same value. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (byte) => (byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH_CONTROLS[byte - 0x80]! : byte));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Decode a script's bytes; never throws (malformed sequences after a BOM become U+FFFD). */
export function decodeScript(bytes: Uint8Array): DecodedScript {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: utf8Lenient.decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

/**
 * Text as compared between two copies of a script: without a leading BOM, with CRLF and lone
 * CR line ends turned into LF. Anything else that differs is a real difference.
 */
export function normalizeForComparison(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n');
}
