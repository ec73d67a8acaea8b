import { buildModel, type Extension, type FileModel } from '../../src/model';
import { parseSource, type JsonNode, type JsonProperty, type JsonValue } from '../../src/parse';
import { template } from './lint';

/** Parse `text` and build its model; throws on syntax errors or a non-object root. */
export function modelOf(text: string): FileModel {
  const source = parseSource(text);
  if (source.errors.length > 0) throw new Error(`The test template does not parse: ${source.errors[0]!.message}`);
  if (source.root?.kind !== 'object') throw new Error('The test template is not an object');
  return buildModel(source, source.root);
}

/** The model of a minimal template around `resources` (and optional parameters/variables). */
export function modelOfTemplate(parts: Parameters<typeof template>[0]): FileModel {
  return modelOf(template(parts));
}

type PathStep = string | number;

/**
 * The property at `path` below `value`, matched on exact (case-sensitive) keys, independently of
 * the model's case-insensitive lookups; the last of duplicate keys is taken.
 */
export function propertyAt(value: JsonValue | undefined, ...path: PathStep[]): JsonProperty {
  const last = path[path.length - 1];
  if (typeof last !== 'string') throw new Error('propertyAt needs a path ending in a key');
  const holder = nodeAt(value, ...path.slice(0, -1));
  const matches = holder.kind === 'object' ? holder.properties.filter((p) => p.key.value === last) : [];
  const property = matches[matches.length - 1];
  if (!property) throw new Error(`No property ${JSON.stringify(last)} at ${JSON.stringify(path.slice(0, -1))}`);
  return property;
}

/** The node at `path` below `value` (keys exact, numbers index arrays). */
export function nodeAt(value: JsonValue | undefined, ...path: PathStep[]): JsonValue {
  let current = value;
  for (const [index, step] of path.entries()) {
    if (typeof step === 'number') current = current?.kind === 'array' ? current.items[step] : undefined;
    else current = current?.kind === 'object' ? current.properties.filter((p) => p.key.value === step).pop()?.value : undefined;
    if (!current) throw new Error(`No node at ${JSON.stringify(path.slice(0, index + 1))}`);
  }
  if (!current) throw new Error('No root node');
  return current;
}

/** Extension properties naming the DSC handler, with `extra` merged in. */
export function dscProperties(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.77', autoUpgradeMinorVersion: true, ...extra };
}

/** A virtual machine resource named `name`, with `extra` merged in. */
export function virtualMachine(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-03-01', name, location: 'westeurope', properties: {}, ...extra };
}

/** A scale set resource named `name`, with `extra` merged in. */
export function scaleSet(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Microsoft.Compute/virtualMachineScaleSets', apiVersion: '2023-03-01', name, location: 'westeurope', properties: {}, ...extra };
}

/** A scale set whose virtualMachineProfile.extensionProfile.extensions holds `items`. */
export function scaleSetWithProfile(name: string, items: unknown[]): Record<string, unknown> {
  return scaleSet(name, { properties: { virtualMachineProfile: { extensionProfile: { extensions: items } } } });
}

/** An extension resource (`type` short or full) with DSC properties unless `properties` is given. */
export function extensionResource(type: string, name: string, properties: unknown = dscProperties()): Record<string, unknown> {
  return { type, apiVersion: '2023-03-01', name, location: 'westeurope', properties };
}

export const VM_EXTENSION_TYPE = 'Microsoft.Compute/virtualMachines/extensions';
export const SCALE_SET_EXTENSION_TYPE = 'Microsoft.Compute/virtualMachineScaleSets/extensions';

/** An inline nested deployment around `inner` (a template object) with optional scope and passed parameters. */
export function nestedDeployment(
  name: string,
  inner: Record<string, unknown>,
  options: { scope?: 'inner' | 'outer'; parameters?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: {
      mode: 'Incremental',
      ...(options.scope ? { expressionEvaluationOptions: { scope: options.scope } } : {}),
      ...(options.parameters ? { parameters: options.parameters } : {}),
      template: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', ...inner },
    },
  };
}

/** The only item of `items`; fails the test when there is not exactly one. */
export function only<T>(items: readonly T[]): T {
  expect(items.length).toBe(1);
  return items[0]!;
}

/** An extension as the fields placement tests compare (the target as its resource node's label). */
export function placementOf(extension: Extension): unknown {
  return labelled({ placement: extension.placement, targetKind: extension.targetKind, target: extension.target?.resource.node });
}

const NODE_KINDS = new Set(['object', 'array', 'string', 'number', 'boolean', 'null', 'property']);

function isJsonNode(value: unknown): value is JsonNode {
  const candidate = value as Partial<JsonNode> | null;
  return typeof candidate === 'object' && candidate !== null && NODE_KINDS.has(candidate.kind as string) && typeof candidate.offset === 'number';
}

/** A short, unique-within-a-file description of a node: kind, offset, length and a hint of its content. */
export function nodeLabel(node: JsonNode): string {
  const where = `@${node.offset}+${node.length}`;
  if (node.kind === 'property') return `property ${JSON.stringify(node.key.value)} ${where}`;
  if (node.kind === 'object' || node.kind === 'array') return `${node.kind} ${where}`;
  return `${node.kind} ${JSON.stringify(node.value)} ${where}`;
}

/**
 * `value` with every JSON node replaced by its label, so structures holding nodes compare by node
 * identity and print readable diffs (nodes themselves are large cyclic trees).
 */
export function labelled(value: unknown): unknown {
  if (isJsonNode(value)) return nodeLabel(value);
  if (Array.isArray(value)) return value.map(labelled);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, labelled(member)]));
  }
  return value;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The received value is the very node `expected` (identity), described by labels on failure. */
      toBeNode(expected: JsonNode | undefined): R;
    }
  }
}

expect.extend({
  toBeNode(received: unknown, expected: JsonNode | undefined) {
    const pass = received === expected;
    const describe = (value: unknown) => (isJsonNode(value) ? nodeLabel(value) : String(value));
    return { pass, message: () => `expected ${describe(received)} ${pass ? 'not ' : ''}to be the node ${describe(expected)}` };
  },
});
