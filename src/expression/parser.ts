import type { CallExpression, Expression, ExpressionError, Span, TemplateString } from './ast';
import { MAX_EXPRESSION_DEPTH } from './budgets';
import { shortText } from './display';
import { tokenize, type Token, type TokenKind } from './tokenizer';

/**
 * ARM reads a string as an expression when it starts with `[` and ends with `]`;
 * a leading `[[` escapes that and the string is the literal without its first `[`.
 */
export function isExpressionText(value: string): boolean {
  return value.length >= 2 && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** Expressions recur across files (`[parameters('location')]`): parse each once. */
const cache = new Map<string, TemplateString>();
const CACHE_LIMIT = 20_000;
/** Longer texts are not cached, so the cache holds little memory. */
const CACHED_TEXT_LIMIT = 2_000;

/** A copy of `text` that shares no memory with the string it was sliced from. */
function unshared(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Parse a JSON string value as ARM does; never throws. Results are shared: do not mutate them. */
export function parseTemplateString(value: string): TemplateString {
  if (!isExpressionText(value)) return parseUncached(value);
  const cached = cache.get(value);
  if (cached) return cached;
  if (value.length > CACHED_TEXT_LIMIT) return parseUncached(value);
  // A string value from the parser is a slice of the file's text: a cached copy, and everything
  // parsed from it, must not keep the whole text alive.
  const own = unshared(value);
  const result = parseUncached(own);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(own, result);
  return result;
}

function parseUncached(value: string): TemplateString {
  if (!value.startsWith('[') || !value.endsWith(']') || value.length < 2) return { kind: 'literal', value };
  if (value.startsWith('[[')) return { kind: 'literal', value: value.slice(1) };
  const errors: ExpressionError[] = [];
  const parser = new Parser(tokenize(value, 1, value.length - 1, errors), errors);
  const expression = parser.parseRoot();
  return { kind: 'expression', expression, errors };
}

class Parser {
  private position = 0;
  private depth = 0;
  /** Set when the text is too deeply nested to read: later errors would only follow from it. */
  private abandoned = false;

  constructor(
    private readonly tokens: Token[],
    private readonly errors: ExpressionError[],
  ) {}

  /** A method, not a getter: TypeScript would narrow a getter's type across advance(). */
  private current(): Token {
    return this.tokens[this.position]!;
  }

  private peek(ahead: number): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const token = this.current();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private error(message: string, span: Span): void {
    if (this.abandoned) return;
    this.errors.push({ message, span });
  }

  private describe(token: Token): string {
    if (token.kind === 'end') return 'the end of the expression';
    // Messages quote template text, so a long token is shortened.
    return token.kind === 'string' ? `string '${shortText(token.text)}'` : `'${shortText(token.text)}'`;
  }

  private expect(kind: TokenKind, what: string): Token | undefined {
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
      // Reported once; the rest of the text is skipped, so no error follows from this one.
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
        // Leave separators and closers to the caller, which resynchronises on them.
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
