import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { JsonContainer, JsonObject, JsonProperty, JsonString, JsonValue } from './json-nodes';
import { readableParseError } from './parse-messages';
import { SourceFile, type CommentRange, type ParseProblem } from './source-file';
import { isDigit } from '../text/char-codes';

interface RawError {
  code: ParseErrorCode;
  offset: number;
  length: number;
}

export interface TreeBuild {
  root: JsonValue | undefined;
  errors: RawError[];
  comments: CommentRange[];
  /** Every object, and every string that starts with '[', in document order (see SourceFile). */
  objects: JsonObject[];
  bracketStrings: JsonString[];
  /** Offset of the bracket that opens level MAX_NESTING_DEPTH + 1: the tree is then not usable. */
  tooDeepAt?: number;
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

/**
 * Deepest nesting of objects and arrays read. The deepest real template seen (../shared/corpus)
 * nests 41 levels; deeper input is refused before parsing, so no walk can overflow the stack.
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * Parse template text (already decoded, BOM removed) into a SourceFile. ARM accepts comments,
 * trailing commas, raw control characters and raw line breaks inside strings; all are tolerated.
 * Never throws: a syntax fault becomes one entry of `errors` (the first fault: what follows it in
 * the parser's output is its cascade), with an offset into `text` and a hint where one helps.
 */
export function parseSource(text: string): SourceFile {
  let build = readTree(text);
  if (build.tooDeepAt !== undefined) {
    const message = `Nesting deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays; the file is not read`;
    return new SourceFile(text, undefined, [{ message, offset: build.tooDeepAt, length: 1 }], [], [], []);
  }
  if (build.errors.some((e) => printParseErrorCode(e.code) === 'UnexpectedEndOfString')) {
    const blanked = blankLineBreaksInStrings(text);
    if (blanked !== text) {
      build = readTree(blanked);
      restoreMultilineValues(text, build.root);
    }
  }
  // A raw tab or other control character in a string: JSON.NET, and so ARM, accepts it.
  const first = build.errors.find((error) => printParseErrorCode(error.code) !== 'InvalidCharacter');
  const fatal: ParseProblem[] = first ? [explainedProblem(text, { message: readableParseError(first.code), offset: first.offset, length: first.length })] : [];
  return new SourceFile(text, build.root, fatal, build.comments, build.objects, build.bracketStrings);
}

/** The plain reader where it can (nearly every template), else jsonc-parser's `visit`. */
function readTree(text: string): TreeBuild {
  return buildValidTree(text) ?? buildTree(text);
}

const TYPOGRAPHIC_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
/** How far before a syntax error a typographic quote is taken to be its cause. */
const QUOTE_HINT_LINES = 3;

/**
 * The problem as the user should see it. A typographic quote (from a word processor or a chat)
 * just before the fault is the fault: the string it was meant to close runs on. UTF-16 without a
 * byte order mark decodes to text full of NUL characters.
 */
function explainedProblem(text: string, problem: ParseProblem): ParseProblem {
  if (looksLikeUtf16WithoutBom(text)) {
    return { ...problem, message: `${problem.message} (the file looks like UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with a BOM)` };
  }
  const windowStart = lineStartBefore(text, problem.offset, QUOTE_HINT_LINES);
  let quote: RegExpExecArray | undefined;
  TYPOGRAPHIC_QUOTES.lastIndex = windowStart;
  for (let match = TYPOGRAPHIC_QUOTES.exec(text); match && match.index <= problem.offset; match = TYPOGRAPHIC_QUOTES.exec(text)) quote = match;
  if (!quote) return problem;
  const name = quote[0] === '\u201c' ? 'left' : quote[0] === '\u201d' ? 'right' : 'typographic';
  return {
    message: `${problem.message}: a ${name} double quotation mark (${quote[0]}, U+${quote[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) stands where JSON needs a straight quote (")`,
    offset: quote.index,
    length: 1,
  };
}

/** Offset where the line `lines` lines above the one holding `offset` starts. */
function lineStartBefore(text: string, offset: number, lines: number): number {
  let start = Math.min(offset, text.length);
  for (let seen = 0; seen <= lines && start > 0; ) {
    start--;
    if (text.charCodeAt(start) === 10 && ++seen > lines) return start + 1;
  }
  return start;
}

/** Text decoded from BOM-less UTF-16 has a NUL beside nearly every ASCII character. */
function looksLikeUtf16WithoutBom(text: string): boolean {
  const sample = text.slice(0, 200);
  let nuls = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nuls++;
  return sample.length >= 4 && nuls * 3 >= sample.length;
}

/** What an empty object or array holds: one shared empty list, frozen (nothing may add to a built tree). */
const NO_PROPERTIES: JsonProperty[] = Object.freeze([]) as unknown as JsonProperty[];
const NO_ITEMS: JsonValue[] = Object.freeze([]) as unknown as JsonValue[];

/**
 * Builds the tree from parser events; both ways of reading a text below drive the same builder,
 * so they give the same tree.
 */
class TreeBuilder {
  readonly stack: JsonContainer[] = [];
  readonly build: TreeBuild = { root: undefined, errors: [], comments: [], objects: [], bracketStrings: [] };
  /**
   * The children of every open container, innermost last, from `starts` on for each. A container
   * gets its own at their exact count when it closes: an array grown one push at a time would
   * keep room for 16 and more, most of a small object's size.
   */
  private readonly children: Array<JsonProperty | JsonValue> = [];
  private childCount = 0;
  private readonly starts: number[] = [];

  constructor(private readonly text: string) {}

  /** Past the depth limit nothing more is built: false. */
  objectBegin(offset: number): boolean {
    if (this.tooDeep(offset)) return false;
    const node: JsonObject = { kind: 'object', offset, length: 1, parent: undefined, properties: NO_PROPERTIES, index: undefined };
    this.open(node);
    this.build.objects.push(node);
    return true;
  }

  arrayBegin(offset: number): boolean {
    if (this.tooDeep(offset)) return false;
    this.open({ kind: 'array', offset, length: 1, parent: undefined, items: NO_ITEMS });
    return true;
  }

  property(name: string, offset: number, length: number): void {
    const container = this.stack[this.stack.length - 1];
    if (container?.kind !== 'object') return;
    const key: JsonString = { kind: 'string', offset, length, parent: undefined, value: name };
    const property: JsonProperty = { kind: 'property', offset, length, parent: container, key, value: undefined };
    key.parent = property;
    this.children[this.childCount++] = property;
  }

  literal(value: unknown, offset: number, length: number): void {
    // Literal objects with one key order keep the nodes monomorphic (this is the hot path).
    let node: JsonValue;
    if (typeof value === 'string') {
      node = { kind: 'string', offset, length, parent: undefined, value };
      if (value.charCodeAt(0) === 91 /* [ */) this.build.bracketStrings.push(node);
    } else if (typeof value === 'number') node = { kind: 'number', offset, length, parent: undefined, value };
    else if (typeof value === 'boolean') node = { kind: 'boolean', offset, length, parent: undefined, value };
    else node = { kind: 'null', offset, length, parent: undefined, value: null };
    this.attach(node);
  }

  /** The container open innermost ends with the token at `offset`. */
  close(offset: number, length: number): void {
    const container = this.stack.pop();
    if (!container) return;
    const start = this.starts.pop()!;
    if (start < this.childCount) {
      const own = this.children.slice(start, this.childCount);
      if (container.kind === 'object') container.properties = own as JsonProperty[];
      else container.items = own as JsonValue[];
      this.childCount = start;
    }
    container.length = offset + length - container.offset;
    const holder = container.parent;
    if (holder?.kind === 'property') holder.length = container.offset + container.length - holder.offset;
  }

  // jsonc-parser can report a range past the end of a truncated text: keep ranges inside it.
  comment(offset: number, length: number): void {
    this.build.comments.push({ kind: this.text.startsWith('//', offset) ? 'line' : 'block', offset, length: Math.min(length, this.text.length - offset) });
  }

  error(code: ParseErrorCode, offset: number, length: number): void {
    const start = Math.min(offset, this.text.length);
    this.build.errors.push({ code, offset: start, length: Math.max(0, Math.min(length, this.text.length - start)) });
  }

  private open(container: JsonContainer): void {
    this.attach(container);
    this.stack.push(container);
    this.starts.push(this.childCount);
  }

  private attach(value: JsonValue): void {
    const container = this.stack[this.stack.length - 1];
    if (!container) {
      if (!this.build.root) this.build.root = value;
      return;
    }
    if (container.kind === 'array') {
      value.parent = container;
      this.children[this.childCount++] = value;
      return;
    }
    // The object's last property, if it is still waiting for its value.
    const property = this.childCount > this.starts[this.starts.length - 1]! ? (this.children[this.childCount - 1] as JsonProperty) : undefined;
    if (property && !property.value) {
      property.value = value;
      value.parent = property;
      property.length = value.offset + value.length - property.offset;
    }
  }

  private tooDeep(offset: number): boolean {
    if (this.stack.length < MAX_NESTING_DEPTH) return false;
    this.build.tooDeepAt ??= offset;
    return true;
  }
}

/**
 * The tree of any text, with jsonc-parser's error reporting and recovery: every syntax error is
 * in `errors`, and what could be read around them is in the tree.
 */
export function buildTree(text: string): TreeBuild {
  const builder = new TreeBuilder(text);
  try {
    visit(
      text,
      {
        // Returning false stops callbacks below the object or array.
        onObjectBegin: (offset) => builder.objectBegin(offset),
        onObjectProperty: (name, offset, length) => builder.property(name, offset, length),
        onObjectEnd: (offset, length) => builder.close(offset, length),
        onArrayBegin: (offset) => builder.arrayBegin(offset),
        onArrayEnd: (offset, length) => builder.close(offset, length),
        onLiteralValue: (value: unknown, offset, length) => builder.literal(value, offset, length),
        onComment: (offset, length) => builder.comment(offset, length),
        onError: (code, offset, length) => builder.error(code, offset, length),
      },
      PARSE_OPTIONS,
    );
  } catch (error) {
    // jsonc-parser recurses per level: nesting thousands deep overflows its stack, past our limit.
    if (!(error instanceof RangeError) || builder.build.tooDeepAt === undefined) throw error;
  }
  if (builder.build.tooDeepAt !== undefined) return builder.build;
  // Containers left open by a truncated file end where the text ends.
  while (builder.stack.length > 0) builder.close(text.length, 0);
  return builder.build;
}

/** Tokens of the plain grammar; `notPlain` is anything jsonc-parser's scanner would flag or not know. */
const TOKEN = { notPlain: 0, openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, comma: 5, colon: 6, literal: 7, string: 8, eof: 9 } as const;

/** Thrown inside buildValidTree when the text is not plain JSON with comments and trailing commas. */
class NotPlain extends Error {}

/**
 * Characters that continue a word for jsonc-parser's scanner (so `truex` or `01` is one unknown
 * token): all but space, tab, line breaks and the punctuation `{}[]",:/`.
 */
function continuesWord(code: number): boolean {
  switch (code) {
    case 32: case 9: case 10: case 13: // space, tab, LF, CR
    case 123: case 125: case 91: case 93: case 34: case 44: case 58: case 47: // { } [ ] " , : /
      return false;
    default:
      return !Number.isNaN(code);
  }
}

/** Where `text` next has `character` from `from` on, or its length when nowhere. */
function indexOrEnd(text: string, character: string, from: number): number {
  const index = text.indexOf(character, from);
  return index < 0 ? text.length : index;
}

/** Value of a hexadecimal digit, or -1. */
function hexDigit(code: number): number {
  if (isDigit(code)) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

const ESCAPED: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

/**
 * Tokens of a text in jsonc-parser's lexical grammar, read without building a string per token of
 * whitespace (as its scanner does). Comments go straight to the builder. Where jsonc-parser's
 * scanner would report an error, or return a token its parser reports, the token is `notPlain`.
 */
class PlainTokens {
  private pos = 0;
  /** Where the last token starts, its length and, for literals and strings, its value. */
  offset = 0;
  length = 0;
  value: string | number | boolean | null = null;
  /**
   * The next backslash, LF and CR after the start of the last string read (the text's length when
   * there is none): found with indexOf, which is many times faster than a loop over characters,
   * and looked for again only once a string starts past them, so no character is searched twice.
   */
  private nextBackslash = -1;
  private nextLineFeed = -1;
  private nextReturn = -1;

  constructor(
    private readonly text: string,
    private readonly builder: TreeBuilder,
  ) {}

  next(): number {
    const text = this.text;
    const end = text.length;
    let pos = this.pos;
    for (;;) {
      if (pos >= end) {
        this.offset = this.pos = end;
        this.length = 0;
        return TOKEN.eof;
      }
      const code = text.charCodeAt(pos);
      if (code === 32 || code === 9 || code === 10 || code === 13) {
        pos++;
        continue;
      }
      if (code === 47 /* / */) {
        const second = text.charCodeAt(pos + 1);
        let commentEnd: number;
        if (second === 47) {
          commentEnd = pos + 2;
          for (let c = text.charCodeAt(commentEnd); commentEnd < end && c !== 10 && c !== 13; c = text.charCodeAt(++commentEnd));
        } else if (second === 42 /* * */) {
          const close = text.indexOf('*/', pos + 2);
          if (close < 0) return TOKEN.notPlain;
          commentEnd = close + 2;
        } else {
          return TOKEN.notPlain;
        }
        this.builder.comment(pos, commentEnd - pos);
        pos = commentEnd;
        continue;
      }
      this.offset = pos;
      this.length = 1;
      this.pos = pos + 1;
      switch (code) {
        case 123: return TOKEN.openBrace;
        case 125: return TOKEN.closeBrace;
        case 91: return TOKEN.openBracket;
        case 93: return TOKEN.closeBracket;
        case 44: return TOKEN.comma;
        case 58: return TOKEN.colon;
        case 34: return this.string(pos);
        case 116: return this.keyword(pos, 'true', true);
        case 102: return this.keyword(pos, 'false', false);
        case 110: return this.keyword(pos, 'null', null);
        default:
          return code === 45 /* - */ || isDigit(code) ? this.number(pos) : TOKEN.notPlain;
      }
    }
  }

  private finish(start: number, end: number, value: string | number | boolean | null, token: number): number {
    this.offset = start;
    this.length = end - start;
    this.pos = end;
    this.value = value;
    return token;
  }

  private keyword(start: number, word: string, value: boolean | null): number {
    const end = start + word.length;
    if (!this.text.startsWith(word, start) || continuesWord(this.text.charCodeAt(end))) return TOKEN.notPlain;
    return this.finish(start, end, value, TOKEN.literal);
  }

  /** `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?, not followed by a word character. */
  private number(start: number): number {
    const text = this.text;
    let pos = start;
    if (text.charCodeAt(pos) === 45) pos++;
    if (text.charCodeAt(pos) === 48) pos++;
    else if (isDigit(text.charCodeAt(pos))) while (isDigit(text.charCodeAt(++pos)));
    else return TOKEN.notPlain;
    if (text.charCodeAt(pos) === 46 /* . */ && isDigit(text.charCodeAt(pos + 1))) {
      pos += 2;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const exponent = text.charCodeAt(pos) | 0x20;
    if (exponent === 101 /* e */) {
      const sign = text.charCodeAt(pos + 1);
      const digits = sign === 43 || sign === 45 ? pos + 2 : pos + 1;
      if (isDigit(text.charCodeAt(digits))) for (pos = digits; isDigit(text.charCodeAt(pos)); pos++);
    }
    if (continuesWord(text.charCodeAt(pos))) return TOKEN.notPlain;
    return this.finish(start, pos, Number(text.slice(start, pos)), TOKEN.literal);
  }

  /**
   * A string token as jsonc-parser scans it: raw control characters are kept (ARM accepts them);
   * a raw line break, the end of the text, or a bad escape not followed by a raw control
   * character (the scanner keeps only its last error) is not plain.
   */
  private string(start: number): number {
    const text = this.text;
    const close = text.indexOf('"', start + 1);
    if (close < 0) return this.escapedString(start);
    // The string is plain when it closes before the next backslash, LF and CR.
    if (this.nextBackslash <= start) this.nextBackslash = indexOrEnd(text, '\\', start + 1);
    if (this.nextLineFeed <= start) this.nextLineFeed = indexOrEnd(text, '\n', start + 1);
    if (this.nextReturn <= start) this.nextReturn = indexOrEnd(text, '\r', start + 1);
    if (close > this.nextBackslash || close > this.nextLineFeed || close > this.nextReturn) return this.escapedString(start);
    return this.finish(start, close + 1, text.slice(start + 1, close), TOKEN.string);
  }

  private escapedString(start: number): number {
    const text = this.text;
    const end = text.length;
    let value = '';
    let badEscape = false;
    let pos = start + 1;
    let run = pos;
    for (;;) {
      if (pos >= end) return TOKEN.notPlain;
      const code = text.charCodeAt(pos);
      if (code === 34) break;
      if (code === 10 || code === 13) return TOKEN.notPlain;
      if (code < 0x20) badEscape = false;
      if (code !== 92) {
        pos++;
        continue;
      }
      value += text.slice(run, pos);
      if (++pos >= end) return TOKEN.notPlain;
      const escape = text.charCodeAt(pos++);
      const simple = ESCAPED[escape];
      if (simple !== undefined) value += simple;
      else if (escape === 117 /* u */) {
        let unit = 0;
        let digits = 0;
        for (let digit = hexDigit(text.charCodeAt(pos)); digits < 4 && digit >= 0; digit = hexDigit(text.charCodeAt(pos))) {
          unit = unit * 16 + digit;
          digits++;
          pos++;
        }
        if (digits === 4) value += String.fromCharCode(unit);
        else badEscape = true;
      } else badEscape = true;
      run = pos;
    }
    if (badEscape) return TOKEN.notPlain;
    return this.finish(start, pos + 1, value + text.slice(run, pos), TOKEN.string);
  }
}

/**
 * The tree of a text with no syntax error, read by PlainTokens without jsonc-parser's recursive
 * parser: what nearly every template is, at less cost and with no recursion. Undefined at the
 * first thing jsonc-parser's parser would report (or nesting past the limit): buildTree then reads
 * the text again, with errors and recovery. The grammar is that of `visit` with trailing commas
 * and comments allowed; any input it accepts, `visit` accepts with the same tree
 * (test/parse/tree-equivalence.test.ts).
 */
export function buildValidTree(text: string): TreeBuild | undefined {
  const builder = new TreeBuilder(text);
  const tokens = new PlainTokens(text, builder);
  /** The token being read; afterValue leaves it at what follows a comma. */
  let current: number;
  /** Close containers while the token closes the innermost one, then see what follows the value just read. */
  const afterValue = (first: number): 'value' | 'property' | 'done' => {
    let token = first;
    for (;;) {
      const container = builder.stack[builder.stack.length - 1];
      if (!container) {
        if (token !== TOKEN.eof) throw new NotPlain();
        return 'done';
      }
      const closing = container.kind === 'object' ? TOKEN.closeBrace : TOKEN.closeBracket;
      if (token === TOKEN.comma) {
        token = tokens.next();
        // A trailing comma: allowed.
        if (token !== closing) {
          current = token;
          return container.kind === 'object' ? 'property' : 'value';
        }
      }
      if (token !== closing) throw new NotPlain();
      builder.close(tokens.offset, tokens.length);
      token = tokens.next();
    }
  };
  try {
    current = tokens.next();
    let expect: 'value' | 'property' | 'done' = 'value';
    while (expect !== 'done') {
      if (expect === 'property') {
        if (current !== TOKEN.string) throw new NotPlain();
        builder.property(tokens.value as string, tokens.offset, tokens.length);
        if (tokens.next() !== TOKEN.colon) throw new NotPlain();
        current = tokens.next();
      }
      switch (current) {
        case TOKEN.openBrace:
        case TOKEN.openBracket: {
          const isObject = current === TOKEN.openBrace;
          if (!(isObject ? builder.objectBegin(tokens.offset) : builder.arrayBegin(tokens.offset))) throw new NotPlain();
          current = tokens.next();
          // Empty, or the first property or item.
          if (current === (isObject ? TOKEN.closeBrace : TOKEN.closeBracket)) expect = afterValue(current);
          else expect = isObject ? 'property' : 'value';
          continue;
        }
        case TOKEN.string:
        case TOKEN.literal:
          builder.literal(tokens.value, tokens.offset, tokens.length);
          break;
        default:
          throw new NotPlain();
      }
      expect = afterValue(tokens.next());
    }
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
  return builder.build;
}

/**
 * ARM accepts raw line breaks inside strings (multi-line expressions); jsonc-parser does not.
 * Replace each CR/LF inside a string literal with a space: same length, so every offset still
 * points into the original text.
 */
function blankLineBreaksInStrings(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (ch === 34 /* " */) {
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 92 /* \ */) {
          i += 2;
          continue;
        }
        if (c === 34) break;
        if (c === 10 || c === 13) {
          out ??= [];
          out.push(text.slice(last, i), ' ');
          last = i + 1;
        }
        i++;
      }
      i++;
    } else {
      i++;
    }
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/**
 * Give strings that spanned lines their real value (with the line breaks) from the original text.
 * Only runs for the rare file with multi-line strings, so the common parse does no extra work.
 */
function restoreMultilineValues(original: string, node: JsonValue | undefined): void {
  if (!node) return;
  if (node.kind === 'object') {
    for (const property of node.properties) {
      restoreString(original, property.key);
      restoreMultilineValues(original, property.value);
    }
  } else if (node.kind === 'array') {
    for (const item of node.items) restoreMultilineValues(original, item);
  } else if (node.kind === 'string') {
    restoreString(original, node);
  }
}

function restoreString(original: string, node: JsonString): void {
  const raw = original.slice(node.offset, node.offset + node.length);
  if (!/[\r\n]/.test(raw)) return;
  try {
    const escaped = raw.replace(/[\u0000-\u001f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    const value: unknown = JSON.parse(escaped);
    if (typeof value === 'string') node.value = value;
  } catch {
    // Keep the blanked value: the string is broken in other ways, already reported as an error.
  }
}
