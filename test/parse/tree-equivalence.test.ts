/**
 * The plain reader (buildValidTree, its own tokenizer) is the fast path for text without syntax errors;
 * jsonc-parser's `visit` (buildTree) stays the reference. On any text, the fast path either
 * declines (and parseSource falls back) or gives exactly the tree, comments, object list and
 * bracket strings `visit` gives. It declines exactly when `visit` reports an error other than a
 * raw control character in a string (which ARM accepts), or nesting passes the limit.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { printParseErrorCode } from 'jsonc-parser';
import { MAX_NESTING_DEPTH, type JsonValue } from '../../src/parse';
import { buildTree, buildValidTree, type TreeBuild } from '../../src/parse/parse';
import { CORPUS, describeWithCorpus, filesUnder } from '../support/corpus';
import { mutate, mutation, texts } from '../support/mutations';

/** The tree as plain data; a parent link that is wrong shows as `brokenParent` where it is. */
function shape(node: JsonValue | undefined, parent?: object): unknown {
  if (!node) return undefined;
  const at = { kind: node.kind, offset: node.offset, length: node.length, ...(node.parent === parent ? {} : { brokenParent: true }) };
  switch (node.kind) {
    case 'object':
      return {
        ...at,
        properties: node.properties.map((property) => ({
          offset: property.offset,
          length: property.length,
          links: property.parent === node && property.key.parent === property,
          key: [property.key.value, property.key.offset, property.key.length],
          value: shape(property.value, property),
        })),
      };
    case 'array':
      return { ...at, items: node.items.map((item) => shape(item, node)) };
    default:
      return { ...at, value: node.value };
  }
}

function summary(build: TreeBuild): unknown {
  return {
    root: shape(build.root),
    comments: build.comments,
    objects: build.objects.map((o) => o.offset),
    bracketStrings: build.bracketStrings.map((s) => s.offset),
  };
}

/** `visit` read the text without an error that matters. */
function isPlain(reference: TreeBuild): boolean {
  return reference.tooDeepAt === undefined && reference.errors.every((e) => printParseErrorCode(e.code) === 'InvalidCharacter');
}

/** 'plain': both gave the same result; 'declined': visit found an error and the fast path declined; else what differs. */
function compare(text: string): 'plain' | 'declined' | string {
  const reference = buildTree(text);
  const fast = buildValidTree(text);
  if (!isPlain(reference)) return fast === undefined ? 'declined' : 'the fast path accepted a text visit reports an error in';
  if (!fast) return 'the fast path declined a text visit reads without error';
  return JSON.stringify(summary(fast)) === JSON.stringify(summary(reference)) ? 'plain' : 'the trees differ';
}

/** As compare(), failing the test on any difference, with both results shown. */
function expectEquivalent(text: string): boolean {
  const outcome = compare(text);
  if (outcome !== 'plain' && outcome !== 'declined') {
    const fast = buildValidTree(text);
    expect({ outcome, fast: fast && summary(fast) }).toEqual({ outcome: 'plain', fast: summary(buildTree(text)) });
  }
  return outcome === 'plain';
}

describe('buildValidTree against jsonc-parser visit', () => {
  it('agrees on every fixture, as it is (some are broken on purpose)', () => {
    const plain = texts.filter((text) => expectEquivalent(text)).length;
    expect(plain).toBeGreaterThan(80);
    expect(plain).toBeLessThan(texts.length);
  });

  it.each([
    ['an empty text', '', false],
    ['only a comment', '// nothing', false],
    ['a bare value', ' 42 ', true],
    ['trailing commas', '{"a": [1, 2,], "b": {"c": null,},}', true],
    ['comments everywhere', '/* a */{/* b */"a"/* c */:/* d */[/* e */1/* f */,// g\n2]// h\n}// i', true],
    ['a raw tab and a raw control character in strings', '{"a": "x\ty", "b": "\u0001"}', true],
    ['escapes', '{"a\\u0041": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9", "[x": "[y"}', true],
    ['numbers', '[0, -1, 1.5e3, -0.25E-2, 1e400]', true],
    ['empty containers', '{"a": {}, "b": [], "c": [{}, []]}', true],
    ['a leading comma', '[, 1]', false],
    ['two commas', '[1,, 2]', false],
    ['a missing comma', '{"a": 1 "b": 2}', false],
    ['a missing comma in an array', '[1 [2] {}]', false],
    ['a missing colon', '{"a" 1}', false],
    ['a property name that is not a string', '{a: 1}', false],
    ['an unclosed object', '{"a": {"b": 1}', false],
    ['an unclosed string', '{"a": "b', false],
    ['an unclosed comment', '{"a": 1} /* never closed', false],
    ['a second value', '{} {}', false],
    ['an unknown symbol', '{"a": @}', false],
    ['a bad escape', '{"a": "\\q"}', false],
    ['a bad number', '[1.]', false],
    ['a line break in a string', '{"a": "b\nc"}', false],
    ['a carriage return in a string', '{"a": "b\rc"}', false],
    ['a line break in a string, after strings on lines of their own', '{\n"a": "x",\n"b": "y",\n"c": "y\nz"}', false],
    ['a carriage return in a string, after CRLF lines', '{\r\n"a": "x",\r\n"b": "y\rz"}', false],
    ['strings before and after escaped ones', '["a", "b\\"c", "d", "e\\\\f", "g", "h\\u0041"]', true],
    ['strings on one line after a line break', '{\n"a": ["x", "y", "z"], "b": "w"}', true],
    ['an exponent without digits', '[1e+]', false],
    ['a leading zero', '[01]', false],
    ['a minus alone', '[-]', false],
    ['a number followed by a word', '[12x]', false],
    ['a number followed by a comment', '[12/* c */, 3// d\n]', true],
    ['a keyword that runs on', '[truex]', false],
    ['a keyword cut short', '[nul]', false],
    ['keywords against punctuation', '{"a":true,"b":false}', true],
    ['a bad escape then a raw control character (the scanner keeps only its last error)', '["a\\qb\u0001"]', true],
    ['a raw control character then a bad escape', '["a\u0001b\\q"]', false],
    ['a short unicode escape', '["\\u12x"]', false],
    ['an escaped line break', '["a\\\nb"]', false],
    ['a backslash at the end of the text', '["a\\', false],
    ['an empty block comment', '/**/[]', true],
    ['a slash alone', '[1 / 2]', false],
    ['a line comment at the end of the text', '[] // end', true],
    ['CRLF line ends', '{\r\n  "a": 1\r\n}\r\n', true],
    ['a no-break space between tokens', '[1,\u00a02]', false],
    ['a line separator between tokens', '[1,\u20282]', false],
    ['a vertical tab between tokens', '[1,\u000b2]', false],
    ['nesting at the limit', '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH), true],
    ['nesting past the limit', '['.repeat(MAX_NESTING_DEPTH + 1) + ']'.repeat(MAX_NESTING_DEPTH + 1), false],
  ])('agrees on %s (read without error: %s)', (_name, text, plain) => {
    expect(expectEquivalent(text)).toBe(plain);
  });

  it('declines exactly where visit reports an error, on random mutations of the fixtures', () => {
    let plain = 0;
    let broken = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, changes) => {
        if (expectEquivalent(changes.reduce(mutate, texts[which % texts.length]!))) plain++;
        else broken++;
      }),
      { numRuns: 400, seed: 20261201 },
    );
    // Both kinds of text must be reached for the property to mean anything.
    expect(plain).toBeGreaterThan(50);
    expect(broken).toBeGreaterThan(50);
  });

  it('agrees token by token on random soups of JSON fragments', () => {
    const fragment = fc.constantFrom('"', '\\', 'u', '0', '1', '9', 'e', 'E', '-', '+', '.', 'true', 'null', 'fa', 'lse', 'x', '/', '*', '\n', '\r', '\t', ' ', '\u0001', '\u00a0', '{', '}', '[', ']', ',', ':', '"a"');
    let plain = 0;
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        if (expectEquivalent(`[${parts.join('')}]`)) plain++;
      }),
      { numRuns: 3000, seed: 20261201 },
    );
    expect(plain).toBeGreaterThan(100);
  });

  it('agrees on random JSON values written with random spacing, comments and trailing commas', () => {
    const gap = fc.constantFrom('', ' ', '\n', '\r\n', '\t', '/* c */', '// c\n');
    const written = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }).map((v) => JSON.stringify(v)),
        fc.tuple(fc.array(fc.tuple(gap, tie('value'), gap), { maxLength: 4 }), fc.boolean()).map(([items, trailing]) => `[${items.map(([a, v, b]) => a + v + b).join(',')}${trailing && items.length > 0 ? ',' : ''}]`),
        fc
          .tuple(fc.array(fc.tuple(gap, fc.string({ maxLength: 5 }), gap, tie('value')), { maxLength: 4 }), fc.boolean())
          .map(([entries, trailing]) => `{${entries.map(([a, k, b, v]) => `${a}${JSON.stringify(k)}${b}:${v}`).join(',')}${trailing && entries.length > 0 ? ',' : ''}}`),
      ),
    })).value;
    fc.assert(
      fc.property(gap, written, gap, (before, value, after) => {
        expect(expectEquivalent(before + value + after)).toBe(true);
      }),
      { numRuns: 500, seed: 20261201 },
    );
  });
});

describeWithCorpus('buildValidTree on the real-template corpus (../shared/corpus)', () => {
  it('gives the tree visit gives for every file without a syntax error, and declines the others', () => {
    const differences: string[] = [];
    let plain = 0;
    for (const path of filesUnder(CORPUS).filter((file) => /\.jsonc?$/.test(file))) {
      const outcome = compare(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
      if (outcome === 'plain') plain++;
      else if (outcome !== 'declined') differences.push(`${path}: ${outcome}`);
    }
    expect(differences).toEqual([]);
    expect(plain).toBeGreaterThan(5000);
  }, 300_000);
});
