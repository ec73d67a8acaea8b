import { createHash } from 'node:crypto';

/** A short, collision-resistant digest of a text, for keys that would otherwise be too long. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}
