import { knownString, type AbstractValue } from '../expression';
import { getProperty, getValue, owningProperty, type JsonObject, type JsonString, type JsonValue } from '../parse';
import { extensionProfileItems, nameSegments } from './compute';
import { isDscProperties } from './dsc';
import type { NodeResolver } from './resolve';
import type { ComputeKind, ComputeTarget, DscExtension, Extension, Misplacement, Resource } from './types';

/** Keys a scale-set profile item copied from the resource form carries, which ARM rejects there. */
const RESOURCE_ONLY_KEYS = ['type', 'apiVersion', 'location', 'dependsOn'];

/** Extension resources of instance-level and other valid parents that this model does not place. */
const OTHER_VALID_EXTENSION_PARENTS = ['microsoft.compute/virtualmachinescalesets/virtualmachines'];

interface Inputs {
  resources: Resource[];
  computeTargets: ComputeTarget[];
  extensions: Extension[];
  dscExtensions: DscExtension[];
  resolver: NodeResolver;
  evaluate: (node: JsonValue) => AbstractValue;
}

/** The property key that holds `node` (or holds the array it sits in). */
function holdingKey(node: JsonValue): JsonString | undefined {
  const property = owningProperty(node);
  if (property) return property.key;
  const parent = node.parent;
  return parent?.kind === 'array' ? holdingKey(parent) : undefined;
}

/**
 * Find DSC extension objects ARM will not take where they are, or whose shape is for another
 * placement. Only places whose structure is known are searched (compute resources, extension
 * resources, extension settings), so data that merely resembles an extension is left alone.
 */
export function findMisplacements({ resources, computeTargets, extensions, dscExtensions, resolver, evaluate }: Inputs): Misplacement[] {
  const found: Misplacement[] = [];
  const accounted = new Set<JsonObject>(dscExtensions.map((d) => d.extension.node));
  const isDscObject = (node: JsonObject): boolean => isDscProperties(resolver.resolveObject(getValue(node, 'properties')), evaluate);

  for (const target of computeTargets) {
    const properties = resolver.resolveObject(getValue(target.resource.node, 'properties'));
    const profileProperty = getProperty(properties, 'extensionProfile');
    const items = extensionProfileItems(resolver.resolveObject(profileProperty?.value), resolver).filter(isDscObject);
    if (profileProperty && items.length > 0) {
      items.forEach((item) => accounted.add(item));
      found.push({ node: items[0]!, reason: { kind: 'extension-profile-under-properties', computeKind: target.kind, key: profileProperty.key } });
    }
  }

  // Extension resources whose parent is not a VM or scale set (a bare `extensions` type has none).
  for (const resource of resources) {
    const match = /^(?:(.*)\/)?extensions$/i.exec(resource.fullType ?? '');
    if (!match || accounted.has(resource.node) || !resource.typeNode) continue;
    const parentType = match[1];
    if (OTHER_VALID_EXTENSION_PARENTS.includes(parentType?.toLowerCase() ?? '') || !isDscObject(resource.node)) continue;
    accounted.add(resource.node);
    found.push({ node: resource.node, reason: { kind: 'child-type-under-wrong-parent', parentType, typeNode: resource.typeNode } });
  }

  for (const dsc of dscExtensions) for (const problem of shapeProblems(dsc, evaluate)) found.push(problem);

  // DSC objects inside any extension's settings, then anywhere else inside a VM or scale set
  // (in that order: a scale set's properties contain its profile extensions' settings).
  const searchRoots: Array<{ node: JsonValue | undefined; computeKind: ComputeKind | undefined }> = [
    ...extensions.flatMap((e) => [
      { node: resolver.resolve(getValue(e.properties, 'settings')), computeKind: undefined },
      { node: resolver.resolve(getValue(e.properties, 'protectedSettings')), computeKind: undefined },
    ]),
    ...computeTargets.map((t) => ({ node: getValue(t.resource.node, 'properties'), computeKind: t.kind })),
  ];
  for (const { node, computeKind } of searchRoots) {
    walkObjects(node, (object) => {
      if (accounted.has(object) || !isDscObject(object)) return;
      accounted.add(object);
      const key = holdingKey(object);
      found.push({
        node: object,
        reason: computeKind ? { kind: 'not-an-extension-place', key, computeKind } : { kind: 'nested-in-extension-settings', key },
      });
    });
  }
  return found;
}

function walkObjects(node: JsonValue | undefined, visit: (object: JsonObject) => void): void {
  if (!node) return;
  if (node.kind === 'object') {
    visit(node);
    for (const property of node.properties) walkObjects(property.value, visit);
  } else if (node.kind === 'array') {
    for (const item of node.items) walkObjects(item, visit);
  }
}

/** Problems with the shape of a DSC extension that is in a valid placement. */
function shapeProblems(dsc: DscExtension, evaluate: (node: JsonValue) => AbstractValue): Misplacement[] {
  const { extension } = dsc;
  const problems: Misplacement[] = [];
  const add = (reason: Misplacement['reason']): void => {
    problems.push({ node: extension.node, reason });
  };

  if (extension.placement === 'vmss-profile') {
    for (const key of RESOURCE_ONLY_KEYS) {
      const property = getProperty(extension.node, key);
      if (property) add({ kind: 'profile-item-resource-key', key: property.key });
    }
  }

  const resource = extension.resource;
  if (resource?.typeNode && resource.nameNode) {
    const name = evaluate(resource.nameNode);
    const segments = nameSegments(name);
    if (segments) {
      const typeText = resource.typeNode.value;
      if (!typeText.includes('/')) {
        if (segments.length > 1) add({ kind: 'child-name-has-slash', nameNode: resource.nameNode });
      } else {
        const expected = typeText.split('/').length - 1;
        // Unknown pieces might hold a '/', so too few segments is only certain for a known name.
        if (segments.length > expected || (segments.length < expected && knownString(name) !== undefined)) {
          add({ kind: 'name-segments', nameNode: resource.nameNode, type: typeText, expected, found: segments.length });
        }
      }
    }
  }

  for (const key of ['settings', 'protectedSettings']) {
    const property = getProperty(extension.node, key);
    if (property) add({ kind: 'settings-beside-properties', key: property.key });
  }
  for (const key of ['protectedSettings', 'publicSettings']) {
    const property = getProperty(dsc.settings, key);
    if (property) add({ kind: 'nested-in-settings', key: property.key });
  }
  return problems;
}
