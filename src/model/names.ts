import { knownString, type AbstractValue } from '../expression';
import { getValue, type JsonValue } from '../parse';
import { nameSegments } from './compute';
import type { Extension, Resource } from './types';

/**
 * The text of a segment key from nameSegments (lower-cased, as the key is), or undefined when
 * the segment has unknown parts. nameSegments keys a wholly known segment by its JSON text
 * (valueKey), so a key that parses as one JSON string is known text.
 */
export function segmentText(key: string): string | undefined {
  if (key === '') return '';
  if (!key.startsWith('"')) return undefined;
  try {
    const text: unknown = JSON.parse(key);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The literal text a segment key is known to start and end with (lower-cased, as the key is):
 * all of it for a known segment, the literal pieces around unknown ones otherwise (`"web"+{…}`
 * starts with `web`), nothing for a key that was hashed or is a choice.
 */
export function segmentBounds(key: string): { prefix: string; suffix: string } {
  const text = segmentText(key);
  if (text !== undefined) return { prefix: text, suffix: text };
  return { prefix: leadingLiteral(key), suffix: trailingLiteral(key) };
}

/** The JSON string a key starts with (`"web"+{…}`), or ''. */
function leadingLiteral(key: string): string {
  if (!key.startsWith('"')) return '';
  for (let i = 1; i < key.length; i++) {
    if (key[i] === '\\') i++;
    else if (key[i] === '"') return segmentText(key.slice(0, i + 1)) ?? '';
  }
  return '';
}

/** The JSON string a key ends with (`{…}+"-vm"`), or ''. Inside a JSON string only its own quotes are unescaped. */
function trailingLiteral(key: string): string {
  if (!key.endsWith('"') || key.length < 2) return '';
  for (let i = key.length - 2; i >= 0; i--) {
    if (key[i] !== '"') continue;
    let backslashes = 0;
    while (i - 1 - backslashes >= 0 && key[i - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return segmentText(key.slice(i)) ?? '';
  }
  return '';
}

/**
 * The segments of a resource's full name, as nameSegments keys them: a nested child with a
 * short type is named relative to its parent, so the parent's segments come first.
 */
export function fullNameSegments(resource: Resource, evaluate: (node: JsonValue) => AbstractValue): string[] | undefined {
  const own = resource.nameNode ? nameSegments(evaluate(resource.nameNode)) : undefined;
  if (!own) return undefined;
  const relative = resource.parent !== undefined && resource.typeNode !== undefined && !resource.typeNode.value.includes('/');
  if (!relative) return own;
  const parent = fullNameSegments(resource.parent!, evaluate);
  return parent && [...parent, ...own];
}

/** The text after the last '/' of a string value, when that part is known. */
function lastSegmentText(value: AbstractValue): string | undefined {
  const whole = knownString(value);
  if (whole !== undefined) return whole.slice(whole.lastIndexOf('/') + 1);
  if (value.kind !== 'string') return undefined;
  const last = value.parts[value.parts.length - 1];
  return typeof last === 'string' && last.includes('/') ? last.slice(last.lastIndexOf('/') + 1) : undefined;
}

/**
 * The extension's own name as written (for `vm/ext` the `ext`), when it is known; the VM part
 * of a full-type name may be unknown (a copy loop's copyIndex()).
 */
export function extensionName(extension: Extension, evaluate: (node: JsonValue) => AbstractValue): string | undefined {
  const nameNode = extension.resource?.nameNode ?? getValue(extension.node, 'name');
  if (!nameNode) return undefined;
  const value = evaluate(nameNode);
  // A full-type resource is named `parent/extension`, wherever it is declared.
  const fullType = extension.resource?.typeNode?.value.includes('/') ?? false;
  return fullType ? lastSegmentText(value) : knownString(value);
}
