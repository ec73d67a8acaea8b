import { parseTemplateString, type CallExpression, type Expression, type Scope } from '../expression';
import { getString, getValue, owningProperty, type JsonObject, type JsonValue } from '../parse';
import type { Extension, FileModel, Resource, Template } from './types';

/**
 * When a declaration is deployed, as far as the template tells. A condition that depends on what
 * a deployment chooses (the root template's parameters: a default is only what is deployed when
 * nothing is passed) is compared as written; one that does not is evaluated.
 */
export interface DeploymentCondition {
  /** Some condition is known to be false: the declaration is never deployed. */
  never: boolean;
  /**
   * Every condition that must hold and is not known, as canonical text prefixed with the scope it
   * is evaluated in: equal keys are the same condition.
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

/**
 * Whether a value may change with what a deployment passes: it reads a root template parameter
 * (directly, or through variables, parameter defaults and values passed to nested templates), or
 * a parameter or variable that cannot be followed.
 */
function readsDeploymentInput(node: JsonValue, scope: Scope, root: Scope): boolean {
  const followed = new Set<object>();
  const pending: Array<{ node: JsonValue; scope: Scope }> = [{ node, scope }];
  const follow = (declaration: object, next: JsonValue | undefined, nextScope: Scope): boolean => {
    if (!next) return true;
    if (!followed.has(declaration)) pending.push({ node: next, scope: nextScope });
    followed.add(declaration);
    return false;
  };
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { node: current, scope: at } = item;
    if (current.kind === 'object') for (const property of current.properties) if (property.value) pending.push({ node: property.value, scope: at });
    if (current.kind === 'array') for (const element of current.items) pending.push({ node: element, scope: at });
    if (current.kind !== 'string') continue;
    const parsed = parseTemplateString(current.value);
    if (parsed.kind !== 'expression' || !parsed.expression) continue;
    for (const call of callsIn(parsed.expression)) {
      const kind = call.name.toLowerCase();
      if (call.namespace !== undefined || (kind !== 'parameters' && kind !== 'variables')) continue;
      const [argument] = call.args;
      if (argument?.kind !== 'string') return true;
      const name = argument.value.toLowerCase();
      if (kind === 'variables') {
        const variable = at.variables.get(name);
        if (!variable || follow(variable, variable.value, variable.scope)) return true;
        continue;
      }
      const parameter = at.parameters.get(name);
      if (!parameter || parameter.scope === root || parameter.passed === 'keyVaultReference') return true;
      const [next, nextScope] = parameter.passed ? [parameter.passed.value, parameter.passed.scope] : [parameter.defaultValue, parameter.scope];
      if (follow(parameter, next, nextScope)) return true;
    }
  }
  return false;
}

/** Every call in an expression. */
export function callsIn(expression: Expression): CallExpression[] {
  const calls: CallExpression[] = [];
  const pending: Expression[] = [expression];
  for (let current = pending.pop(); current; current = pending.pop()) {
    if (current.kind === 'call') {
      calls.push(current);
      pending.push(...current.args);
    } else if (current.kind === 'member') {
      pending.push(current.source);
    } else if (current.kind === 'index') {
      pending.push(current.source, current.index);
    }
  }
  return calls;
}

/** A `condition` value: known true or false, or the key of what it requires. */
function conditionOf(node: JsonValue, template: Template, model: FileModel): boolean | string {
  if (node.kind === 'boolean') return node.value;
  const key = `${template.scope.id}:`;
  if (node.kind !== 'string') return `${key}${node.kind}@${node.offset}`;
  const parsed = parseTemplateString(node.value);
  if (parsed.kind === 'literal' || !parsed.expression || parsed.errors.length > 0) return `${key}${JSON.stringify(node.value)}`;
  if (!readsDeploymentInput(node, template.scope, model.root.scope)) {
    const value = model.evaluate(node);
    if (value.kind === 'boolean') return value.value;
  }
  return `${key}${canonicalExpression(parsed.expression)}`;
}

/**
 * The conditions under which a resource is deployed: its own `condition`, its parents' (a
 * nested child goes with its parent) and those of the nested deployments that hold it.
 */
export function resourceCondition(resource: Resource, model: FileModel): DeploymentCondition {
  const requires = new Set<string>();
  let never = false;
  const holders: Resource[] = [];
  for (let current: Resource | undefined = resource; current; current = current.parent ?? current.template.deployment) holders.push(current);
  for (const holder of holders) {
    const node = getValue(holder.node, 'condition');
    if (!node) continue;
    const condition = conditionOf(node, holder.template, model);
    if (condition === false) never = true;
    else if (condition !== true) requires.add(condition);
  }
  return { never, requires };
}

/** An extension's conditions: a scale set profile item is deployed with its scale set. */
export function extensionCondition(extension: Extension, model: FileModel): DeploymentCondition | undefined {
  const resource = extension.resource ?? extension.target?.resource;
  return resource && resourceCondition(resource, model);
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
