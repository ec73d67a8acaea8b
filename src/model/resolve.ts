import { parseTemplateString, type CallExpression, type Scope } from '../expression';
import type { JsonArray, JsonObject, JsonValue } from '../parse';

/**
 * Follows a value that is exactly `[variables('x')]` or `[parameters('x')]` to the JSON node that
 * defines it (the variable's value, the value a parent deployment passes, or the default), so
 * rules can point at real nodes when settings are kept in variables. Anything else stays as is.
 */
export class NodeResolver {
  constructor(private readonly scopeOf: (node: JsonValue) => Scope) {}

  resolve(node: JsonValue | undefined): JsonValue | undefined {
    const seen = new Set<JsonValue>();
    let current = node;
    while (current?.kind === 'string' && !seen.has(current)) {
      seen.add(current);
      const target = this.referencedNode(current.value, this.scopeOf(current));
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

  private referencedNode(text: string, scope: Scope): JsonValue | undefined {
    const parsed = parseTemplateString(text);
    if (parsed.kind !== 'expression' || parsed.errors.length > 0 || parsed.expression?.kind !== 'call') return undefined;
    return this.declaredNode(parsed.expression, scope);
  }

  /** The node that defines a `variables('x')` or `parameters('x')` call's value, seen from `scope`. */
  declaredNode(call: CallExpression, scope: Scope): JsonValue | undefined {
    const [argument] = call.args;
    if (call.namespace !== undefined || call.args.length !== 1 || argument?.kind !== 'string') return undefined;
    const name = argument.value.toLowerCase();
    switch (call.name.toLowerCase()) {
      case 'variables':
        return scope.variables.get(name)?.value;
      case 'parameters': {
        const declaration = scope.parameters.get(name);
        if (!declaration) return undefined;
        if (declaration.passed === 'keyVaultReference') return undefined;
        return declaration.passed ? declaration.passed.value : declaration.defaultValue;
      }
      default:
        return undefined;
    }
  }
}
