import { isDigit } from '../text/char-codes';

export type TokenKind = '(' | ')' | '[' | ']' | ',' | '.' | 'identifier' | 'string' | 'number' | 'invalid' | 'end';

const SPACE = 0x20;
const QUOTE = 0x27;
const PLUS = 0x2b;
const MINUS = 0x2d;
const UNDERSCORE = 0x5f;

/** The characters `/\s/` matches: ECMAScript white space and line terminators. */
function isWhitespace(code: number): boolean {
  if (code <= SPACE) return code === SPACE || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** A-Z or a-z: setting bit 5 maps A-Z onto a-z, and no other code onto them. */
function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isIdentifierPart(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === UNDERSCORE;
}

/** The characters a number token runs on with: 0-9 . e E + - */
function isNumberPart(code: number): boolean {
  return isDigit(code) || code === 0x2e || code === 0x65 || code === 0x45 || code === PLUS || code === MINUS;
}

/**
 * Reads `source[start, limit)` as expression tokens, one at a time: the fields describe the
 * current token, so nothing is allocated for punctuation or whitespace. Strings are single-quoted
 * with `''` as an escaped quote; whitespace (including line breaks of multi-line expressions)
 * separates tokens. After the last token comes `end`, an empty token at `limit`.
 */
export class Tokenizer {
  kind: TokenKind = 'end';
  /** Identifier or number text, decoded string literal value, the punctuation or invalid character; '' at the end. */
  text = '';
  start = 0;
  /** Exclusive; the next token is looked for from here. */
  end: number;
  /** Where a string literal that is never closed starts, or -1. It runs to the end, so there is at most one. */
  unterminatedStart = -1;

  constructor(
    private readonly source: string,
    start: number,
    readonly limit: number,
  ) {
    this.end = start;
    this.advance();
  }

  /** Move to the next token; at the end, stay there. */
  advance(): void {
    const source = this.source;
    const limit = this.limit;
    let i = this.end;
    while (i < limit && isWhitespace(source.charCodeAt(i))) i++;
    this.start = i;
    if (i >= limit) {
      this.setToken('end', '', limit);
      return;
    }
    const code = source.charCodeAt(i);
    switch (code) {
      case 0x28: // (
        return this.setToken('(', '(', i + 1);
      case 0x29: // )
        return this.setToken(')', ')', i + 1);
      case 0x5b: // [
        return this.setToken('[', '[', i + 1);
      case 0x5d: // ]
        return this.setToken(']', ']', i + 1);
      case 0x2c: // ,
        return this.setToken(',', ',', i + 1);
      case 0x2e: // .
        return this.setToken('.', '.', i + 1);
      case QUOTE:
        return this.readString(i);
    }
    if (isDigit(code) || ((code === MINUS || code === PLUS) && isDigit(source.charCodeAt(i + 1)))) {
      let end = i + 1;
      while (end < limit && isNumberPart(source.charCodeAt(end))) end++;
      this.setToken('number', source.slice(i, end), end);
    } else if (isLetter(code) || code === UNDERSCORE) {
      let end = i + 1;
      while (end < limit && isIdentifierPart(source.charCodeAt(end))) end++;
      this.setToken('identifier', source.slice(i, end), end);
    } else {
      this.setToken('invalid', source[i]!, i + 1);
    }
  }

  /** The kind of the token `ahead` tokens after the current one, which stays current. */
  peek(ahead: number): TokenKind {
    const { kind, text, start, end } = this;
    for (let i = 0; i < ahead; i++) this.advance();
    const peeked = this.kind;
    this.kind = kind;
    this.text = text;
    this.start = start;
    this.end = end;
    return peeked;
  }

  /** Move to the end, reading every token on the way (so an unterminated string is noticed). */
  skipToEnd(): void {
    while (this.kind !== 'end') this.advance();
  }

  private setToken(kind: TokenKind, text: string, end: number): void {
    this.kind = kind;
    this.text = text;
    this.end = end;
  }

  /** The string literal whose opening quote is at `quote`: its value is sliced, not built per character. */
  private readString(quote: number): void {
    const source = this.source;
    const limit = this.limit;
    let value = '';
    let pieceStart = quote + 1;
    for (let i = pieceStart; i < limit; i++) {
      if (source.charCodeAt(i) !== QUOTE) continue;
      if (i + 1 < limit && source.charCodeAt(i + 1) === QUOTE) {
        // `''`: the piece so far with one quote; the next piece starts after the second.
        value += source.slice(pieceStart, i + 1);
        i++;
        pieceStart = i + 1;
        continue;
      }
      this.setToken('string', value + source.slice(pieceStart, i), i + 1);
      return;
    }
    this.unterminatedStart = quote;
    this.setToken('string', value + source.slice(pieceStart, limit), limit);
  }
}
