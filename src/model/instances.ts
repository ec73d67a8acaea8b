import { parseTemplateString, type Expression } from '../expression';
import { getString, getValue, owningProperty, type JsonObject, type JsonValue } from '../parse';
import type { Extension, Resource } from './types';

/**
 * When a declaration is deployed, as far as the template text tells. Conditions are compared as
 * written, not evaluated: a condition is a switch set at deployment, and a parameter's default
 * is not what every deployment passes.
 */
export interface DeploymentCondition {
  /** Some condition is the literal `false`: the declaration is never deployed. */
  never: boolean;
  /**
   * Every other condition that must hold (literal `true` ones left out), as canonical text
   * prefixed with the scope it is evaluated in: equal keys are the same condition.
   */
  requires: ReadonlySet<string>;
}

/** An expression as canonical text: names ARM compares case-insensitively are lower-cased. */
export function canonicalExpression(expression: Expression): string {
  switch (expression.kind) {
    case 'string':
      return JSON.stringify(expression.value);
    case 'number':
      return String(expression.value);
    case 'member':
      return `${canonicalExpression(expression.source)}.${expression.property.toLowerCase()}`;
    case 'index':
      return `${canonicalExpression(expression.source)}[${canonicalExpression(expression.index)}]`;
    case 'call': {
      const name = `${expression.namespace === undefined ? '' : `${expression.namespace.toLowerCase()}.`}${expression.name.toLowerCase()}`;
      const namesDeclaration = name === 'parameters' || name === 'variables';
      const args = expression.args.map((arg, i) =>
        i === 0 && namesDeclaration && arg.kind === 'string' ? JSON.stringify(arg.value.toLowerCase()) : canonicalExpression(arg),
      );
      return `${name}(${args.join(',')})`;
    }
  }
}

/** A `condition` value: literally true or false, or the key of what it requires. */
function conditionOf(node: JsonValue, scopeId: number): boolean | string {
  if (node.kind === 'boolean') return node.value;
  if (node.kind !== 'string') return `${scopeId}:${node.kind}@${node.offset}`;
  const parsed = parseTemplateString(node.value);
  if (parsed.kind === 'literal' || !parsed.expression || parsed.errors.length > 0) return `${scopeId}:${JSON.stringify(node.value)}`;
  const { expression } = parsed;
  if (expression.kind === 'call' && expression.namespace === undefined && expression.args.length === 0) {
    const name = expression.name.toLowerCase();
    if (name === 'true' || name === 'false') return name === 'true';
  }
  return `${scopeId}:${canonicalExpression(expression)}`;
}

/**
 * The conditions under which a resource is deployed: its own `condition`, its parents' (a
 * nested child goes with its parent) and those of the nested deployments that hold it.
 */
export function resourceCondition(resource: Resource): DeploymentCondition {
  const requires = new Set<string>();
  let never = false;
  const holders: Resource[] = [];
  for (let current: Resource | undefined = resource; current; current = current.parent ?? current.template.deployment) holders.push(current);
  for (const holder of holders) {
    const node = getValue(holder.node, 'condition');
    if (!node) continue;
    const condition = conditionOf(node, holder.template.scope.id);
    if (condition === false) never = true;
    else if (condition !== true) requires.add(condition);
  }
  return { never, requires };
}

/** An extension's conditions: a scale set profile item is deployed with its scale set. */
export function extensionCondition(extension: Extension): DeploymentCondition | undefined {
  const resource = extension.resource ?? extension.target?.resource;
  return resource && resourceCondition(resource);
}

/**
 * The copy loop that repeats an extension declaration: a resource's `copy`, or the property loop
 * named "extensions" of an extensionProfile whose `input` is the profile item.
 */
export function extensionCopyLoop(extension: Extension): JsonObject | undefined {
  if (extension.resource) {
    const copy = getValue(extension.resource.node, 'copy');
    return copy?.kind === 'object' ? copy : undefined;
  }
  const holder = owningProperty(extension.node);
  const loop = holder?.parent;
  if (holder?.key.value.toLowerCase() !== 'input' || getString(loop, 'name')?.toLowerCase() !== 'extensions') return undefined;
  return loop;
}
