/**
 * ARM template-language expression syntax tree. Spans are indices into the decoded JSON string
 * value (the `[` of `"[concat(...)]"` is index 0); SourceFile.offsetInString maps them to the file.
 */

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface CallExpression {
  kind: 'call';
  /** User-defined function namespace (`ns.fn()`), if any. */
  namespace: string | undefined;
  name: string;
  nameSpan: Span;
  args: Expression[];
  span: Span;
}

export interface StringLiteral {
  kind: 'string';
  value: string;
  span: Span;
}

export interface NumberLiteral {
  kind: 'number';
  value: number;
  span: Span;
}

/** `source.property` */
export interface MemberAccess {
  kind: 'member';
  source: Expression;
  property: string;
  span: Span;
}

/** `source[index]` */
export interface IndexAccess {
  kind: 'index';
  source: Expression;
  index: Expression;
  span: Span;
}

export type Expression = CallExpression | StringLiteral | NumberLiteral | MemberAccess | IndexAccess;

export interface ExpressionError {
  message: string;
  span: Span;
}

/** A JSON string value as ARM reads it: a plain string, or an expression to evaluate. */
export type TemplateString =
  | { kind: 'literal'; value: string }
  | { kind: 'expression'; expression: Expression | undefined; errors: ExpressionError[] };
