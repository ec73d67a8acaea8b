import type { CallExpression, Expression, ExpressionError, Span, TemplateString } from './ast';
import { MAX_EXPRESSION_DEPTH } from './budgets';
import { shortText } from './display';
import { Tokenizer, type TokenKind } from './tokenizer';

/**
 * ARM reads a string as an expression when it starts with `[` and ends with `]`;
 * a leading `[[` escapes that and the string is the literal without its first `[`.
 */
export function isExpressionText(value: string): boolean {
  return value.length >= 2 && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** Expressions recur across files (`[parameters('location')]`): parse each once. */
const cache = new Map<string, TemplateString>();
/**
 * An entry holds about 1.6 KB with its tree. At 20,000 entries the cache was most of a corpus run's
 * live heap (32 MB, against 12 MB for all else between files); 2,000 keep nearly all of the time it saves,
 * since the expressions that recur are few and are parsed again soon after a clear.
 */
const CACHE_LIMIT = 2_000;
/** Longer texts are not cached, so the cache holds little memory. */
const CACHED_TEXT_LIMIT = 2_000;

/**
 * A copy of `text` that shares no memory with the string it was sliced from. Slicing the
 * concatenation first flattens it into a new string, so the result is a slice of (or, when short,
 * a copy from) that private string: it refers to neither `text` nor its parent, which
 * bench/expressions.js measures. Half the cost of a JSON round trip.
 */
function unshared(text: string): string {
  return (' ' + text).slice(1);
}

/** Parse a JSON string value as ARM does; never throws. Results are shared: do not mutate them. */
export function parseTemplateString(value: string): TemplateString {
  // Long texts are never cached, so they are not looked up (hashing one reads all of it).
  if (!isExpressionText(value) || value.length > CACHED_TEXT_LIMIT) return parseUncached(value);
  const cached = cache.get(value);
  if (cached) return cached;
  // A string value from the parser is a slice of the file's text: a cached copy, and everything
  // parsed from it, must not keep the whole text alive.
  const own = unshared(value);
  const result = parseUncached(own);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(own, result);
  return result;
}

/** parseTemplateString() without the cache: for benchmarks and tests of the parser itself. */
export function parseUncached(value: string): TemplateString {
  if (!value.startsWith('[') || !value.endsWith(']') || value.length < 2) return { kind: 'literal', value };
  if (value.startsWith('[[')) return { kind: 'literal', value: value.slice(1) };
  const errors: ExpressionError[] = [];
  const expression = new Parser(new Tokenizer(value, 1, value.length - 1), errors).parseRoot();
  return { kind: 'expression', expression, errors };
}

class Parser {
  private depth = 0;
  /** Set when the text is too deeply nested to read: later errors would only follow from it. */
  private abandoned = false;

  constructor(
    /** The current token; advancing it reads the next. */
    private readonly token: Tokenizer,
    private readonly errors: ExpressionError[],
  ) {}

  /** A method, not a property read: TypeScript would narrow the kind across advance(). */
  private current(): TokenKind {
    return this.token.kind;
  }

  private currentSpan(): Span {
    return { start: this.token.start, end: this.token.end };
  }

  private error(message: string, span: Span): void {
    if (this.abandoned) return;
    this.errors.push({ message, span });
  }

  /** The current token as messages name it; only called for errors, so the success path builds no text. */
  private describeCurrent(): string {
    const { kind, text } = this.token;
    if (kind === 'end') return 'the end of the expression';
    // Messages quote template text, so a long token is shortened.
    return kind === 'string' ? `string '${shortText(text)}'` : `'${shortText(text)}'`;
  }

  /** Consume the current token if it is a `kind`: its end, or -1 (nothing consumed) if it is not. */
  private consume(kind: TokenKind): number {
    if (this.current() !== kind) return -1;
    const end = this.token.end;
    this.token.advance();
    return end;
  }

  parseRoot(): Expression | undefined {
    let expression: Expression | undefined;
    if (this.current() === 'end') {
      this.error('Expected an expression inside the brackets', this.currentSpan());
    } else {
      expression = this.parseExpression();
      if (this.current() !== 'end') {
        this.error(`Unexpected ${this.describeCurrent()} after the expression`, { start: this.token.start, end: this.token.limit });
      }
    }
    this.token.skipToEnd();
    if (this.token.unterminatedStart >= 0) {
      // First: the parser errors after it follow from the string swallowing the rest of the text.
      this.errors.unshift({ message: 'Unterminated string literal', span: { start: this.token.unterminatedStart, end: this.token.limit } });
    }
    return expression;
  }

  private parseExpression(): Expression | undefined {
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      // Reported once; the rest of the text is skipped, so no error follows from this one.
      this.error(`The expression is nested deeper than ${MAX_EXPRESSION_DEPTH} levels`, this.currentSpan());
      this.abandoned = true;
      this.token.skipToEnd();
      return undefined;
    }
    this.depth++;
    const expression = this.parseExpressionAt();
    this.depth--;
    return expression;
  }

  private parseExpressionAt(): Expression | undefined {
    let expression = this.parsePrimary();
    while (expression) {
      if (this.current() === '.') {
        this.token.advance();
        if (this.current() !== 'identifier') {
          this.error(`Expected a property name after '.' but found ${this.describeCurrent()}`, this.currentSpan());
          return expression;
        }
        const property = this.token.text;
        const end = this.token.end;
        this.token.advance();
        expression = { kind: 'member', source: expression, property, span: { start: expression.span.start, end } };
      } else if (this.current() === '[') {
        this.token.advance();
        const index = this.parseExpression();
        const close = this.consume(']');
        if (close < 0) this.error(`Expected ']' but found ${this.describeCurrent()}`, this.currentSpan());
        if (!index) return expression;
        const end = close >= 0 ? close : index.span.end;
        expression = { kind: 'index', source: expression, index, span: { start: expression.span.start, end } };
      } else {
        break;
      }
    }
    return expression;
  }

  private parsePrimary(): Expression | undefined {
    const { kind, text } = this.token;
    switch (kind) {
      case 'string': {
        const span = this.currentSpan();
        this.token.advance();
        return { kind: 'string', value: text, span };
      }
      case 'number': {
        const span = this.currentSpan();
        this.token.advance();
        const value = Number(text);
        if (Number.isNaN(value)) this.error(`Invalid number '${shortText(text)}'`, span);
        return { kind: 'number', value, span };
      }
      case 'identifier':
        return this.parseCall();
      default:
        this.error(`Expected a function call, string or number but found ${this.describeCurrent()}`, this.currentSpan());
        // Leave separators and closers to the caller, which resynchronises on them.
        if (kind !== 'end' && kind !== ')' && kind !== ',' && kind !== ']') this.token.advance();
        return undefined;
    }
  }

  private parseCall(): CallExpression | undefined {
    let name = this.token.text;
    let nameSpan = this.currentSpan();
    this.token.advance();
    let namespace: string | undefined;
    if (this.current() === '.' && this.token.peek(1) === 'identifier' && this.token.peek(2) === '(') {
      namespace = name;
      this.token.advance();
      name = this.token.text;
      nameSpan = this.currentSpan();
      this.token.advance();
    }
    const start = namespace === undefined ? nameSpan.start : nameSpan.start - namespace.length - 1;
    if (this.current() !== '(') {
      this.error(`Expected '(' after '${shortText(name)}' but found ${this.describeCurrent()}`, this.currentSpan());
      return undefined;
    }
    this.token.advance();
    const args: Expression[] = [];
    if (this.current() !== ')') {
      for (;;) {
        // Tokens start at increasing offsets: an argument that read nothing leaves the same start.
        const before = this.token.start;
        const arg = this.parseExpression();
        if (arg) args.push(arg);
        if (this.current() === ',') {
          this.token.advance();
          continue;
        }
        if (this.current() === ')' || this.current() === 'end' || this.token.start === before) break;
        this.error(`Expected ',' or ')' but found ${this.describeCurrent()}`, this.currentSpan());
        break;
      }
    }
    const close = this.consume(')');
    if (close < 0) this.error(`Expected ')' to close '${shortText(name)}(' but found ${this.describeCurrent()}`, this.currentSpan());
    const end = close >= 0 ? close : this.token.start;
    return { kind: 'call', namespace, name, nameSpan, args, span: { start, end } };
  }
}
