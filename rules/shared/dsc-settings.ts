import { describeOrigin, displayValue, hasOrigin, knownString, literalFragments, originText, possibleValues, quoted, shortText, toPlain, type AbstractValue } from '../../src/expression';
import type { DscExtension, FileModel, NodeResolver } from '../../src/model';
import { contains, getValue, type JsonNodeBase, type JsonObject, type JsonString, type JsonValue } from '../../src/parse';

export const ARTIFACTS_SAS_TOKEN = '_artifactsLocationSasToken';
/** A SAS query written into the template: `?sv=…` or `&sig=…`. */
export const SAS_QUERY = /[?&](sig|sv)=/i;

/**
 * True when a value carries the artifacts SAS token or a literal SAS query: the test dsc-sas-token
 * applies to URLs, so other rules can leave those findings to it.
 */
export function carriesSasToken(value: AbstractValue): boolean {
  return hasOrigin(value, 'parameter', ARTIFACTS_SAS_TOKEN) || literalFragments(value).some((text) => SAS_QUERY.test(text));
}


/**
 * The target of a report on a node of an extension's settings. A node outside the extension sits
 * in a variable or parameter the settings come from, maybe shared by several extensions: the
 * extension is then the subject, so a suppression at the extension covers the finding too.
 */
export function reportAt(dsc: DscExtension, node: JsonNodeBase): { node: JsonNodeBase; subject?: JsonNodeBase } {
  return contains(dsc.extension.node, node) ? { node } : { node, subject: dsc.extension.node };
}

/** What is wrong with the shape of a configurationArguments value, when it is known not to be an object. */
export type ArgumentsShape = { problem: 'array'; node: JsonValue } | { problem: 'not-object'; node: JsonValue; shown: string };

/**
 * configurationArguments must be a hashtable (an object): the extension fails with "Invalid
 * configurationArguments type" otherwise (§1.1). Null counts as absent; unknown values pass.
 */
export function argumentsShape(model: FileModel, value: JsonValue | undefined): ArgumentsShape | undefined {
  if (!value) return undefined;
  const node = model.resolver.resolve(value) ?? value;
  if (node.kind === 'object' || node.kind === 'null') return undefined;
  if (node.kind === 'array') return { problem: 'array', node };
  // The value as referenced keeps where it came from (and whether it is secret); the node it resolves to is reported.
  const evaluated = model.evaluate(value);
  if (evaluated.kind === 'array') return { problem: 'array', node };
  const plain = toPlain(evaluated);
  // Only a fully known string, number or boolean is known not to be an object.
  if (typeof plain === 'string' || typeof plain === 'number' || typeof plain === 'boolean') {
    return { problem: 'not-object', node, shown: shownWithSource(model, node, evaluated, [plain]) };
  }
  return undefined;
}

/**
 * Every string a value can take (each alternative of an `if`), or undefined when any alternative
 * is not a fully known string. `null` alternatives are kept as null.
 */
export function possibleStrings(value: AbstractValue): Array<string | null> | undefined {
  const options = possibleValues(value);
  if (!options) return undefined;
  const strings = options.map((option) => (option.kind === 'null' ? null : knownString(option)));
  return strings.every((s) => s !== undefined) ? (strings as Array<string | null>) : undefined;
}

/**
 * Known values as a message shows them — `"5.1PP"`, or `"a" or "b"` for an `if` — with where they
 * came from: `"5.1PP" (from variables('wmf'))`. A secret is shown by its name, never its text.
 */
export function shownWithSource(model: FileModel, node: JsonValue, value: AbstractValue, values: ReadonlyArray<string | number | boolean>): string {
  if (value.secret) return displayValue(value);
  const definedIn = model.declarationContaining(node);
  const origin = describeOrigin(value) ?? (definedIn && originText(definedIn));
  const shown = [...new Set(values)].map((v) => (typeof v === 'string' ? quoted(v) : String(v))).join(' or ');
  return origin ? `${shown} (from ${origin})` : shown;
}

/** One step from a settings object down to a value: a key of an object, or an index of an array. */
export type Step = { key: string; object: JsonObject } | { index: number };

/**
 * Visit every string under `root`, in document order, following whole-value references to the
 * objects and arrays they name (a variable holding a credential object is looked into). `skip`
 * leaves out a subtree by the steps that lead to it. Iterative, and each node is visited once.
 */
export function walkStrings(
  root: JsonValue,
  resolver: NodeResolver,
  visit: (node: JsonString, steps: readonly Step[]) => void,
  skip: (steps: readonly Step[]) => boolean = () => false,
): void {
  const stack: Array<{ node: JsonValue; steps: Step[] }> = [{ node: root, steps: [] }];
  const seen = new Set<JsonValue>();
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const resolved = resolver.resolve(entry.node) ?? entry.node;
    const node = resolved.kind === 'object' || resolved.kind === 'array' ? resolved : entry.node;
    if (seen.has(node)) continue;
    seen.add(node);
    const children: Array<{ node: JsonValue; steps: Step[] }> = [];
    if (node.kind === 'string') {
      visit(node, entry.steps);
    } else if (node.kind === 'array') {
      node.items.forEach((item, index) => children.push({ node: item, steps: [...entry.steps, { index }] }));
    } else if (node.kind === 'object') {
      for (const property of node.properties) {
        if (property.value) children.push({ node: property.value, steps: [...entry.steps, { key: property.key.value, object: node }] });
      }
    }
    // Pushed in reverse so that they are visited in document order.
    for (const child of children.reverse()) if (!skip(child.steps)) stack.push(child);
  }
}

/** A settings path for messages: `settings.configurationArguments.AdminCreds.Password`, `settings.Properties[1].Value`. */
export function pathText(root: string, steps: readonly Step[]): string {
  return shortText(root + steps.map((step) => ('index' in step ? `[${step.index}]` : `.${step.key}`)).join(''));
}

/**
 * A `{ "Name": …, "Value": … }` pair (with an optional `TypeName`), the shape of legacy 1.x
 * `Properties` arrays and of the old array-form configurationArguments example.
 */
export function nameValuePair(object: JsonObject): { name: JsonString; value: JsonValue } | undefined {
  const onlyPairKeys = object.properties.every((p) => ['name', 'value', 'typename'].includes(p.key.value.toLowerCase()));
  const name = getValue(object, 'name');
  const value = getValue(object, 'value');
  return onlyPairKeys && name?.kind === 'string' && value ? { name, value } : undefined;
}
