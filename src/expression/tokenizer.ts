import type { ExpressionError, Span } from './ast';

export type TokenKind = '(' | ')' | '[' | ']' | ',' | '.' | 'identifier' | 'string' | 'number' | 'invalid' | 'end';

export interface Token {
  kind: TokenKind;
  /** Identifier text, decoded string literal value, or the invalid character. */
  text: string;
  span: Span;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.']);

function isIdentifierStart(ch: string): boolean {
  return /[A-Za-z_]/.test(ch);
}

function isIdentifierPart(ch: string): boolean {
  return /[A-Za-z0-9_]/.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/**
 * Split `source[start, end)` into expression tokens. Strings are single-quoted with `''` as an
 * escaped quote; whitespace (including line breaks of multi-line expressions) separates tokens.
 */
export function tokenize(source: string, start: number, end: number, errors: ExpressionError[]): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, span: { start: i, end: i + 1 } });
      i++;
    } else if (ch === "'") {
      const tokenStart = i;
      let value = '';
      i++;
      let closed = false;
      while (i < end) {
        const c = source[i]!;
        if (c === "'") {
          if (source[i + 1] === "'" && i + 1 < end) {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) errors.push({ message: 'Unterminated string literal', span: { start: tokenStart, end: i } });
      tokens.push({ kind: 'string', text: value, span: { start: tokenStart, end: i } });
    } else if (isDigit(ch) || ((ch === '-' || ch === '+') && isDigit(source[i + 1]))) {
      const tokenStart = i;
      i++;
      while (i < end && /[0-9.eE+-]/.test(source[i]!)) i++;
      tokens.push({ kind: 'number', text: source.slice(tokenStart, i), span: { start: tokenStart, end: i } });
    } else if (isIdentifierStart(ch)) {
      const tokenStart = i;
      i++;
      while (i < end && isIdentifierPart(source[i]!)) i++;
      tokens.push({ kind: 'identifier', text: source.slice(tokenStart, i), span: { start: tokenStart, end: i } });
    } else {
      tokens.push({ kind: 'invalid', text: ch, span: { start: i, end: i + 1 } });
      i++;
    }
  }
  tokens.push({ kind: 'end', text: '', span: { start: end, end } });
  return tokens;
}
