import { stringOf, valueKey, type AbstractValue, type UnknownValue } from '../expression';
import { getString, getValue, type JsonObject, type JsonValue } from '../parse';
import type { NodeResolver } from './resolve';
import { isType } from './templates';
import type { ComputeKind, ComputeTarget, Extension, Placement, Resource } from './types';

export const VIRTUAL_MACHINE_TYPE = 'Microsoft.Compute/virtualMachines';
export const SCALE_SET_TYPE = 'Microsoft.Compute/virtualMachineScaleSets';

const EXTENSION_RESOURCE: Array<{ type: string; kind: ComputeKind; child: Placement; resource: Placement }> = [
  { type: `${VIRTUAL_MACHINE_TYPE}/extensions`, kind: 'virtualMachine', child: 'vm-child', resource: 'vm-resource' },
  { type: `${SCALE_SET_TYPE}/extensions`, kind: 'scaleSet', child: 'vmss-child', resource: 'vmss-resource' },
];

export function computeKindOf(resource: Resource | undefined): ComputeKind | undefined {
  if (!resource) return undefined;
  if (isType(resource, VIRTUAL_MACHINE_TYPE)) return 'virtualMachine';
  if (isType(resource, SCALE_SET_TYPE)) return 'scaleSet';
  return undefined;
}

/**
 * Split a resource name value on '/' into segments, each a canonical key (lower-cased, for ARM's
 * case-insensitive names). Unknown pieces are assumed not to contain '/'. A choice of names (a
 * copy loop over an array) splits when every alternative has the same number of segments.
 */
export function nameSegments(value: AbstractValue): string[] | undefined {
  if (value.kind === 'choice') {
    const split = value.options.map(nameSegments);
    const count = split[0]?.length;
    if (count === undefined || !split.every((segments) => segments?.length === count)) return undefined;
    return Array.from({ length: count }, (_, i) => {
      const keys = [...new Set(split.map((segments) => segments![i]!))];
      return keys.length === 1 ? keys[0]! : `choice(${keys.join(',')})`;
    });
  }
  if (value.kind === 'unknown') return [value.key.toLowerCase()];
  if (value.kind !== 'string') return undefined;
  const segments: Array<Array<string | UnknownValue>> = [[]];
  for (const part of value.parts) {
    if (typeof part !== 'string') {
      segments[segments.length - 1]!.push(part);
      continue;
    }
    const pieces = part.split('/');
    segments[segments.length - 1]!.push(pieces[0]!);
    for (const piece of pieces.slice(1)) segments.push([piece]);
  }
  return segments.map((parts) => valueKey(stringOf(parts)).toLowerCase());
}

/** The scale set `properties.virtualMachineProfile.extensionProfile.extensions[]` items, copy loops included. */
export function profileExtensionNodes(scaleSet: Resource, resolver: NodeResolver): JsonObject[] {
  const properties = resolver.resolveObject(getValue(scaleSet.node, 'properties'));
  const profile = resolver.resolveObject(getValue(properties, 'virtualMachineProfile'));
  return extensionProfileItems(resolver.resolveObject(getValue(profile, 'extensionProfile')), resolver);
}

/** Items of an extensionProfile's `extensions`, including a property copy loop named `extensions`. */
export function extensionProfileItems(extensionProfile: JsonObject | undefined, resolver: NodeResolver): JsonObject[] {
  const items: JsonObject[] = [];
  for (const item of resolver.resolveArray(getValue(extensionProfile, 'extensions'))?.items ?? []) {
    const resolved = resolver.resolveObject(item);
    if (resolved) items.push(resolved);
  }
  for (const loop of resolver.resolveArray(getValue(extensionProfile, 'copy'))?.items ?? []) {
    if (loop.kind !== 'object' || getString(loop, 'name')?.toLowerCase() !== 'extensions') continue;
    const input = resolver.resolveObject(getValue(loop, 'input'));
    if (input) items.push(input);
  }
  return items;
}

/**
 * Every extension in the five placements, with its target resolved where possible: nested
 * children by their parent, full-type resources by the first segment of their name.
 */
export function collectExtensions(
  resources: Resource[],
  resolver: NodeResolver,
  evaluate: (node: JsonValue) => AbstractValue,
): { computeTargets: ComputeTarget[]; extensions: Extension[] } {
  const computeTargets: ComputeTarget[] = [];
  for (const resource of resources) {
    const kind = computeKindOf(resource);
    if (kind) computeTargets.push({ kind, resource });
  }
  const targetByResource = new Map(computeTargets.map((t) => [t.resource, t]));
  const namesByKind = new Map<string, ComputeTarget[]>();
  const nameKey = (kind: ComputeKind, name: string): string => `${kind}:${name}`;
  for (const target of computeTargets) {
    const name = target.resource.nameNode ? nameSegments(evaluate(target.resource.nameNode)) : undefined;
    if (!name || name.length !== 1) continue;
    const key = nameKey(target.kind, name[0]!);
    const sameName = namesByKind.get(key);
    if (sameName) sameName.push(target);
    else namesByKind.set(key, [target]);
  }

  const extensions: Extension[] = [];
  for (const resource of resources) {
    const shape = EXTENSION_RESOURCE.find((s) => isType(resource, s.type));
    // The enclosing resource decides, not the type string: an extension nested in anything but a
    // VM or scale set of its kind is misplaced (misplaced.ts), not an extension of some machine.
    const nested = resource.parent !== undefined;
    const parentTarget = resource.parent ? targetByResource.get(resource.parent) : undefined;
    if (shape && (!nested || parentTarget?.kind === shape.kind)) {
      let target = parentTarget;
      if (!nested && resource.nameNode) {
        const segments = nameSegments(evaluate(resource.nameNode));
        const candidates = segments && segments.length === 2 ? namesByKind.get(nameKey(shape.kind, segments[0]!)) : undefined;
        // Same-named targets in several templates: prefer the one in the extension's template.
        target = candidates?.find((c) => c.resource.template === resource.template) ?? candidates?.[0];
      }
      extensions.push({
        node: resource.node,
        placement: nested ? shape.child : shape.resource,
        targetKind: shape.kind,
        target,
        template: resource.template,
        resource,
        properties: resolver.resolveObject(getValue(resource.node, 'properties')),
      });
    }
    const target = targetByResource.get(resource);
    if (target?.kind !== 'scaleSet') continue;
    for (const node of profileExtensionNodes(resource, resolver)) {
      extensions.push({
        node,
        placement: 'vmss-profile',
        targetKind: 'scaleSet',
        target,
        template: resource.template,
        resource: undefined,
        properties: resolver.resolveObject(getValue(node, 'properties')),
      });
    }
  }
  return { computeTargets, extensions };
}
