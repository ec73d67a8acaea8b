import type { JsonValue } from '../parse/json-nodes';
import type { CallExpression, Expression } from './ast';
import { MAX_COMBINATIONS, MAX_EVALUATION_DEPTH, MAX_EVALUATION_STEPS, MAX_EVALUATION_WORK } from './budgets';
import { callBuiltIn } from './functions';
import { parseTemplateString } from './parser';
import { isSecretParameter, type ParameterDeclaration, type Scope, type VariableDeclaration } from './scope';
import {
  alternativesOf,
  arrayOf,
  booleanValue,
  choiceOf,
  knownString,
  literalString,
  mergeProvenance,
  nullValue,
  numberValue,
  objectOf,
  plainValue,
  unknown,
  valueKey,
  withProvenance,
  type AbstractValue,
} from './values';

/** Where a budget ran out, for tests and diagnostics. */
export type ExhaustedBudget = 'steps' | 'work' | 'depth';

/**
 * What an evaluation may take as given where the template alone leaves a value unknown, so that
 * values that vary together can be evaluated together: one instance of a copy loop, one branch
 * of an `if()`.
 */
export interface Assumptions {
  /** The instance of the resource's copy loop: `copyIndex()` and `copyIndex('<name>')` give `index`. */
  copyLoop?: { name: string | undefined; index: number };
  /** Values of `if()` conditions that are otherwise unknown, by the condition's canonical key. */
  conditions?: ReadonlyMap<string, boolean>;
}

/**
 * A tab stop, placeholder, choice or variable of an editor snippet (`$1`, `${1:name}`, `${1|a,b|}`,
 * `$TM_FILENAME`): the user fills it in when the snippet is inserted, so its text is not the value.
 */
const SNIPPET_PLACEHOLDER = /\$[\w{]/;

/**
 * Partial evaluator for template values. Results are memoised per node: a node always belongs to
 * one template, so it is always evaluated in the same scope. Reference cycles are unknown. One
 * Evaluator serves one file, and its budgets (budgets.ts) bound the time and memory of that file.
 */
export class Evaluator {
  private readonly nodeValues = new WeakMap<JsonValue, AbstractValue>();
  private readonly declarationValues = new WeakMap<ParameterDeclaration | VariableDeclaration, AbstractValue>();
  private readonly inProgress = new Set<object>();
  private steps = 0;
  private work = 0;
  private depth = 0;
  /** The first budget that ran out, if any. */
  exhausted: ExhaustedBudget | undefined;
  /** Canonical keys of the `if()` conditions met that were neither known nor assumed. */
  readonly unknownConditions = new Set<string>();

  /** `snippet`: the file is an editor snippet, where a string with a placeholder in it is unknown. */
  constructor(
    private readonly assumptions: Assumptions = {},
    private readonly snippet = false,
  ) {}

  /** The value of a JSON node (which may be or contain expressions) evaluated in `scope`. */
  evaluate(node: JsonValue, scope: Scope): AbstractValue {
    const cached = this.nodeValues.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return unknown('cycle');
    if (this.depth >= MAX_EVALUATION_DEPTH) return this.exhaust('depth');
    this.inProgress.add(node);
    this.depth++;
    try {
      const value = this.evaluateUncached(node, scope);
      this.nodeValues.set(node, value);
      return value;
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
  }

  /** The same text is the same value: a tab stop used twice is filled in once. */
  private literal(text: string): AbstractValue {
    return this.snippet && SNIPPET_PLACEHOLDER.test(text) ? unknown(`snippet(${text})`) : literalString(text);
  }

  private exhaust(budget: ExhaustedBudget): AbstractValue {
    this.exhausted ??= budget;
    return unknown(`budget(${budget})`);
  }

  private evaluateUncached(node: JsonValue, scope: Scope): AbstractValue {
    switch (node.kind) {
      case 'string': {
        const parsed = parseTemplateString(node.value);
        if (parsed.kind === 'literal') return this.literal(parsed.value);
        if (!parsed.expression || parsed.errors.length > 0) return unknown(`invalid(${node.value})`);
        return this.evaluateExpression(parsed.expression, scope);
      }
      case 'number':
        return numberValue(node.value);
      case 'boolean':
        return booleanValue(node.value);
      case 'null':
        return nullValue();
      case 'array':
        return arrayOf(node.items.map((item) => this.evaluate(item, scope)));
      case 'object': {
        const members = new Map<string, { key: string; value: AbstractValue }>();
        for (const property of node.properties) {
          if (!property.value) continue;
          members.set(property.key.value.toLowerCase(), { key: property.key.value, value: this.evaluate(property.value, scope) });
        }
        return objectOf(members);
      }
    }
  }

  evaluateExpression(expression: Expression, scope: Scope): AbstractValue {
    switch (expression.kind) {
      case 'string':
        return this.literal(expression.value);
      case 'number':
        return numberValue(expression.value);
      case 'member':
        return member(this.evaluateExpression(expression.source, scope), expression.property);
      case 'index': {
        const source = this.evaluateExpression(expression.source, scope);
        const index = this.evaluateExpression(expression.index, scope);
        return indexInto(source, index);
      }
      case 'call':
        if (++this.steps > MAX_EVALUATION_STEPS) return this.exhaust('steps');
        return this.call(expression, scope);
    }
  }

  private call(call: CallExpression, scope: Scope): AbstractValue {
    const name = call.name.toLowerCase();
    if (call.namespace !== undefined) {
      const args = call.args.map((a) => this.evaluateExpression(a, scope));
      return unknown(`${call.namespace.toLowerCase()}.${name}(${args.map(valueKey).join(',')})`, mergeProvenance(args));
    }
    if (name === 'parameters' || name === 'variables') return this.reference(name, call, scope);
    if (name === 'if') return this.conditional(call, scope);
    if (name === 'copyindex' && this.assumptions.copyLoop) return this.assumedCopyIndex(call, scope, this.assumptions.copyLoop);
    const args = call.args.map((a) => this.evaluateExpression(a, scope));
    return this.expandChoices(args, (values) => this.charged(values, () => callBuiltIn(name, values, () => `${name}(${values.map(valueKey).join(',')})`)));
  }

  /** Run a built-in, counting its arguments' and result's sizes against the work budget. */
  private charged(args: readonly AbstractValue[], compute: () => AbstractValue): AbstractValue {
    for (const arg of args) this.work += arg.size;
    if (this.work > MAX_EVALUATION_WORK) return this.exhaust('work');
    const result = compute();
    this.work += result.size;
    return result;
  }

  /** Run `compute` over every combination of choice arguments; a choice of the results. */
  private expandChoices(args: AbstractValue[], compute: (values: AbstractValue[]) => AbstractValue): AbstractValue {
    if (!args.some((a) => a.kind === 'choice')) return compute(args);
    let count = 1;
    for (const arg of args) {
      count *= alternativesOf(arg).length;
      if (count > MAX_COMBINATIONS) return unknown('choices', mergeProvenance(args));
    }
    let combinations: AbstractValue[][] = [[]];
    for (const arg of args) {
      const options = alternativesOf(arg);
      combinations = combinations.flatMap((prefix) => options.map((option) => [...prefix, option]));
    }
    return choiceOf(combinations.map(compute));
  }

  private conditional(call: CallExpression, scope: Scope): AbstractValue {
    const [conditionExpression, whenTrue, whenFalse] = call.args;
    if (!conditionExpression || !whenTrue || !whenFalse) return unknown('if()');
    const condition = this.evaluateExpression(conditionExpression, scope);
    if (condition.kind === 'boolean') return this.evaluateExpression(condition.value ? whenTrue : whenFalse, scope);
    const key = valueKey(condition);
    const assumed = this.assumptions.conditions?.get(key);
    if (assumed !== undefined) return this.evaluateExpression(assumed ? whenTrue : whenFalse, scope);
    this.unknownConditions.add(key);
    return choiceOf([this.evaluateExpression(whenTrue, scope), this.evaluateExpression(whenFalse, scope)]);
  }

  /** `copyIndex([loopName], [offset])` in the assumed instance; another loop's index stays unknown. */
  private assumedCopyIndex(call: CallExpression, scope: Scope, loop: { name: string | undefined; index: number }): AbstractValue {
    const args = call.args.map((a) => this.evaluateExpression(a, scope));
    const [first, second] = args;
    const loopName = first?.kind === 'string' ? knownString(first) : undefined;
    const offset = first?.kind === 'string' ? second : first;
    const unknownIndex = (): AbstractValue => unknown(`copyindex(${args.map(valueKey).join(',')})`);
    if (first?.kind === 'string' && (loopName === undefined || loopName.toLowerCase() !== loop.name?.toLowerCase())) return unknownIndex();
    if (offset === undefined) return numberValue(loop.index);
    return offset.kind === 'number' ? numberValue(loop.index + offset.value) : unknownIndex();
  }

  private reference(kind: 'parameters' | 'variables', call: CallExpression, scope: Scope): AbstractValue {
    const [nameArgument] = call.args;
    const nameValue = nameArgument ? this.evaluateExpression(nameArgument, scope) : undefined;
    const name = nameValue?.kind === 'string' && nameValue.parts.length === 1 ? nameValue.parts[0] : undefined;
    if (typeof name !== 'string') return unknown(`${kind}(?)`, nameValue ?? undefined);
    if (kind === 'parameters') {
      const declaration = scope.parameters.get(name.toLowerCase());
      return declaration ? this.parameterValue(declaration) : unknown(`parameters('${name.toLowerCase()}')#${scope.id}`);
    }
    const declaration = scope.variables.get(name.toLowerCase());
    return declaration ? this.variableValue(declaration) : unknown(`variables('${name.toLowerCase()}')#${scope.id}`);
  }

  /** The value a parameter takes: what the parent deployment passes, else its default value. */
  parameterValue(declaration: ParameterDeclaration): AbstractValue {
    return this.declarationValue(declaration, () => {
      const fromFile = declaration.fileValue;
      const origin = { kind: 'parameter' as const, name: declaration.name, ...(fromFile ? { file: fromFile.file } : {}) };
      const provenance = { secret: isSecretParameter(declaration), origins: [origin] };
      const key = `parameters('${declaration.name.toLowerCase()}')#${declaration.scope.id}`;
      const passed = declaration.passed;
      let value: AbstractValue;
      if (fromFile) value = 'value' in fromFile ? plainValue(fromFile.value) : unknown(key, { secret: true, origins: [] });
      else if (passed === 'keyVaultReference') value = unknown(key, { secret: true, origins: [] });
      else if (passed) value = this.evaluate(passed.value, passed.scope);
      else if (declaration.defaultValue) value = this.evaluate(declaration.defaultValue, declaration.scope);
      else value = unknown(key);
      return withProvenance(value, provenance);
    });
  }

  variableValue(declaration: VariableDeclaration): AbstractValue {
    return this.declarationValue(declaration, () => {
      const provenance = { secret: false, origins: [{ kind: 'variable' as const, name: declaration.name }] };
      const value = declaration.value
        ? this.evaluate(declaration.value, declaration.scope)
        : unknown(`variables('${declaration.name.toLowerCase()}')#${declaration.scope.id}`);
      return withProvenance(value, provenance);
    });
  }

  private declarationValue(declaration: ParameterDeclaration | VariableDeclaration, compute: () => AbstractValue): AbstractValue {
    const cached = this.declarationValues.get(declaration);
    if (cached) return cached;
    if (this.inProgress.has(declaration)) return unknown(`cycle(${declaration.name})`);
    if (++this.steps > MAX_EVALUATION_STEPS) return this.exhaust('steps');
    this.inProgress.add(declaration);
    try {
      const value = compute();
      this.declarationValues.set(declaration, value);
      return value;
    } finally {
      this.inProgress.delete(declaration);
    }
  }
}

function member(source: AbstractValue, property: string): AbstractValue {
  if (source.kind === 'object') {
    const found = source.members.get(property.toLowerCase());
    return found ? withProvenance(found.value, source) : unknown(`${valueKey(source)}.${property.toLowerCase()}`, source);
  }
  if (source.kind === 'choice') return choiceOf(source.options.map((option) => member(option, property)), source);
  return unknown(`${valueKey(source)}.${property.toLowerCase()}`, source);
}

/**
 * `source[index]`. An unknown index into a known array (such as `copyIndex()`) may be any element:
 * the choice of them, when there are few enough.
 */
function indexInto(source: AbstractValue, index: AbstractValue): AbstractValue {
  if (source.kind === 'array' && index.kind === 'number') {
    const item = source.items[index.value];
    if (item) return withProvenance(item, source);
  }
  if (source.kind === 'array' && index.kind === 'unknown' && source.items.length > 0) {
    return choiceOf(source.items, mergeProvenance([source, ...source.items]));
  }
  if (source.kind === 'object' && index.kind === 'string' && index.parts.length === 1 && typeof index.parts[0] === 'string') {
    return member(source, index.parts[0]);
  }
  if (source.kind === 'choice') return choiceOf(source.options.map((option) => indexInto(option, index)), source);
  return unknown(`${valueKey(source)}[${valueKey(index)}]`, mergeProvenance([source, index]));
}
