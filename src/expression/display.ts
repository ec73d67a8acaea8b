import { escapeControlCharacters } from '../text/escape';
import { describeOrigin, knownString, type AbstractValue } from './values';

/** Values taken from template text are shown at most this long in messages. */
export const MAX_SHOWN_LENGTH = 80;

/** A text as messages show it: control characters escaped, cut to MAX_SHOWN_LENGTH with '…'. */
export function shortText(text: string): string {
  const escaped = escapeControlCharacters(text);
  return escaped.length > MAX_SHOWN_LENGTH ? `${escaped.slice(0, MAX_SHOWN_LENGTH - 1)}…` : escaped;
}

/** A text in double quotes, shortened: `"web01"`. */
export function quoted(text: string): string {
  return `"${shortText(text)}"`;
}

/**
 * A value as a message may show it. A secret value (secure parameter, SAS token, list*()) is
 * shown by the name it came from, or as *** when it has none: never its text.
 */
export function displayValue(value: AbstractValue): string {
  const origin = describeOrigin(value);
  if (value.secret) return origin ? shortText(origin) : '***';
  const text = knownString(value);
  if (text !== undefined) return quoted(text);
  if (value.kind === 'number' || value.kind === 'boolean') return String(value.value);
  if (value.kind === 'null') return 'null';
  return origin ? shortText(origin) : 'a value known only at deployment';
}
