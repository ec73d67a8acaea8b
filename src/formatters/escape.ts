/**
 * Rule messages quote values from templates, and file names can hold anything: printed raw, an
 * ESC or CSI in them could recolour the terminal, move the cursor or rewrite the window title of
 * whoever reads the report. Formatters pass such text through these helpers, which show control
 * characters as visible escapes instead.
 */

const hex = (character: string, digits: number): string => character.charCodeAt(0).toString(16).padStart(digits, '0');

/** How an unprintable character is shown: `\x1b` up to U+00FF, `\ud800` above. */
export function visibleEscape(character: string): string {
  return character.charCodeAt(0) <= 0xff ? `\\x${hex(character, 2)}` : `\\u${hex(character, 4)}`;
}

// C0 controls, DEL, and C1 controls: a UTF-8 terminal may take U+009B as CSI, as it takes ESC [.
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f-\x9f]/g;
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/**
 * Control characters as visible escapes. `keepLineBreaks` leaves CR and LF for formats that
 * encode them themselves (workflow commands, XML).
 */
export function escapeControlCharacters(text: string, { keepLineBreaks = false } = {}): string {
  return text.replace(keepLineBreaks ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS, visibleEscape);
}

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
  return JSON.stringify(value, null, indent).replace(/[\x7f-\x9f]/g, (character) => `\\u${hex(character, 4)}`);
}
