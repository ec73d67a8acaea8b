import { quoted } from '../src/expression';
import { defineRule } from '../src/engine';
import { isDeepStrictEqual } from 'node:util';
import { getProperty, toPlain, type JsonObject } from '../src/parse';

/** Objects up to this size are checked pair by pair, which allocates nothing. */
const PAIRWISE_LIMIT = 8;
/** Lower-cased keys of the larger object being checked; one set serves every object. */
const seenKeys = new Set<string>();

const sameKey = (a: string, b: string): boolean => a.length === b.length && (a === b || a.toLowerCase() === b.toLowerCase());

/** Runs for every object of every file, so it avoids work where it can. */
function hasDuplicateKeys(object: JsonObject): boolean {
  const { properties } = object;
  // The lookup index the model may have built tells at once: it has one entry per distinct key.
  if (object.index) return object.index.size < properties.length;
  if (properties.length <= PAIRWISE_LIMIT) {
    for (let i = 1; i < properties.length; i++) {
      for (let j = 0; j < i; j++) if (sameKey(properties[i]!.key.value, properties[j]!.key.value)) return true;
    }
    return false;
  }
  seenKeys.clear();
  for (const property of properties) {
    const key = property.key.value.toLowerCase();
    if (seenKeys.has(key)) return true;
    seenKeys.add(key);
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'template-duplicate-keys',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Disallow the same key twice in one object, compared case-insensitively as ARM compares keys.' },
    messages: {
      duplicate: 'Duplicate key {{key}}: ARM compares keys case-insensitively and keeps only the last one, {{winner}} on line {{line}}, so this one is ignored.',
      duplicateSameValue:
        'Duplicate key {{key}}: ARM compares keys case-insensitively and keeps only the last one, {{winner}} on line {{line}}; it has the same value, so this one can be removed.',
    },
    schema: [],
  },
  create(context) {
    return {
      jsonObject(object) {
        if (object.properties.length < 2 || !hasDuplicateKeys(object)) return;
        for (const property of object.properties) {
          // getProperty is ARM's lookup: case-insensitive, the last duplicate wins.
          const winner = getProperty(object, property.key.value)!;
          if (winner === property) continue;
          // The same value twice loses nothing; only the reader is misled.
          const sameValue = isDeepStrictEqual(toPlain(property.value), toPlain(winner.value));
          context.report({
            node: property.key,
            messageId: sameValue ? 'duplicateSameValue' : 'duplicate',
            data: {
              key: quoted(property.key.value),
              winner: quoted(winner.key.value),
              line: context.source.lines.positionAt(winner.key.offset).line,
            },
          });
        }
      },
    };
  },
});
