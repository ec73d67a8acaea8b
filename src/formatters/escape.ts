/** Text shaping for formatters, over the control-character escaping of src/text/escape.ts. */
import { escapeControlCharacters } from '../text/escape';

export { escapeControlCharacters, visibleEscape } from '../text/escape';

/**
 * A message for a one-line-per-problem format: every whitespace run that holds a line break
 * becomes one space, and other control characters are escaped. Matching `\s+` consumes each run
 * once, so this is linear; the pattern `\s*[\r\n]+\s*` retries a long run without a line break
 * from each of its positions, which is quadratic.
 */
export function singleLine(text: string): string {
  return escapeControlCharacters(text.replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run)));
}

/**
 * JSON.stringify already escapes C0 controls; DEL and C1 controls are escaped here too. They can
 * only occur inside strings, so the JSON value is the same, and the file is safe to `cat`.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\x7f-\x9f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
