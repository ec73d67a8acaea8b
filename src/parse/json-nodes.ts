/**
 * The JSON tree armdsc-lint works on. Offsets are 0-based UTF-16 offsets into the
 * decoded file text (BOM removed); `length` covers the whole token (quotes included).
 */

export interface JsonNodeBase {
  offset: number;
  length: number;
  parent: JsonContainer | JsonProperty | undefined;
}

export interface JsonObject extends JsonNodeBase {
  kind: 'object';
  properties: JsonProperty[];
  /** Lower-cased key → last property with that key (ARM: case-insensitive, last wins); built for large objects only. */
  index?: Map<string, JsonProperty>;
}

export interface JsonArray extends JsonNodeBase {
  kind: 'array';
  items: JsonValue[];
}

export interface JsonString extends JsonNodeBase {
  kind: 'string';
  value: string;
}

export interface JsonNumber extends JsonNodeBase {
  kind: 'number';
  value: number;
}

export interface JsonBoolean extends JsonNodeBase {
  kind: 'boolean';
  value: boolean;
}

export interface JsonNull extends JsonNodeBase {
  kind: 'null';
  value: null;
}

export interface JsonProperty extends JsonNodeBase {
  kind: 'property';
  key: JsonString;
  /** Missing only in a file with parse errors. */
  value: JsonValue | undefined;
  parent: JsonObject;
}

export type JsonValue = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;
export type JsonContainer = JsonObject | JsonArray;
export type JsonNode = JsonValue | JsonProperty;

/**
 * Objects with at least this many properties get a key index on their first lookup. Smaller ones,
 * nearly all of a template's, are searched in place: no Map to build, and no lower-cased copy of a
 * key unless it could match (the run's heap allocation drops by the Maps' 0.18 GB of 2 GB).
 */
const INDEXED_FROM = 9;

/** The one character whose lower case is longer than itself (U+0130 → i + U+0307). */
const CAPITAL_I_WITH_DOT = '\u0130';

/** The property `name` of `object`, compared case-insensitively; the last duplicate wins. */
export function getProperty(object: JsonObject | undefined, name: string): JsonProperty | undefined {
  if (!object) return undefined;
  const { properties } = object;
  if (properties.length >= INDEXED_FROM) {
    if (!object.index) {
      object.index = new Map();
      for (const property of properties) object.index.set(property.key.value.toLowerCase(), property);
    }
    return object.index.get(name.toLowerCase());
  }
  const lengthMayDiffer = name.includes(CAPITAL_I_WITH_DOT);
  let lowerName: string | undefined;
  for (let i = properties.length - 1; i >= 0; i--) {
    const property = properties[i]!;
    const key = property.key.value;
    if (key === name) return property;
    if (key.length !== name.length && !lengthMayDiffer && !key.includes(CAPITAL_I_WITH_DOT)) continue;
    if (key.toLowerCase() === (lowerName ??= name.toLowerCase())) return property;
  }
  return undefined;
}

/** The value of property `name` (case-insensitive, last wins). */
export function getValue(object: JsonObject | undefined, name: string): JsonValue | undefined {
  return getProperty(object, name)?.value;
}

/** The value of property `name` when it is an object. */
export function getObject(object: JsonObject | undefined, name: string): JsonObject | undefined {
  const value = getValue(object, name);
  return value?.kind === 'object' ? value : undefined;
}

/** The value of property `name` when it is an array. */
export function getArray(object: JsonObject | undefined, name: string): JsonArray | undefined {
  const value = getValue(object, name);
  return value?.kind === 'array' ? value : undefined;
}

/** The value of property `name` when it is a string. */
export function getString(object: JsonObject | undefined, name: string): string | undefined {
  const value = getValue(object, name);
  return value?.kind === 'string' ? value.value : undefined;
}

/** The property that holds `node` as its value, if any. */
export function owningProperty(node: JsonValue): JsonProperty | undefined {
  return node.parent?.kind === 'property' ? node.parent : undefined;
}

/** The nearest enclosing object or array value (skipping the property level). */
export function parentValue(node: JsonValue): JsonContainer | undefined {
  const parent = node.parent;
  if (parent?.kind === 'property') return parent.parent;
  return parent;
}

/** True when `ancestor` is `node` or contains it. */
export function contains(ancestor: JsonNodeBase, node: JsonNodeBase): boolean {
  return node.offset >= ancestor.offset && node.offset + node.length <= ancestor.offset + ancestor.length;
}

/** Plain JS value of a node (objects keep the last of duplicate keys), for tests and messages. */
export function toPlain(node: JsonValue | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) result[property.key.value] = toPlain(property.value);
      return result;
    }
    case 'array':
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}
