import type * as Crypto from 'node:crypto';

/**
 * node:crypto, loaded on first use: most runs never need a digest, and loading it is a visible
 * part of a one-file run's start-up.
 */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  return require('node:crypto') as typeof Crypto;
}

/** A short, collision-resistant digest of a text: a key, or a check, that would otherwise be as long as the text. */
export function shortHash(text: string): string {
  return crypto().createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

/** The SHA-1 of some bytes, in hex: identifies a file's content. */
export function contentDigest(bytes: Uint8Array): string {
  return crypto().createHash('sha1').update(bytes).digest('hex');
}

/** The SHA-256 of a text, in hex: a fingerprint that stays put across runs. */
export function sha256Hex(text: string): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

/** Random hex digits, for names no other writer picks. */
export function randomHex(byteCount: number): string {
  return crypto().randomBytes(byteCount).toString('hex');
}
