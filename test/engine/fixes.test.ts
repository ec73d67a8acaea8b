import { applyFixes, mergeFixes } from '../../src/engine/fixes';
import { RuleFixer } from '../../src/engine/rule-fixer';
import { getObject, getProperty, parseSource, type JsonObject } from '../../src/parse';

describe('applyFixes', () => {
  it('applies fixes in offset order whatever order they come in', () => {
    const result = applyFixes('abcdef', [
      { range: [4, 5], text: 'E' },
      { range: [0, 1], text: 'A' },
    ]);
    expect(result).toEqual({ text: 'AbcdEf', applied: 2 });
  });

  it('skips a fix that overlaps or touches an earlier one, for the next pass', () => {
    const result = applyFixes('abcdef', [
      { range: [1, 3], text: 'X' },
      { range: [2, 4], text: 'Y' },
      { range: [3, 3], text: 'Z' },
      { range: [5, 6], text: 'F' },
    ]);
    expect(result).toEqual({ text: 'aXdeF', applied: 2 });
  });

  it('keeps the text when there is nothing to apply', () => {
    expect(applyFixes('abc', [])).toEqual({ text: 'abc', applied: 0 });
  });
});

describe('mergeFixes', () => {
  it('joins the edits of one report into one fix, keeping the text between them', () => {
    expect(mergeFixes([{ range: [5, 5], text: '!' }, { range: [0, 1], text: 'H' }], 'hello world')).toEqual({ range: [0, 5], text: 'Hello!' });
  });

  it('rejects overlapping edits of one report', () => {
    expect(() => mergeFixes([{ range: [0, 3], text: 'a' }, { range: [2, 4], text: 'b' }], 'abcdef')).toThrow(/overlap/);
  });
});

/** Apply `RuleFixer.addProperty` to the object at `path` in `text`. */
function addProperty(text: string, path: string[], key: string, value: unknown, after?: string): string {
  const source = parseSource(text);
  let object = source.root as JsonObject;
  for (const segment of path) object = getObject(object, segment)!;
  const anchor = after === undefined ? undefined : getProperty(object, after);
  const fixer = new RuleFixer(source);
  const edits = fixer.addProperty(object, key, value, anchor);
  return applyFixes(text, [mergeFixes(edits, text)]).text;
}

describe('RuleFixer.addProperty', () => {
  it('adds a line in the style of the object, with the file line ends', () => {
    const text = '{\r\n  "a": {\r\n    "x": 1\r\n  }\r\n}\r\n';
    expect(addProperty(text, ['a'], 'y', 'z')).toBe('{\r\n  "a": {\r\n    "x": 1,\r\n    "y": "z"\r\n  }\r\n}\r\n');
  });

  it('keeps a trailing comment on the line of the property it belongs to', () => {
    const text = '{\n  "a": 1 // first\n}';
    expect(addProperty(text, [], 'b', 2)).toBe('{\n  "a": 1, // first\n  "b": 2\n}');
  });

  it('inserts after a chosen property, with a comma when more follow', () => {
    const text = '{\n  "a": 1,\n  "c": 3\n}';
    expect(addProperty(text, [], 'b', 2, 'a')).toBe('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}');
  });

  it('keeps an inline object inline', () => {
    expect(addProperty('{ "a": { "x": 1 } }', ['a'], 'y', true)).toBe('{ "a": { "x": 1, "y": true } }');
  });

  it('fills an empty object using the file indentation, and lays out object values', () => {
    const text = '{\n    "a": {}\n}';
    expect(addProperty(text, ['a'], 'p', { k: 'v' })).toBe('{\n    "a": {\n        "p": {\n            "k": "v"\n        }\n    }\n}');
  });

  it('uses tabs when the file is indented with tabs', () => {
    const text = '{\n\t"a": {}\n}';
    expect(addProperty(text, ['a'], 'k', 1)).toBe('{\n\t"a": {\n\t\t"k": 1\n\t}\n}');
  });

  it('leaves a comment inside an empty object in place', () => {
    const text = '{\n  "a": { /* keep */ }\n}';
    const fixed = addProperty(text, ['a'], 'k', 1);
    expect(fixed).toContain('/* keep */');
    expect(parseSource(fixed).errors).toEqual([]);
  });
});
