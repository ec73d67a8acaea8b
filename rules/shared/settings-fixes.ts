import type { RuleFixer } from '../../src/engine/rule-fixer';
import type { Fix } from '../../src/engine';
import { getProperty, type JsonObject, type JsonProperty, type JsonValue, type SourceFile } from '../../src/parse';
import { nameValuePair } from './dsc-settings';
import { CopiedValues, hasCommentsIn, plainObject, type PlainObject } from './json-values';

export type MakeFix = (fixer: RuleFixer) => Fix | Fix[];

/** Rename a key to the one it is a typo of; undefined when the object already has that key. */
export function renameKeyFix(object: JsonObject, property: JsonProperty, newKey: string): MakeFix | undefined {
  if (getProperty(object, newKey)) return undefined;
  return (fixer) => fixer.replaceText(property.key, JSON.stringify(newKey));
}

/**
 * Turn an array of `{ "Name": …, "Value": … }` pairs written in place into an object of names and
 * values; undefined unless every item is such a pair with a literal, unique (case-insensitively)
 * name, and the array holds no comments the rewrite would drop.
 */
export function pairsToObjectFix(source: SourceFile, array: JsonValue): MakeFix | undefined {
  if (array.kind !== 'array' || array.items.length === 0 || hasCommentsIn(source, array)) return undefined;
  const object: PlainObject = plainObject();
  const copied = new CopiedValues(source);
  const names = new Set<string>();
  for (const item of array.items) {
    const pair = item.kind === 'object' ? nameValuePair(item) : undefined;
    if (!pair || pair.name.value.startsWith('[') || names.has(pair.name.value.toLowerCase())) return undefined;
    const plain = copied.copy(pair.value);
    if (plain === undefined) return undefined;
    names.add(pair.name.value.toLowerCase());
    object[pair.name.value] = plain;
  }
  return (fixer) => copied.restore(fixer.replaceWithValue(array, object));
}
