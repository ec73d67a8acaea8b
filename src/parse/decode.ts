/** How a file's bytes map to text, so a fixed file is written back the same way. */
export interface TextEncodingInfo {
  encoding: 'utf8' | 'utf16le' | 'utf16be';
  bom: boolean;
}

export interface DecodedText extends TextEncodingInfo {
  /** The text without its BOM. */
  text: string;
}

function swapBytePairs(bytes: Uint8Array): Buffer {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped;
}

/** Decode file bytes: UTF-8 (BOM optional) or UTF-16 LE/BE with a BOM. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf16le', bom: true };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const body = buffer.subarray(2, 2 + ((buffer.length - 2) & ~1));
    return { text: swapBytePairs(body).toString('utf16le'), encoding: 'utf16be', bom: true };
  }
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf8', bom: true };
  }
  return { text: buffer.toString('utf8'), encoding: 'utf8', bom: false };
}

/** Encode text as it was read (same encoding, BOM kept or absent). */
export function encodeText(text: string, info: TextEncodingInfo): Buffer {
  const withBom = info.bom ? '\ufeff' + text : text;
  if (info.encoding === 'utf8') return Buffer.from(withBom, 'utf8');
  const little = Buffer.from(withBom, 'utf16le');
  return info.encoding === 'utf16le' ? little : swapBytePairs(little);
}

/** The bytes come back unchanged from decoding and encoding again (false for invalid UTF-8, an odd UTF-16 byte). */
export function decodesExactly(bytes: Uint8Array, decoded: DecodedText): boolean {
  return encodeText(decoded.text, decoded).equals(bytes);
}

/** The encoding's name as messages give it. */
export function encodingName(info: TextEncodingInfo): string {
  return info.encoding === 'utf8' ? 'UTF-8' : 'UTF-16';
}

/** Split a leading U+FEFF from text given as a string (lintText input). */
export function stripBom(text: string): { text: string; bom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}
