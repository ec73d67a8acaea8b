import { knownString, type AbstractValue } from '../expression';
import { getProperty, getValue, owningProperty, type JsonObject, type JsonString, type JsonValue } from '../parse';
import { extensionProfileItems, nameSegments, SCALE_SET_TYPE, VIRTUAL_MACHINE_TYPE } from './compute';
import { isDscProperties } from './dsc';
import type { NodeResolver } from './resolve';
import type { ComputeKind, ComputeTarget, DscExtension, Extension, Misplacement, MisplacementReason, Resource } from './types';

/** Keys a scale-set profile item copied from the resource form carries, which ARM rejects there. */
const RESOURCE_ONLY_KEYS = ['type', 'apiVersion', 'location', 'dependsOn'];

/** Extension resources of instance-level and other valid parents that this model does not place. */
const OTHER_VALID_EXTENSION_PARENTS = ['microsoft.compute/virtualmachinescalesets/virtualmachines'];
/** Resource types that take extensions: VMs and scale sets (placed by compute.ts), and the others above. */
const EXTENSION_PARENTS = new Set([VIRTUAL_MACHINE_TYPE.toLowerCase(), SCALE_SET_TYPE.toLowerCase(), ...OTHER_VALID_EXTENSION_PARENTS]);
/** An extension resource type: `extensions` alone, or a parent type followed by `/extensions`. */
const EXTENSION_TYPE = /^(?:(.*)\/)?extensions$/i;

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

  // Extension resources whose parent is not a VM or scale set. For a nested one the enclosing
  // resource is the parent, whatever its own type says; a top-level `extensions` type has none.
  const extensionResources = resources.filter((r): r is Resource & { typeNode: JsonString } => r.typeNode !== undefined && EXTENSION_TYPE.test(r.fullType ?? ''));
  for (const resource of extensionResources) {
    const { typeNode } = resource;
    if (accounted.has(resource.node) || !isDscObject(resource.node)) continue;
    const parentType = resource.parent ? resource.parent.fullType : EXTENSION_TYPE.exec(typeNode.value)?.[1];
    // An enclosing resource without a type, or with an expression for one, may be anything.
    if (resource.parent && (parentType === undefined || parentType.startsWith('['))) continue;
    let reason: MisplacementReason;
    if (parentType !== undefined && EXTENSION_PARENTS.has(parentType.toLowerCase())) {
      // Nested in a VM or scale set: a full type must name that parent.
      if (!typeNode.value.includes('/') || typeNode.value.toLowerCase() === `${parentType.toLowerCase()}/extensions`) continue;
      reason = { kind: 'nested-type-of-other-parent', parentType, typeNode };
    } else {
      reason = { kind: 'child-type-under-wrong-parent', parentType, typeNode };
    }
    accounted.add(resource.node);
    found.push({ node: resource.node, reason });
  }

  for (const dsc of dscExtensions) for (const problem of shapeProblems(dsc, evaluate)) found.push(problem);

  // DSC objects inside any extension's settings, then anywhere else inside a VM or scale set
  // (in that order: a scale set's properties contain its profile extensions' settings).
  const extensionProperties = new Set([
    ...extensions.map((e) => e.properties),
    ...extensionResources.map((r) => resolver.resolveObject(getValue(r.node, 'properties'))),
  ]);
  const searchRoots: Array<{ node: JsonValue | undefined; computeKind: ComputeKind | undefined }> = [
    ...[...extensionProperties].flatMap((properties) => [
      { node: resolver.resolve(getValue(properties, 'settings')), computeKind: undefined },
      { node: resolver.resolve(getValue(properties, 'protectedSettings')), computeKind: undefined },
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
