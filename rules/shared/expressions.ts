import type { CallExpression, Expression, Span } from '../../src/expression';
import type { Fix, SuggestionDescriptor } from '../../src/engine';
import type { JsonString, SourceFile, SourceLocation } from '../../src/parse';

/** File offsets of a span of a string node's decoded value (JSON escapes accounted for). */
export function spanRange(source: SourceFile, node: JsonString, span: Span): [number, number] {
  return [source.offsetInString(node, span.start), source.offsetInString(node, span.end)];
}

/** Where a span of a string node's decoded value is in the file. */
export function spanLocation(source: SourceFile, node: JsonString, span: Span): SourceLocation {
  const [start, end] = spanRange(source, node, span);
  return source.locationOf(start, end - start);
}

/** A fix that replaces a span of a string node with `text` (decoded: it is JSON-escaped here). */
export function replaceSpan(source: SourceFile, node: JsonString, span: Span, text: string): Fix {
  return { range: spanRange(source, node, span), text: JSON.stringify(text).slice(1, -1) };
}

/** The message of the `escapeBracket` suggestion, for the rules that offer it. */
export const ESCAPE_BRACKET_MESSAGE = 'Start the string with "[[" so that ARM keeps it as literal text.';

/** The suggestion to start a string with `[[`, so that ARM keeps it as literal text (for Azure Policy, say). */
export function escapeBracketSuggestion(source: SourceFile, node: JsonString): SuggestionDescriptor<'escapeBracket'> {
  const offset = source.offsetInString(node, 0);
  return { messageId: 'escapeBracket', fix: () => ({ range: [offset, offset], text: '[' }) };
}

/** `text` as an expression's string literal: single-quoted, with `''` for a quote. */
export function stringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Every function call of an expression, outer calls before the calls in their arguments. */
export function callsOf(expression: Expression): CallExpression[] {
  const calls: CallExpression[] = [];
  const stack = [expression];
  for (let current = stack.pop(); current; current = stack.pop()) {
    switch (current.kind) {
      case 'call':
        calls.push(current);
        for (let i = current.args.length - 1; i >= 0; i--) stack.push(current.args[i]!);
        break;
      case 'member':
        stack.push(current.source);
        break;
      case 'index':
        stack.push(current.index, current.source);
        break;
    }
  }
  return calls;
}

/**
 * `find` memoised per parsed expression. Parse results are shared by equal texts across strings
 * and files (parseTemplateString caches them), so each text is examined once.
 */
export function perExpression<T>(find: (expression: Expression) => T[]): (expression: Expression | undefined) => readonly T[] {
  const none: readonly T[] = [];
  const found = new WeakMap<Expression, readonly T[]>();
  return (expression) => {
    if (!expression) return none;
    let result = found.get(expression);
    if (!result) {
      const list = find(expression);
      result = list.length > 0 ? list : none;
      found.set(expression, result);
    }
    return result;
  };
}
