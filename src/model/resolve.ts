import { budgets, knownString, parseTemplateString, type AbstractValue, type Expression, type Scope } from '../expression';
import { getValue, type JsonArray, type JsonObject, type JsonValue } from '../parse';

/** Evaluates a sub-expression (an index, an if() condition) in a scope. */
export type ExpressionEvaluator = (expression: Expression, scope: Scope) => AbstractValue;

/**
 * Follows a value that is exactly `[variables('x')]` or `[parameters('x')]` to the JSON node that
 * defines it (the variable's value, the value a parent deployment passes, or the default), so
 * rules can point at real nodes when settings are kept in variables. Anything else stays as is.
 */
export class NodeResolver {
  constructor(
    private readonly scopeOf: (node: JsonValue) => Scope,
    private readonly evaluateExpression: ExpressionEvaluator,
  ) {}

  resolve(node: JsonValue | undefined): JsonValue | undefined {
    const seen = new Set<JsonValue>();
    let current = node;
    while (current?.kind === 'string' && !seen.has(current)) {
      seen.add(current);
      const parsed = parseTemplateString(current.value);
      const target = parsed.kind === 'expression' && parsed.errors.length === 0 ? this.declaredNode(parsed.expression, this.scopeOf(current)) : undefined;
      if (!target) break;
      current = target;
    }
    return current;
  }

  resolveObject(node: JsonValue | undefined): JsonObject | undefined {
    const resolved = this.resolve(node);
    return resolved?.kind === 'object' ? resolved : undefined;
  }

  resolveArray(node: JsonValue | undefined): JsonArray | undefined {
    const resolved = this.resolve(node);
    return resolved?.kind === 'array' ? resolved : undefined;
  }

  /**
   * The JSON nodes a value is taken from, one per alternative. Beyond resolve(), it follows a
   * member (`.configuration`, `['configuration']`) or an item (`[0]`) of a referenced value, where
   * an index not known here, such as `copyIndex()`, may pick any item; and both branches of an
   * `if()` whose condition is not known. A value it cannot follow completely (another function, a
   * member that is not there, a cycle, more than MAX_CHOICES alternatives) is its own only source.
   */
  sources(node: JsonValue): JsonValue[] {
    const found: JsonValue[] = [];
    const pending: JsonValue[] = [node];
    const seen = new Set<JsonValue>();
    for (let current = pending.shift(); current; current = pending.shift()) {
      if (seen.has(current)) return [node];
      seen.add(current);
      const next = current.kind === 'string' ? this.traceString(current) : undefined;
      if (next) pending.push(...next);
      else found.push(current);
      if (found.length + pending.length > budgets.MAX_CHOICES) return [node];
    }
    return found;
  }

  private traceString(node: JsonValue & { kind: 'string' }): JsonValue[] | undefined {
    const parsed = parseTemplateString(node.value);
    if (parsed.kind !== 'expression' || parsed.errors.length > 0 || !parsed.expression) return undefined;
    return this.trace(parsed.expression, this.scopeOf(node));
  }

  /** The nodes an expression takes its value from, or undefined when it computes a new value. */
  private trace(expression: Expression, scope: Scope): JsonValue[] | undefined {
    switch (expression.kind) {
      case 'call': {
        if (expression.namespace === undefined && expression.name.toLowerCase() === 'if') return this.traceIf(expression.args, scope);
        const referenced = this.declaredNode(expression, scope);
        return referenced ? [referenced] : undefined;
      }
      case 'member':
        return this.traceInto(expression.source, scope, (container) => (container.kind === 'object' ? getValue(container, expression.property) : undefined));
      case 'index': {
        const index = this.evaluateExpression(expression.index, scope);
        const key = knownString(index);
        return this.traceInto(expression.source, scope, (container) => {
          if (container.kind === 'object') return key !== undefined ? getValue(container, key) : undefined;
          if (container.kind !== 'array') return undefined;
          if (index.kind === 'number') return container.items[index.value];
          return index.kind === 'unknown' && container.items.length > 0 ? container.items : undefined;
        });
      }
      default:
        return undefined;
    }
  }

  private traceIf(args: readonly Expression[], scope: Scope): JsonValue[] | undefined {
    const [condition, whenTrue, whenFalse] = args;
    if (!condition || !whenTrue || !whenFalse || args.length !== 3) return undefined;
    const value = this.evaluateExpression(condition, scope);
    if (value.kind === 'boolean') return this.trace(value.value ? whenTrue : whenFalse, scope);
    const branches = [this.trace(whenTrue, scope), this.trace(whenFalse, scope)];
    return branches.every((b) => b !== undefined) ? branches.flat() : undefined;
  }

  /** Follow `source`, then pick from each container it may be; undefined when any pick fails. */
  private traceInto(source: Expression, scope: Scope, pick: (container: JsonValue) => JsonValue | JsonValue[] | undefined): JsonValue[] | undefined {
    const containers = this.trace(source, scope)?.flatMap((node) => this.sources(node));
    const picked: JsonValue[] = [];
    for (const container of containers ?? []) {
      const items = pick(container);
      if (!items) return undefined;
      picked.push(...(Array.isArray(items) ? items : [items]));
    }
    return containers ? picked : undefined;
  }

  /** The node that defines a `variables('x')` or `parameters('x')` call's value, seen from `scope`. */
  declaredNode(call: Expression | undefined, scope: Scope): JsonValue | undefined {
    const [argument] = call?.kind === 'call' ? call.args : [];
    if (call?.kind !== 'call' || call.namespace !== undefined || call.args.length !== 1 || argument?.kind !== 'string') return undefined;
    const name = argument.value.toLowerCase();
    switch (call.name.toLowerCase()) {
      case 'variables':
        return scope.variables.get(name)?.value;
      case 'parameters': {
        const declaration = scope.parameters.get(name);
        if (!declaration) return undefined;
        // A value from a parameters file or Key Vault is no node of this file.
        if (declaration.passed === 'keyVaultReference' || declaration.fileValue) return undefined;
        return declaration.passed ? declaration.passed.value : declaration.defaultValue;
      }
      default:
        return undefined;
    }
  }
}
