/**
 * A small PowerShell scanner: enough to find the `Configuration` declarations of a DSC script
 * and read their `param` blocks, without a PowerShell parser.
 *
 * First the text is masked: comments, string contents and backtick escapes become spaces (line
 * breaks stay), so every offset into the mask is an offset into the script and nothing inside
 * a string or comment can look like code. Then brackets are matched once over the mask, and the
 * declarations are read from it. Every step is a single pass: time is linear in the text.
 */

export interface ConfigurationParameter {
  /** The variable name without `$` (for `${…}`, the text between the braces), as written. */
  name: string;
  /** Offset of `name` in the script text. */
  nameOffset: number;
  /** The last type literal before the variable, whitespace removed (`String[]`, `PSCredential`). */
  type: string | undefined;
  /** A `[Parameter(...)]` attribute sets `Mandatory` (alone, or `= $true` or a non-zero number). */
  mandatory: boolean;
  /** The type is `PSCredential`, in any case, with or without its namespace. */
  isCredential: boolean;
  /** An `=` follows the variable. A mandatory parameter with a default is still mandatory. */
  hasDefault: boolean;
}

export interface ConfigurationDeclaration {
  name: string;
  nameOffset: number;
  /** The parameters of the first `param(...)` at the top level of the body; undefined without one. */
  params: ConfigurationParameter[] | undefined;
  /** Offset of the body's `{`. */
  bodyStart: number;
  /** Offset just past the body's `}`; the text length when the body is never closed. */
  bodyEnd: number;
}

// PowerShell accepts typographic quotes as string delimiters.
const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const DOUBLE_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
/**
 * Characters after which `#` or `<#` starts a comment; after others it belongs to a word (`a#b`).
 * PowerShell decides by tokenizer mode; this approximates it (`$a#b` is read as one word).
 */
const COMMENT_MAY_FOLLOW = new Set([';', ',', '(', ')', '{', '}', '[', ']', '|', '&', '=', '<', '>', ...SINGLE_QUOTES, ...DOUBLE_QUOTES]);
/** Characters that join a word to what precedes it: `Get-Configuration`, `$param`, `x.param`. */
const WORD_JOINERS = new Set(['-', '.', '$', ':', '\\', '/', '@']);
const OPENERS: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
const CLOSERS: Record<string, string> = { '}': '{', ')': '(', ']': '[' };

// ASCII is decided by code, the rest of Unicode by a regular expression (much slower per call).
const ASCII_BLANKS = new Set([9, 10, 11, 12, 13, 32]);
const isAsciiWordCode = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

function isWhitespace(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 128 ? ASCII_BLANKS.has(code) : /\s/u.test(char);
}

function isIdentifierChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 128 ? isAsciiWordCode(code) : /[\p{L}\p{N}_]/u.test(char);
}

const isLineBreak = (char: string): boolean => char === '\n' || char === '\r';
const joinsWord = (char: string): boolean => isIdentifierChar(char) || WORD_JOINERS.has(char);

type Frame = { kind: 'double' } | { kind: 'here-double' } | { kind: 'subexpression'; depth: number };

/**
 * The script with comments, string contents and backtick escapes replaced by spaces, line
 * breaks kept. The outermost string delimiters stay, so a string still shows as `'   '`.
 */
export function maskPowerShell(text: string): string {
  const out = text.split('');
  const length = text.length;
  const blank = (from: number, to: number): void => {
    for (let index = from; index < Math.min(to, length); index++) if (!isLineBreak(out[index]!)) out[index] = ' ';
  };
  const stack: Frame[] = [];
  let stringFrames = 0;
  const charAt = (index: number): string => text.charAt(index);
  /** Blank delimiters too when this string sits inside another string's subexpression. */
  const delimiter = (index: number, size: number): void => {
    if (stringFrames > 0) blank(index, index + size);
  };
  const atLineStart = (index: number): boolean => index > 0 && isLineBreak(charAt(index - 1));
  const commentMayStartAt = (index: number): boolean => index === 0 || isWhitespace(charAt(index - 1)) || COMMENT_MAY_FOLLOW.has(charAt(index - 1));
  /** `@'` / `@"` start a here-string only when nothing but blanks follows on their line. */
  const isHereStringHeader = (index: number): boolean => {
    let next = index + 2;
    while (charAt(next) === ' ' || charAt(next) === '\t') next++;
    return isLineBreak(charAt(next));
  };
  const findLine = (from: number, quotes: Set<string>): number => {
    for (let index = from; index < length; index++) {
      if (atLineStart(index) && quotes.has(charAt(index)) && charAt(index + 1) === '@') return index;
    }
    return -1;
  };
  const closingBrace = (from: number): number => {
    for (let index = from; index < length; index++) {
      if (charAt(index) === '`') index++;
      else if (charAt(index) === '}') return index;
    }
    return length;
  };

  let index = 0;
  while (index < length) {
    const frame = stack[stack.length - 1];
    const char = charAt(index);
    const next = charAt(index + 1);
    if (char === '`') {
      blank(index, index + 2);
      index += 2;
      continue;
    }
    if (frame?.kind === 'double' || frame?.kind === 'here-double') {
      const closesDouble = frame.kind === 'double' && DOUBLE_QUOTES.has(char);
      const closesHere = frame.kind === 'here-double' && atLineStart(index) && DOUBLE_QUOTES.has(char) && next === '@';
      if (closesDouble && DOUBLE_QUOTES.has(next)) {
        blank(index, index + 2); // "" is an escaped quote
        index += 2;
      } else if (closesDouble || closesHere) {
        const size = closesHere ? 2 : 1;
        stack.pop();
        stringFrames--;
        delimiter(index, size);
        index += size;
      } else if (char === '$' && next === '(') {
        blank(index, index + 2);
        stack.push({ kind: 'subexpression', depth: 1 });
        index += 2;
      } else {
        blank(index, index + 1);
        index++;
      }
      continue;
    }
    // Code: the top level, or a subexpression inside a string.
    if (char === '#' && commentMayStartAt(index)) {
      let end = index;
      while (end < length && !isLineBreak(charAt(end))) end++;
      blank(index, end);
      index = end;
    } else if (char === '<' && next === '#' && commentMayStartAt(index)) {
      const close = text.indexOf('#>', index + 2);
      const end = close < 0 ? length : close + 2;
      blank(index, end);
      index = end;
    } else if (char === '@' && SINGLE_QUOTES.has(next) && isHereStringHeader(index)) {
      const close = findLine(index + 2, SINGLE_QUOTES);
      const end = close < 0 ? length : close;
      delimiter(index, 2);
      blank(index + 2, end);
      if (close >= 0) delimiter(close, 2);
      index = close < 0 ? length : close + 2;
    } else if (char === '@' && DOUBLE_QUOTES.has(next) && isHereStringHeader(index)) {
      delimiter(index, 2);
      stack.push({ kind: 'here-double' });
      stringFrames++;
      index += 2;
    } else if (SINGLE_QUOTES.has(char)) {
      let close = index + 1;
      while (close < length && !(SINGLE_QUOTES.has(charAt(close)) && !SINGLE_QUOTES.has(charAt(close + 1)))) {
        close += SINGLE_QUOTES.has(charAt(close)) ? 2 : 1; // '' is an escaped quote
      }
      delimiter(index, 1);
      blank(index + 1, close);
      if (close < length) delimiter(close, 1);
      index = close + 1;
    } else if (DOUBLE_QUOTES.has(char)) {
      delimiter(index, 1);
      stack.push({ kind: 'double' });
      stringFrames++;
      index++;
    } else if (char === '$' && next === '{') {
      // ${any name}: its contents are a variable name, not code; the braces stay.
      const close = closingBrace(index + 2);
      blank(stringFrames > 0 ? index : index + 2, stringFrames > 0 ? close + 1 : close);
      index = close + 1;
    } else {
      if (frame?.kind === 'subexpression') {
        if (char === '(') frame.depth++;
        else if (char === ')' && --frame.depth === 0) stack.pop();
      }
      if (stringFrames > 0) blank(index, index + 1);
      index++;
    }
  }
  return out.join('');
}

/**
 * For each bracket in the mask, the offset of its partner (-1 when there is none). A closer
 * that skips over openers of another kind closes them too, so one stray bracket cannot swallow
 * the rest of the file.
 */
function matchBrackets(masked: string): Int32Array {
  const partner = new Int32Array(masked.length).fill(-1);
  const open: number[] = [];
  const openCount: Record<string, number> = { '{': 0, '(': 0, '[': 0 };
  for (let index = 0; index < masked.length; index++) {
    const char = masked.charAt(index);
    if (OPENERS[char] !== undefined) {
      open.push(index);
      openCount[char]!++;
      continue;
    }
    const opener = CLOSERS[char];
    if (opener === undefined || openCount[opener] === 0) continue;
    for (;;) {
      const top = open.pop()!;
      const topChar = masked.charAt(top);
      openCount[topChar]!--;
      partner[top] = index;
      if (topChar === opener) {
        partner[index] = top;
        break;
      }
    }
  }
  return partner;
}

/** Reads declarations from one masked script. */
class DeclarationReader {
  private readonly partner: Int32Array;

  constructor(
    private readonly text: string,
    private readonly masked: string,
  ) {
    this.partner = matchBrackets(masked);
  }

  private at(index: number): string {
    return this.masked.charAt(index);
  }

  private skipWhitespace(index: number, end = this.masked.length): number {
    while (index < end && isWhitespace(this.at(index))) index++;
    return index;
  }

  private wordEnd(index: number): number {
    while (isIdentifierChar(this.at(index))) index++;
    return index;
  }

  /** Offset just past the bracket group opening at `index`; `fallback` when it never closes. */
  private groupEnd(index: number, fallback: number): number {
    const close = this.partner[index]!;
    return close < 0 ? fallback : close + 1;
  }

  /** Offset of the closer of the group opening at `index`, at most `limit`. */
  private contentEnd(index: number, limit: number): number {
    const close = this.partner[index]!;
    return close < 0 ? limit : Math.min(close, limit);
  }

  /** Whether the word `keyword` (compared case-insensitively) stands alone at `index`. */
  private isKeywordAt(index: number, keyword: string): boolean {
    return (
      !joinsWord(this.at(index - 1)) &&
      this.masked.slice(index, index + keyword.length).toLowerCase() === keyword &&
      !joinsWord(this.at(index + keyword.length))
    );
  }

  configurations(): ConfigurationDeclaration[] {
    const found: ConfigurationDeclaration[] = [];
    const keyword = 'configuration';
    for (let index = 0; index < this.masked.length; index++) {
      if (!isIdentifierChar(this.at(index))) continue;
      const end = this.wordEnd(index);
      if (end - index === keyword.length && this.isKeywordAt(index, keyword)) {
        const declaration = this.configurationAt(end);
        if (declaration) found.push(declaration);
      }
      index = end - 1;
    }
    return found;
  }

  /** `name {` after the keyword, the name bare or quoted, with blanks and line breaks between. */
  private configurationAt(afterKeyword: number): ConfigurationDeclaration | undefined {
    if (!isWhitespace(this.at(afterKeyword))) return undefined;
    const nameStart = this.skipWhitespace(afterKeyword);
    const quote = this.at(nameStart);
    let name: { offset: number; end: number; resume: number };
    if (SINGLE_QUOTES.has(quote) || DOUBLE_QUOTES.has(quote)) {
      // The mask blanked the string's contents, so the next quote is its closing delimiter.
      let close = nameStart + 1;
      while (close < this.masked.length && !SINGLE_QUOTES.has(this.at(close)) && !DOUBLE_QUOTES.has(this.at(close))) close++;
      name = { offset: nameStart + 1, end: close, resume: close + 1 };
    } else {
      let end = nameStart;
      while (isIdentifierChar(this.at(end)) || this.at(end) === '-') end++;
      name = { offset: nameStart, end, resume: end };
    }
    const bodyStart = this.skipWhitespace(name.resume);
    if (name.end <= name.offset || this.at(bodyStart) !== '{') return undefined;
    const bodyEnd = this.groupEnd(bodyStart, this.masked.length);
    return {
      name: this.text.slice(name.offset, name.end),
      nameOffset: name.offset,
      params: this.paramBlock(bodyStart + 1, bodyEnd),
      bodyStart,
      bodyEnd,
    };
  }

  /** The first `param (...)` at the top level of the body between `from` and `to`. */
  private paramBlock(from: number, to: number): ConfigurationParameter[] | undefined {
    for (let index = from; index < to; ) {
      const char = this.at(index);
      if (OPENERS[char] !== undefined) {
        if (this.partner[index]! < 0) return undefined; // everything after is inside it
        index = this.partner[index]! + 1;
      } else if (isIdentifierChar(char)) {
        const end = this.wordEnd(index);
        if (end - index === 5 && this.isKeywordAt(index, 'param')) {
          const open = this.skipWhitespace(end, to);
          if (this.at(open) === '(') return this.parameters(open + 1, this.contentEnd(open, to));
        }
        index = end;
      } else {
        index++;
      }
    }
    return undefined;
  }

  /** Split `from`..`to` at commas outside brackets. */
  private splitAtCommas(from: number, to: number): Array<[number, number]> {
    const parts: Array<[number, number]> = [];
    let start = from;
    for (let index = from; index < to; ) {
      const char = this.at(index);
      if (OPENERS[char] !== undefined) {
        index = Math.min(this.groupEnd(index, to), to);
      } else {
        if (char === ',') {
          parts.push([start, index]);
          start = index + 1;
        }
        index++;
      }
    }
    parts.push([start, to]);
    return parts;
  }

  private parameters(from: number, to: number): ConfigurationParameter[] {
    return this.splitAtCommas(from, to).flatMap(([start, end]) => this.parameter(start, end) ?? []);
  }

  /** Attributes and type literals, then `$name` or `${name}`, then an optional `= default`. */
  private parameter(from: number, to: number): ConfigurationParameter | undefined {
    let type: string | undefined;
    let mandatory = false;
    for (let index = this.skipWhitespace(from, to); index < to; index = this.skipWhitespace(index, to)) {
      const char = this.at(index);
      if (char === '[') {
        const close = this.partner[index]!;
        if (close < 0 || close >= to) return undefined;
        const attribute = this.attributeAt(index + 1, close);
        if (attribute === undefined) type = this.masked.slice(index + 1, close).replace(/\s+/gu, '');
        else if (attribute.isParameter && this.setsMandatory(attribute.argumentsFrom, attribute.argumentsTo)) mandatory = true;
        index = close + 1;
      } else if (char === '$') {
        const braced = this.at(index + 1) === '{';
        const nameOffset = index + (braced ? 2 : 1);
        const nameEnd = braced ? this.contentEnd(index + 1, to) : this.wordEnd(nameOffset);
        if (nameEnd === nameOffset) return undefined;
        const afterName = this.skipWhitespace(braced ? nameEnd + 1 : nameEnd, to);
        return {
          name: this.text.slice(nameOffset, nameEnd),
          nameOffset,
          type,
          mandatory,
          isCredential: type !== undefined && /^(system\.)?(management\.automation\.)?pscredential$/iu.test(type),
          hasDefault: this.at(afterName) === '=' && afterName < to,
        };
      } else {
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * Inside `[...]`: an attribute is a name followed by `(`; anything else is a type literal.
   * `Parameter` may be spelled with its namespace or its `Attribute` suffix.
   */
  private attributeAt(from: number, to: number): { isParameter: boolean; argumentsFrom: number; argumentsTo: number } | undefined {
    const nameStart = this.skipWhitespace(from, to);
    let nameEnd = nameStart;
    while (nameEnd < to && (isIdentifierChar(this.at(nameEnd)) || this.at(nameEnd) === '.')) nameEnd++;
    const open = this.skipWhitespace(nameEnd, to);
    if (nameEnd === nameStart || this.at(open) !== '(' || open >= to) return undefined;
    const name = this.masked.slice(nameStart, nameEnd).toLowerCase();
    const isParameter = /^(system\.management\.automation\.)?parameter(attribute)?$/u.test(name);
    return { isParameter, argumentsFrom: open + 1, argumentsTo: this.contentEnd(open, to) };
  }

  /** `Mandatory`, `Mandatory = $true` or a non-zero number; `$false`, 0 and anything unknown are not. */
  private setsMandatory(from: number, to: number): boolean {
    return this.splitAtCommas(from, to).some(([start, end]) => {
      const nameStart = this.skipWhitespace(start, end);
      const nameEnd = this.wordEnd(nameStart);
      if (this.masked.slice(nameStart, nameEnd).toLowerCase() !== 'mandatory') return false;
      const afterName = this.skipWhitespace(nameEnd, end);
      if (afterName === end) return true;
      if (this.at(afterName) !== '=') return false;
      const value = this.masked.slice(afterName + 1, end).trim().toLowerCase();
      return value === '$true' || (/^\d+$/u.test(value) && Number(value) !== 0);
    });
  }
}

/**
 * Every `configuration Name {` in the script, at any depth, with its first top-level param
 * block. Never throws; unbalanced input yields what can be read.
 */
export function scanConfigurations(text: string): ConfigurationDeclaration[] {
  return new DeclarationReader(text, maskPowerShell(text)).configurations();
}
