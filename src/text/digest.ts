import type * as Crypto from 'node:crypto';

/**
 * node:crypto, loaded on first use: most runs never need a digest, and loading it is a visible
 * part of a one-file run's start-up.
 */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  return require('node:crypto') as typeof Crypto;
}

/** A short, collision-resistant digest of a text, for keys that would otherwise be too long. */
export function shortHash(text: string): string {
  return crypto().createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

/** The SHA-1 of some bytes, in hex: identifies a file's content. */
export function contentDigest(bytes: Uint8Array): string {
  return crypto().createHash('sha1').update(bytes).digest('hex');
}

/** Characters of a long text hashed at a time. */
const DIGEST_SLICE = 1 << 20;

/**
 * The SHA-1 of a long text, in hex, fed a slice at a time so that no UTF-8 copy of all of it is
 * made (for a 15 MB cache file, 15 MB less at the peak). Only for comparing with itself: a slice
 * boundary may split a surrogate pair, so it is not the digest of the text's UTF-8 bytes.
 */
export function longTextDigest(text: string): string {
  const hash = crypto().createHash('sha1');
  for (let start = 0; start < text.length; start += DIGEST_SLICE) hash.update(text.slice(start, start + DIGEST_SLICE));
  return hash.digest('hex');
}

/** The SHA-256 of a text, in hex: a fingerprint that stays put across runs. */
export function sha256Hex(text: string): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

/** Random hex digits, for names no other writer picks. */
export function randomHex(byteCount: number): string {
  return crypto().randomBytes(byteCount).toString('hex');
}
