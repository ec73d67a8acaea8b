import { parseSource, type JsonObject, type JsonString, type JsonValue } from '../../src/parse';
import { getProperty, getValue } from '../../src/parse';

function rootObject(text: string): { source: ReturnType<typeof parseSource>; root: JsonObject } {
  const source = parseSource(text);
  expect(source.errors).toEqual([]);
  if (source.root?.kind !== 'object') throw new Error('root is not an object');
  return { source, root: source.root };
}

function stringValue(value: JsonValue | undefined): JsonString {
  if (value?.kind !== 'string') throw new Error('not a string');
  return value;
}

describe('SourceFile.locationOf / locationOfNode', () => {
  const text = '{\n  "name": "vm1",\n  "tags": {\n    "a": "b"\n  }\n}';
  const { source, root } = rootObject(text);

  it('locates a value: 1-based, endColumn exclusive', () => {
    expect(source.locationOfNode(getValue(root, 'name')!)).toEqual({ line: 2, column: 11, endLine: 2, endColumn: 16 });
  });

  it('locates a key', () => {
    expect(source.locationOfNode(getProperty(root, 'name')!.key)).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 9 });
  });

  it('locates a multi-line object and the property holding it', () => {
    expect(source.locationOfNode(getValue(root, 'tags')!)).toEqual({ line: 3, column: 11, endLine: 5, endColumn: 4 });
    expect(source.locationOfNode(getProperty(root, 'tags')!)).toEqual({ line: 3, column: 3, endLine: 5, endColumn: 4 });
  });

  it('locates the whole file', () => {
    expect(source.locationOfNode(root)).toEqual({ line: 1, column: 1, endLine: 6, endColumn: 2 });
  });

  it('locates an empty range as one point', () => {
    expect(source.locationOf(text.indexOf('"vm1"'), 0)).toEqual({ line: 2, column: 11, endLine: 2, endColumn: 11 });
  });

  it.each([
    // é is one UTF-16 code unit: "x" starts at offset 11.
    { text: '{"a": "é", "x": 2}', column: 12 },
    // 😀 (U+1F600) is two code units: "x" starts at offset 10.
    { text: '{"😀": 1, "x": 2}', column: 11 },
    // 𝄞 (U+1D11E) is two code units each: "x" starts at offset 15.
    { text: '{"𝄞": "𝄞𝄞", "x": 2}', column: 16 },
  ])('counts UTF-16 code units before the node in $text', ({ text: line, column }) => {
    const parsed = rootObject(line);
    expect(parsed.source.locationOfNode(getProperty(parsed.root, 'x')!.key)).toEqual({ line: 1, column, endLine: 1, endColumn: column + 3 });
  });
});

describe('SourceFile.offsetInString', () => {
  it('maps decoded indices across \\" \\u00e9 and \\\\ escapes to file offsets', () => {
    // The token "a\"b\u00e9c\\d" starts at offset 6; its decoded value is a"béc\d.
    const text = String.raw`{"s": "a\"b\u00e9c\\d"}`;
    const { source, root } = rootObject(text);
    const node = stringValue(getValue(root, 's'));
    expect(node.value).toBe('a"béc\\d');
    const offsets = [...Array(node.value.length + 1).keys()].map((index) => source.offsetInString(node, index));
    expect(offsets).toEqual([7, 8, 10, 11, 17, 18, 20, 21]);
    expect(text[21]).toBe('"');
  });

  it('maps index i to offset + 1 + i in a string without escapes, also across a raw line break', () => {
    const text = `{"v": "[concat('a',\n'b')]"}`;
    const { source, root } = rootObject(text);
    const node = stringValue(getValue(root, 'v'));
    const index = node.value.indexOf("'b'");
    expect(source.offsetInString(node, index)).toBe(text.indexOf("'b'"));
    expect(source.offsetInString(node, node.value.length)).toBe(text.lastIndexOf('"'));
  });
});
