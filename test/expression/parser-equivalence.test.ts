/**
 * Differential test: the expression parser gives exactly what the reference parser below gives —
 * the same trees, spans, error messages and error spans, in the same order — for real expressions
 * (../shared/corpus, when present), for every UTF-16 code unit, and for generated texts.
 *
 * The reference is a live copy of the tokenizer and parser as they were before they were rewritten
 * for speed, rather than results saved from it: generated texts are new on every run, and saved
 * results for the corpus would be tens of megabytes that go stale when the corpus changes.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { glob } from 'tinyglobby';
import type { CallExpression, Expression, ExpressionError, Span, TemplateString } from '../../src/expression/ast';
import { MAX_EXPRESSION_DEPTH } from '../../src/expression/budgets';
import { shortText } from '../../src/expression/display';
import { parseTemplateString, parseUncached } from '../../src/expression/parser';
import { decodeBytes } from '../../src/parse';
import { CORPUS, itWithCorpus } from '../support/corpus';


/** A JSON string literal whose value starts with `[`; it may span lines, as ARM allows. */
const JSON_STRING_STARTING_WITH_BRACKET = /"\[(?:[^"\\]|\\.)*"/g;

/** The value of a JSON string literal, line breaks and other raw control characters kept. */
function decodeJsonString(literal: string): string {
  return JSON.parse(literal.replace(/[\x00-\x1f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)) as string;
}

/**
 * Whether `text` parses as the reference parses it: compared strictly (a property that is present
 * but undefined is not a missing one; NaN equals NaN) and as JSON (which compares keys in order).
 * The cached parse, made from a copy of the text, is compared with the uncached one as JSON: they
 * can only differ if the copy does, and JSON is faster.
 */
function agrees(text: string): boolean {
  const expected = referenceParse(text);
  const actual = parseUncached(text);
  const json = JSON.stringify(actual);
  return isDeepStrictEqual(actual, expected) && json === JSON.stringify(expected) && JSON.stringify(parseTemplateString(text)) === json;
}

describe('the parser agrees with the reference parser', () => {
  itWithCorpus('on every distinct JSON string starting with [ in the corpus', async () => {
    const files = await glob(['**/*.json', '**/*.jsonc'], { cwd: CORPUS, absolute: true, dot: true });
    const texts = new Set<string>();
    for (const file of files) {
      for (const [literal] of decodeBytes(readFileSync(file)).text.matchAll(JSON_STRING_STARTING_WITH_BRACKET)) texts.add(decodeJsonString(literal));
    }
    expect(texts.size).toBeGreaterThan(10_000);
    expect([...texts].filter((text) => !agrees(text)).slice(0, 5)).toEqual([]);
  }, 120_000);

  it('on every UTF-16 code unit between tokens, after a sign, in a string literal, an identifier and a number', () => {
    const texts: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      texts.push(`[f(${c}'a'${c},${c}-${c}1${c})${c}]`, `[f('${c}')]`, `[a${c}b(1${c}2)]`);
    }
    expect(texts.filter((text) => !agrees(text)).slice(0, 5)).toEqual([]);
  });

  /** Pieces that make tokens, almost-tokens and the characters between them. */
  const fragment = fc.constantFrom(
    ...['(', ')', '[', ']', ',', '.', "'", "''", ' ', '\n', '\r\n', '\t', '\u00a0', '\u2028', '\ufeff', '\u0085', '\u180e', '\u200b'],
    ...['0', '7', '-', '+', 'e', 'E', '1e5', '-1', '+2', '0.5', '1..2', '-x', '1e', '0x1F'],
    ...['concat', 'parameters', 'ns', 'a', '_x', 'A9', 'é', 'ß', '\u0000', '\u001b', '\u009b', '😀', '\ud800', ';', '"', '\\', '{', '}', '$', '@'],
  );
  const fragments = fc.array(fragment, { maxLength: 40 }).map((pieces) => pieces.join(''));

  /** Well-formed expressions: calls (some namespaced), member and index access, literals, spaced variously. */
  const { expression } = fc.letrec<{ expression: string; primary: string; call: string }>((tie) => ({
    expression: fc.oneof(
      { depthIdentifier: 'expression', maxDepth: 6, withCrossShrink: true },
      tie('primary'),
      fc.tuple(tie('expression'), fc.constantFrom('a', 'name', 'properties', '_9')).map(([source, name]) => `${source}.${name}`),
      fc.tuple(tie('expression'), tie('expression')).map(([source, index]) => `${source}[${index}]`),
    ),
    primary: fc.oneof(
      { depthIdentifier: 'expression', maxDepth: 6 },
      // Past maxDepth oneof takes the first choice: a literal, so generation ends.
      fc.string({ unit: fc.constantFrom('a', "'", ' ', '(', ']', 'é', '\n') }).map((value) => `'${value.replaceAll("'", "''")}'`),
      fc.oneof(fc.integer(), fc.double({ noDefaultInfinity: true, noNaN: true })).map(String),
      tie('call'),
    ),
    call: fc
      .tuple(
        fc.constantFrom('concat', 'parameters', 'variables', 'ns.fn', 'ns . fn', 'x'),
        fc.array(tie('expression'), { maxLength: 4 }),
        fc.constantFrom(',', ', ', ' ,\n  '),
      )
      .map(([name, args, separator]) => `${name}(${args.join(separator)})`),
  }));

  /** A text with a few characters inserted or deleted at random places. */
  const mutated = (text: fc.Arbitrary<string>) =>
    fc
      .tuple(text, fc.array(fc.tuple(fc.nat(), fc.option(fragment, { nil: undefined })), { maxLength: 4 }))
      .map(([base, edits]) =>
        edits.reduce((current, [at, inserted]) => {
          const i = current.length === 0 ? 0 : at % current.length;
          return inserted === undefined ? current.slice(0, i) + current.slice(i + 1) : current.slice(0, i) + inserted + current.slice(i);
        }, base),
      );

  const bracketed = (text: fc.Arbitrary<string>) => text.map((inner) => `[${inner}]`);

  it.each([
    ['fragments of tokens', bracketed(fragments), 20_000],
    ['well-formed expressions', bracketed(expression), 5_000],
    ['mutated expressions', mutated(bracketed(expression)), 10_000],
    ['any text', fc.oneof(bracketed(fc.string({ unit: 'binary' })), fc.string({ unit: 'binary' })), 5_000],
  ] as const)('on %s', (_name, texts, numRuns) => {
    fc.assert(fc.property(texts, agrees), { numRuns });
  });

  it('on texts nested around the depth limit, with garbage and unterminated strings after', () => {
    const nested = fc
      .tuple(fc.integer({ min: MAX_EXPRESSION_DEPTH - 3, max: MAX_EXPRESSION_DEPTH + 3 }), fc.nat({ max: MAX_EXPRESSION_DEPTH + 5 }), fragments, fc.constantFrom('concat(', 'a[', 'b.c(', 'ns.f('))
      .map(([opened, closed, tail, opener]) => `[${opener.repeat(opened)}'a'${')'.repeat(closed)}${tail}]`);
    fc.assert(fc.property(mutated(nested), agrees), { numRuns: 2_000 });
  });
});

// ---------------------------------------------------------------------------------------------
// The reference: src/expression/tokenizer.ts and the parsing half of src/expression/parser.ts as
// they were before the rewrite for speed (commit bce00be), unchanged but for names and comments.
// ---------------------------------------------------------------------------------------------

type ReferenceTokenKind = '(' | ')' | '[' | ']' | ',' | '.' | 'identifier' | 'string' | 'number' | 'invalid' | 'end';

interface ReferenceToken {
  kind: ReferenceTokenKind;
  text: string;
  span: Span;
}

const REFERENCE_PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.']);

function referenceIsIdentifierStart(ch: string): boolean {
  return /[A-Za-z_]/.test(ch);
}

function referenceIsIdentifierPart(ch: string): boolean {
  return /[A-Za-z0-9_]/.test(ch);
}

function referenceIsDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function referenceTokenize(source: string, start: number, end: number, errors: ExpressionError[]): ReferenceToken[] {
  const tokens: ReferenceToken[] = [];
  let i = start;
  while (i < end) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (REFERENCE_PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as ReferenceTokenKind, text: ch, span: { start: i, end: i + 1 } });
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
    } else if (referenceIsDigit(ch) || ((ch === '-' || ch === '+') && referenceIsDigit(source[i + 1]))) {
      const tokenStart = i;
      i++;
      while (i < end && /[0-9.eE+-]/.test(source[i]!)) i++;
      tokens.push({ kind: 'number', text: source.slice(tokenStart, i), span: { start: tokenStart, end: i } });
    } else if (referenceIsIdentifierStart(ch)) {
      const tokenStart = i;
      i++;
      while (i < end && referenceIsIdentifierPart(source[i]!)) i++;
      tokens.push({ kind: 'identifier', text: source.slice(tokenStart, i), span: { start: tokenStart, end: i } });
    } else {
      tokens.push({ kind: 'invalid', text: ch, span: { start: i, end: i + 1 } });
      i++;
    }
  }
  tokens.push({ kind: 'end', text: '', span: { start: end, end } });
  return tokens;
}

function referenceParse(value: string): TemplateString {
  if (!value.startsWith('[') || !value.endsWith(']') || value.length < 2) return { kind: 'literal', value };
  if (value.startsWith('[[')) return { kind: 'literal', value: value.slice(1) };
  const errors: ExpressionError[] = [];
  const parser = new ReferenceParser(referenceTokenize(value, 1, value.length - 1, errors), errors);
  const expression = parser.parseRoot();
  return { kind: 'expression', expression, errors };
}

class ReferenceParser {
  private position = 0;
  private depth = 0;
  private abandoned = false;

  constructor(
    private readonly tokens: ReferenceToken[],
    private readonly errors: ExpressionError[],
  ) {}

  private current(): ReferenceToken {
    return this.tokens[this.position]!;
  }

  private peek(ahead: number): ReferenceToken {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!;
  }

  private advance(): ReferenceToken {
    const token = this.current();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private error(message: string, span: Span): void {
    if (this.abandoned) return;
    this.errors.push({ message, span });
  }

  private describe(token: ReferenceToken): string {
    if (token.kind === 'end') return 'the end of the expression';
    return token.kind === 'string' ? `string '${shortText(token.text)}'` : `'${shortText(token.text)}'`;
  }

  private expect(kind: ReferenceTokenKind, what: string): ReferenceToken | undefined {
    if (this.current().kind === kind) return this.advance();
    this.error(`Expected ${what} but found ${this.describe(this.current())}`, this.current().span);
    return undefined;
  }

  parseRoot(): Expression | undefined {
    if (this.current().kind === 'end') {
      this.error('Expected an expression inside the brackets', this.current().span);
      return undefined;
    }
    const expression = this.parseExpression();
    if (this.current().kind !== 'end') {
      const first = this.current();
      const last = this.tokens[this.tokens.length - 1]!;
      this.error(`Unexpected ${this.describe(first)} after the expression`, { start: first.span.start, end: last.span.start });
    }
    return expression;
  }

  private parseExpression(): Expression | undefined {
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      this.error(`The expression is nested deeper than ${MAX_EXPRESSION_DEPTH} levels`, this.current().span);
      this.abandoned = true;
      this.position = this.tokens.length - 1;
      return undefined;
    }
    this.depth++;
    try {
      return this.parseExpressionAt();
    } finally {
      this.depth--;
    }
  }

  private parseExpressionAt(): Expression | undefined {
    let expression = this.parsePrimary();
    while (expression) {
      if (this.current().kind === '.') {
        this.advance();
        const name = this.current();
        if (name.kind !== 'identifier') {
          this.error(`Expected a property name after '.' but found ${this.describe(name)}`, name.span);
          return expression;
        }
        this.advance();
        expression = { kind: 'member', source: expression, property: name.text, span: { start: expression.span.start, end: name.span.end } };
      } else if (this.current().kind === '[') {
        this.advance();
        const index = this.parseExpression();
        const close = this.expect(']', "']'");
        if (!index) return expression;
        const end = close ? close.span.end : index.span.end;
        expression = { kind: 'index', source: expression, index, span: { start: expression.span.start, end } };
      } else {
        break;
      }
    }
    return expression;
  }

  private parsePrimary(): Expression | undefined {
    const token = this.current();
    switch (token.kind) {
      case 'string':
        this.advance();
        return { kind: 'string', value: token.text, span: token.span };
      case 'number': {
        this.advance();
        const value = Number(token.text);
        if (Number.isNaN(value)) this.error(`Invalid number '${shortText(token.text)}'`, token.span);
        return { kind: 'number', value, span: token.span };
      }
      case 'identifier':
        return this.parseCall();
      default:
        this.error(`Expected a function call, string or number but found ${this.describe(token)}`, token.span);
        if (token.kind !== 'end' && token.kind !== ')' && token.kind !== ',' && token.kind !== ']') this.advance();
        return undefined;
    }
  }

  private parseCall(): CallExpression | undefined {
    let nameToken = this.advance();
    let namespace: string | undefined;
    if (this.current().kind === '.' && this.peek(1).kind === 'identifier' && this.peek(2).kind === '(') {
      namespace = nameToken.text;
      this.advance();
      nameToken = this.advance();
    }
    const start = namespace === undefined ? nameToken.span.start : nameToken.span.start - namespace.length - 1;
    if (this.current().kind !== '(') {
      this.error(`Expected '(' after '${shortText(nameToken.text)}' but found ${this.describe(this.current())}`, this.current().span);
      return undefined;
    }
    this.advance();
    const args: Expression[] = [];
    if (this.current().kind !== ')') {
      for (;;) {
        const before = this.position;
        const arg = this.parseExpression();
        if (arg) args.push(arg);
        if (this.current().kind === ',') {
          this.advance();
          continue;
        }
        if (this.current().kind === ')' || this.current().kind === 'end' || this.position === before) break;
        this.error(`Expected ',' or ')' but found ${this.describe(this.current())}`, this.current().span);
        break;
      }
    }
    const close = this.expect(')', `')' to close '${shortText(nameToken.text)}('`);
    const end = close ? close.span.end : this.current().span.start;
    return { kind: 'call', namespace, name: nameToken.text, nameSpan: nameToken.span, args, span: { start, end } };
  }
}
