/**
 * What a DSC extension names of the configuration it deploys — the archive url, the script in
 * it, the Configuration, the arguments — taken together, one instance at a time: each instance
 * of its copy loop (arrays indexed by copyIndex() give their element), and each branch of an
 * if() when url, script and function vary with one condition. Values that vary otherwise are
 * paired only when just one of them varies; the rest is left unknown, never guessed.
 */
import { alternativesOf, choiceOf, isExpressionText, knownString, parseTemplateString, unknown } from '../../../src/expression';
import type { AbstractValue, Expression, Scope } from '../../../src/expression';
import type { AssumingEvaluation, DscExtension, FileModel } from '../../../src/model';
import { getObject, getProperty, getString, getValue, type JsonArray, type JsonNode, type JsonObject, type JsonProperty, type JsonString, type JsonValue } from '../../../src/parse';

/** Copy loops up to this count are checked instance by instance; larger ones as one instance. */
const MAX_COPY_INSTANCES = 16;

type CopyLoop = { name: string | undefined; index: number };

/** A name the extension gives (script, Configuration), where it is written. */
export interface NamedText {
  /** The node reported: the value as written in the extension's settings. */
  node: JsonValue;
  /** Undefined when it is not known before deployment. */
  text: string | undefined;
}

/** `public`: settings.configurationArguments; `protected`: protectedSettings'; `legacy`: 1.x settings.Properties. */
export type ArgumentPlace = 'public' | 'protected' | 'legacy';

export interface PassedArgument {
  name: string;
  /** Where a finding about it is reported: its key, its `Name` value, or the object that holds it. */
  node: JsonNode;
  /** The literal that spells the name, when renaming it is an edit of that one node. */
  nameNode: JsonString | undefined;
  place: ArgumentPlace;
  value: AbstractValue;
}

export interface PassedArguments {
  list: PassedArgument[];
  /** False when some argument's name is not known (built by an expression, known only at deployment). */
  complete: boolean;
  /** The first `configurationArguments` or `Properties` key, where a missing argument is reported. */
  anchor: JsonNode | undefined;
}

export interface ConfigurationReference {
  format: '2.x' | '1.x';
  url: { node: JsonValue; value: AbstractValue };
  script: NamedText | undefined;
  configuration: NamedText | undefined;
  /**
   * The arguments that go with them: one set, or one per alternative when the arguments alone
   * vary. Evaluated on first use (only a configuration that was found needs them).
   */
  arguments(): readonly PassedArguments[];
}

/**
 * Follows values that name other nodes — `variables('x')`, `parameters('x')` (what a parent
 * passes, else the default), an element `[n]` or `[copyIndex()]` of this instance, a member — to
 * the JSON node they stand for, so findings point at what is written.
 */
class StructureResolver {
  constructor(
    private readonly model: FileModel,
    private readonly copy: CopyLoop | undefined,
  ) {}

  resolve(node: JsonValue): JsonValue {
    const seen = new Set<JsonValue>();
    let current = node;
    while (current.kind === 'string' && !seen.has(current)) {
      seen.add(current);
      const parsed = parseTemplateString(current.value);
      if (parsed.kind !== 'expression' || !parsed.expression || parsed.errors.length > 0) break;
      const target = this.nodeOf(parsed.expression, this.model.templateOf(current).scope);
      if (!target) break;
      current = target;
    }
    return current;
  }

  private nodeOf(expression: Expression, scope: Scope): JsonValue | undefined {
    switch (expression.kind) {
      case 'call':
        return this.model.resolver.declaredNode(expression, scope);
      case 'member': {
        const source = this.resolvedNodeOf(expression.source, scope);
        return source?.kind === 'object' ? getValue(source, expression.property) : undefined;
      }
      case 'index': {
        const source = this.resolvedNodeOf(expression.source, scope);
        const index = this.indexOf(expression.index);
        if (source?.kind === 'array' && typeof index === 'number') return source.items[index];
        if (source?.kind === 'object' && typeof index === 'string') return getValue(source, index);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private resolvedNodeOf(expression: Expression, scope: Scope): JsonValue | undefined {
    const node = this.nodeOf(expression, scope);
    return node && this.resolve(node);
  }

  /** A literal index, or copyIndex() of this instance (as the evaluator's assumption gives it). */
  private indexOf(expression: Expression): number | string | undefined {
    if (expression.kind === 'number' || expression.kind === 'string') return expression.value;
    if (expression.kind !== 'call' || expression.name.toLowerCase() !== 'copyindex' || !this.copy) return undefined;
    const [first, second] = expression.args;
    const named = first?.kind === 'string';
    if (named && first.value.toLowerCase() !== this.copy.name?.toLowerCase()) return undefined;
    const offset = named ? second : first;
    if (offset === undefined) return this.copy.index;
    return offset.kind === 'number' ? this.copy.index + offset.value : undefined;
  }
}

/**
 * A value below the extension's `properties`: the node reached by following `keys` through
 * objects, and the keys left when an object is an expression (they are then taken from its
 * evaluated value). `property` holds `node` when no keys are left.
 */
interface Slot {
  node: JsonValue;
  keys: readonly string[];
  property: JsonProperty | undefined;
}

function slotOf(resolver: StructureResolver, properties: JsonObject, keys: readonly string[]): Slot | undefined {
  let node: JsonValue = properties;
  let property: JsonProperty | undefined;
  for (const [index, key] of keys.entries()) {
    const container = resolver.resolve(node);
    if (container.kind === 'string') return { node: container, keys: keys.slice(index), property };
    if (container.kind !== 'object') return undefined;
    property = getProperty(container, key);
    if (!property?.value) return undefined;
    node = property.value;
  }
  return { node, keys: [], property };
}

/** A member of an evaluated value; undefined when a known object has no such member. */
function memberOf(value: AbstractValue, key: string): AbstractValue | undefined {
  if (value.kind === 'object') return value.members.get(key.toLowerCase())?.value;
  if (value.kind !== 'choice') return unknown(`member(${key})`);
  const options = value.options.map((option) => memberOf(option, key));
  return options.every((option) => option === undefined) ? undefined : choiceOf(options.map((option) => option ?? unknown('absent')));
}

function valueOf(evaluation: AssumingEvaluation, slot: Slot): AbstractValue | undefined {
  let value: AbstractValue | undefined = evaluation.evaluate(slot.node);
  for (const key of slot.keys) value = value && memberOf(value, key);
  return value;
}

/** The reported node for a slot: the key of the property it is, or the expression it is part of. */
const anchorOf = (slot: Slot): JsonNode => (slot.keys.length === 0 && slot.property ? slot.property.key : slot.node);

type ArgumentList = Omit<PassedArguments, 'anchor'>;

const UNKNOWN_ARGUMENTS: ArgumentList = { list: [], complete: false };
const NO_ARGUMENTS: ArgumentList = { list: [], complete: true };

/** Arguments of an evaluated value: an object's members, or (1.x) an array of `{ Name, Value }`. */
function argumentsOfValue(value: AbstractValue, node: JsonNode, place: ArgumentPlace): ArgumentList {
  if (value.kind === 'null') return NO_ARGUMENTS;
  if (value.kind === 'object') {
    return { list: [...value.members.values()].map((member) => ({ name: member.key, node, nameNode: undefined, place, value: member.value })), complete: true };
  }
  if (value.kind !== 'array' || place !== 'legacy') return UNKNOWN_ARGUMENTS;
  const list: PassedArgument[] = [];
  for (const item of value.items) {
    const name = item.kind === 'object' ? knownString(memberOf(item, 'name') ?? unknown('absent')) : undefined;
    if (name === undefined) return UNKNOWN_ARGUMENTS;
    list.push({ name, node, nameNode: undefined, place, value: memberOf(item, 'value') ?? unknown('absent') });
  }
  return { list, complete: true };
}

/** Arguments written as JSON: the properties of an object, or (1.x) the items of an array. */
function argumentsOfNode(evaluation: AssumingEvaluation, resolver: StructureResolver, node: JsonObject | JsonArray, place: ArgumentPlace): ArgumentList {
  const list: PassedArgument[] = [];
  let complete = true;
  if (node.kind === 'object') {
    for (const property of node.properties) {
      if (!property.value) continue;
      // ARM does not evaluate keys; one that looks like an expression is not a name we can rely on.
      if (isExpressionText(property.key.value)) complete = false;
      else list.push({ name: property.key.value, node: property.key, nameNode: property.key, place, value: evaluation.evaluate(property.value) });
    }
    return { list, complete };
  }
  for (const item of node.items) {
    const entry = resolver.resolve(item);
    const nameNode = entry.kind === 'object' ? getValue(entry, 'name') : undefined;
    const name = nameNode && knownString(evaluation.evaluate(nameNode));
    if (entry.kind !== 'object' || !nameNode || name === undefined) {
      complete = false;
      continue;
    }
    const valueNode = getValue(entry, 'value');
    const literal = nameNode.kind === 'string' && !isExpressionText(nameNode.value) ? nameNode : undefined;
    list.push({ name, node: nameNode, nameNode: literal, place, value: valueNode ? evaluation.evaluate(valueNode) : unknown('absent') });
  }
  return { list, complete };
}

/** The alternatives of one arguments container (several when it is an if() of whole objects). */
function argumentsIn(evaluation: AssumingEvaluation, resolver: StructureResolver, slot: Slot, place: ArgumentPlace): ArgumentList[] {
  if (slot.keys.length === 0) {
    const node = resolver.resolve(slot.node);
    if (node.kind === 'object' || (node.kind === 'array' && place === 'legacy')) return [argumentsOfNode(evaluation, resolver, node, place)];
    if (node.kind === 'null') return [NO_ARGUMENTS];
    if (node.kind !== 'string') return [UNKNOWN_ARGUMENTS];
  }
  const value = valueOf(evaluation, slot);
  return value ? alternativesOf(value).map((option) => argumentsOfValue(option, anchorOf(slot), place)) : [NO_ARGUMENTS];
}

/** Every alternative set of arguments; unknown when two containers vary (they cannot be paired). */
function argumentAlternatives(evaluation: AssumingEvaluation, resolver: StructureResolver, containers: ReadonlyArray<[Slot | undefined, ArgumentPlace]>): PassedArguments[] {
  const present = containers.filter((container): container is [Slot, ArgumentPlace] => container[0] !== undefined);
  const anchor = present[0] && anchorOf(present[0][0]);
  const perContainer = present.map(([slot, place]) => argumentsIn(evaluation, resolver, slot, place));
  if (perContainer.filter((alternatives) => alternatives.length > 1).length > 1) return [{ ...UNKNOWN_ARGUMENTS, anchor }];
  let combined: ArgumentList[] = [NO_ARGUMENTS];
  for (const alternatives of perContainer) {
    combined = combined.flatMap((sofar) => alternatives.map((next) => ({ list: [...sofar.list, ...next.list], complete: sofar.complete && next.complete })));
  }
  return combined.map((list) => ({ ...list, anchor }));
}

/** `"Script.ps1\\Function"`: the script before the last backslash, the Configuration after it. */
function splitConfigurationFunction(text: string | undefined): { script: string | undefined; configuration: string | undefined } {
  const cut = text?.lastIndexOf('\\') ?? -1;
  if (text === undefined || cut <= 0 || cut === text.length - 1) return { script: undefined, configuration: undefined };
  return { script: text.slice(0, cut), configuration: text.slice(cut + 1) };
}

interface Named {
  script: NamedText | undefined;
  configuration: NamedText | undefined;
}

/** The instances of the copy loop the extension is declared in (its resource's or an ancestor's). */
function copyInstances(model: FileModel, dsc: DscExtension): Array<CopyLoop | undefined> {
  for (let resource = dsc.extension.resource ?? dsc.extension.target?.resource; resource; resource = resource.parent) {
    const copy = getObject(resource.node, 'copy');
    if (!copy) continue;
    const countNode = getValue(copy, 'count');
    const count = countNode && model.evaluate(countNode);
    // An unknown or large count: one instance, in which copyIndex() stays unknown.
    if (count?.kind !== 'number' || !Number.isInteger(count.value) || count.value < 1 || count.value > MAX_COPY_INSTANCES) return [undefined];
    const name = getString(copy, 'name');
    return Array.from({ length: count.value }, (_, index) => ({ name, index }));
  }
  return [undefined];
}

function referencesOfInstance(model: FileModel, properties: JsonObject, copy: CopyLoop | undefined): ConfigurationReference[] {
  const resolver = new StructureResolver(model, copy);
  const slot = (...keys: string[]): Slot | undefined => slotOf(resolver, properties, keys);
  const currentUrl = slot('settings', 'configuration', 'url');
  const urlSlot = currentUrl ?? slot('settings', 'modulesUrl');
  if (!urlSlot) return [];
  const format = currentUrl ? '2.x' : '1.x';
  const nameSlots = currentUrl
    ? [slot('settings', 'configuration', 'script'), slot('settings', 'configuration', 'function')]
    : [slot('settings', 'configurationFunction')];
  const argumentContainers: Array<[Slot | undefined, ArgumentPlace]> = [
    [slot('settings', 'configurationArguments'), 'public'],
    [slot('protectedSettings', 'configurationArguments'), 'protected'],
    [slot('settings', 'properties'), 'legacy'],
  ];

  const valuesIn = (evaluation: AssumingEvaluation) => [urlSlot, ...nameSlots].map((s) => (s ? valueOf(evaluation, s) : undefined));
  const first = model.evaluateAssuming({ copyLoop: copy });
  valuesIn(first);
  const [condition, ...more] = first.unknownConditions;
  // url, script and function that vary with one condition are taken branch by branch.
  const evaluations =
    condition !== undefined && more.length === 0
      ? [true, false].map((branch) => model.evaluateAssuming({ copyLoop: copy, conditions: new Map([[condition, branch]]) }))
      : [first];

  return evaluations.flatMap((evaluation) => {
    const [urlValue, ...nameValues] = valuesIn(evaluation);
    const urls = urlValue ? alternativesOf(urlValue) : [];
    const nameAlternatives = nameValues.map((value) => (value ? alternativesOf(value) : [undefined]));
    const named: Named[] = [];
    const varying = [urls, ...nameAlternatives].filter((alternatives) => alternatives.length > 1).length;
    if (varying <= 1) {
      // At most one of them varies, so each of its values goes with the others' single value.
      const [scriptValues = [undefined], configurationValues = [undefined]] = nameAlternatives;
      const text = (value: AbstractValue | undefined): string | undefined => value && knownString(value);
      for (const script of scriptValues) {
        for (const configuration of configurationValues) {
          if (format === '2.x') {
            named.push({
              script: nameSlots[0] && { node: nameSlots[0].node, text: text(script) },
              configuration: nameSlots[1] && { node: nameSlots[1].node, text: text(configuration) },
            });
          } else {
            const split = splitConfigurationFunction(text(script));
            const node = nameSlots[0]?.node;
            named.push({ script: node && { node, text: split.script }, configuration: node && { node, text: split.configuration } });
          }
        }
      }
    }
    // Values that vary apart cannot be paired: each url is still checked on its own.
    const pairs = varying <= 1 ? urls.flatMap((url) => named.map((names) => ({ url, ...names }))) : urls.map((url) => ({ url, script: undefined, configuration: undefined }));
    let argumentSets: PassedArguments[] | undefined;
    const args = (): PassedArguments[] => {
      argumentSets ??= argumentAlternatives(evaluation, resolver, argumentContainers);
      // Arguments that vary beside url, script or function cannot be paired with them.
      if (argumentSets.length > 1 && varying > 0) argumentSets = [{ ...UNKNOWN_ARGUMENTS, anchor: argumentSets[0]!.anchor }];
      return argumentSets;
    };
    return pairs.map((pair) => ({ format, url: { node: urlSlot.node, value: pair.url }, script: pair.script, configuration: pair.configuration, arguments: args }));
  });
}

/** The configuration references of a DSC extension, instance by instance (see the module comment). */
export function configurationReferences(model: FileModel, dsc: DscExtension): ConfigurationReference[] {
  const properties = dsc.extension.properties;
  return properties ? copyInstances(model, dsc).flatMap((copy) => referencesOfInstance(model, properties, copy)) : [];
}
