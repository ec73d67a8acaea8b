/**
 * Text from templates and file names can hold anything: printed raw, an ESC or CSI could recolour
 * the terminal, move the cursor or rewrite its title, and a line break could forge a line of a
 * report. Messages and formatters pass such text through these helpers (a leaf module: every
 * layer may use it).
 */

const hex = (character: string, digits: number): string => character.charCodeAt(0).toString(16).padStart(digits, '0');

/** How an unprintable character is shown: `\x1b` up to U+00FF, `\u202e` above. */
export function visibleEscape(character: string): string {
  return character.charCodeAt(0) <= 0xff ? `\\x${hex(character, 2)}` : `\\u${hex(character, 4)}`;
}

// C0 controls, DEL, and C1 controls: a UTF-8 terminal may take U+009B as CSI, as it takes ESC [.
// And the bidirectional controls (marks, embeddings, overrides, isolates): shown raw, they reorder
// what a terminal or a code review page displays, as in "Trojan Source" (CVE-2021-42574).
const DEL_C1_AND_BIDI = '\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROL_CHARACTERS = new RegExp(`[\\x00-\\x1f${DEL_C1_AND_BIDI}]`, 'g');
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = new RegExp(`[\\x00-\\x09\\x0b\\x0c\\x0e-\\x1f${DEL_C1_AND_BIDI}]`, 'g');

/**
 * Control characters as visible escapes. `keepLineBreaks` leaves CR and LF for formats that
 * encode them themselves (workflow commands, XML).
 */
export function escapeControlCharacters(text: string, { keepLineBreaks = false } = {}): string {
  return text.replace(keepLineBreaks ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS, visibleEscape);
}
