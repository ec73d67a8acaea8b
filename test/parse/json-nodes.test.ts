import fc from 'fast-check';
import {
  contains,
  getArray,
  getObject,
  getProperty,
  getString,
  getValue,
  owningProperty,
  parentValue,
  parseSource,
  toPlain,
  type JsonObject,
} from '../../src/parse';

function parseObject(text: string): JsonObject {
  const source = parseSource(text);
  expect(source.errors).toEqual([]);
  if (source.root?.kind !== 'object') throw new Error('root is not an object');
  return source.root;
}

describe('getProperty and friends', () => {
  const root = parseObject('{"Name": 1, "name": 2, "NAME": 3, "obj": {"k": "v"}, "arr": [1], "str": "s"}');

  it('compares keys case-insensitively and the last duplicate wins', () => {
    for (const name of ['name', 'Name', 'nAmE']) {
      const property = getProperty(root, name);
      expect(property?.key.value).toBe('NAME');
      expect(toPlain(property?.value)).toBe(3);
    }
  });

  it('finds what a lower-cased index finds, last duplicate winning, in small (searched) and large (indexed) objects', () => {
    // Keys from a few letters, in both cases, and U+0130, whose lower case is two characters long.
    const key = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'i', 'I', '\u0130', '\u0307'), maxLength: 3 });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 14 }), key, (keys, name) => {
        const object = parseObject(`{${keys.map((k, i) => `${JSON.stringify(k)}: ${i}`).join(', ')}}`);
        const expected = [...object.properties].reverse().find((property) => property.key.value.toLowerCase() === name.toLowerCase());
        expect(getProperty(object, name)).toBe(expected);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    const large = parseObject(`{${Array.from({ length: 12 }, (_, i) => `"k${i}": ${i}`).join(', ')}, "\u0130d": "dotted"}`);
    expect(toPlain(getValue(large, 'i\u0307D'))).toBe('dotted');
    const small = parseObject('{"\u0130d": "dotted"}');
    expect(toPlain(getValue(small, 'i\u0307D'))).toBe('dotted');
  });

  it('returns undefined for a missing key or a missing object', () => {
    expect(getProperty(root, 'missing')).toBeUndefined();
    expect(getProperty(undefined, 'name')).toBeUndefined();
  });

  it('returns typed values only when the kind matches', () => {
    expect(toPlain(getObject(root, 'OBJ'))).toEqual({ k: 'v' });
    expect(getObject(root, 'arr')).toBeUndefined();
    expect(toPlain(getArray(root, 'Arr'))).toEqual([1]);
    expect(getArray(root, 'str')).toBeUndefined();
    expect(getString(root, 'STR')).toBe('s');
    expect(getString(root, 'name')).toBeUndefined();
    expect(toPlain(getValue(root, 'name'))).toBe(3);
  });
});

describe('tree navigation', () => {
  const root = parseObject('{"outer": {"list": [{"x": 1}]}}');
  const outer = getObject(root, 'outer')!;
  const list = getArray(outer, 'list')!;
  const item = list.items[0]!;

  it('owningProperty is the property holding a value, none for an array item', () => {
    expect(owningProperty(outer)).toBe(getProperty(root, 'outer'));
    expect(owningProperty(item)).toBeUndefined();
  });

  it('parentValue skips the property level', () => {
    expect(parentValue(list)).toBe(outer);
    expect(parentValue(item)).toBe(list);
    expect(parentValue(root)).toBeUndefined();
  });

  it('contains is true for the node itself and its descendants only', () => {
    expect(contains(root, item)).toBe(true);
    expect(contains(item, item)).toBe(true);
    expect(contains(item, outer)).toBe(false);
  });

  it('toPlain keeps the last of exact duplicate keys', () => {
    expect(toPlain(parseObject('{"a": 1, "a": 2}'))).toEqual({ a: 2 });
  });
});
