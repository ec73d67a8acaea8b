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
