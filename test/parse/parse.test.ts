import { MAX_NESTING_DEPTH, parseSource, toPlain, type JsonNode, type JsonString, type JsonValue, type SourceFile } from '../../src/parse';

/** Every node of the tree: values, properties and property keys. */
function allNodes(root: JsonValue | undefined): JsonNode[] {
  if (!root) return [];
  const nodes: JsonNode[] = [root];
  if (root.kind === 'array') for (const item of root.items) nodes.push(...allNodes(item));
  if (root.kind === 'object') {
    for (const property of root.properties) nodes.push(property, property.key, ...allNodes(property.value));
  }
  return nodes;
}

/** The decoded value of a raw string token, accepting raw control characters as ARM does. */
function decodeRawString(raw: string): unknown {
  return JSON.parse(raw.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Each node's offset/length cover exactly its own text in the original file. */
function expectNodesPointIntoText(source: SourceFile): void {
  for (const node of allNodes(source.root)) {
    const raw = source.rawText(node);
    switch (node.kind) {
      case 'object':
        expect(raw).toMatch(/^\{[\s\S]*\}$/);
        break;
      case 'array':
        expect(raw).toMatch(/^\[[\s\S]*\]$/);
        break;
      case 'string':
        expect(decodeRawString(raw)).toBe(node.value);
        break;
      case 'property':
        expect(raw.startsWith(source.rawText(node.key))).toBe(true);
        expect(raw.endsWith(node.value ? source.rawText(node.value) : '')).toBe(true);
        break;
      default:
        expect(JSON.parse(raw)).toBe(node.value);
    }
  }
}

function firstString(source: SourceFile, value: string): JsonString {
  const found = allNodes(source.root).find((n): n is JsonString => n.kind === 'string' && n.value === value);
  if (!found) throw new Error(`no string ${JSON.stringify(value)}`);
  return found;
}

describe('parseSource: what ARM accepts', () => {
  it('collects line and block comments with their kind and offsets', () => {
    const text = '{\n  // first\n  "a": 1, /* second */\n  "b": 2\n}';
    const source = parseSource(text);
    expect(source.errors).toEqual([]);
    expect(source.comments).toEqual([
      { kind: 'line', offset: text.indexOf('// first'), length: '// first'.length },
      { kind: 'block', offset: text.indexOf('/* second */'), length: '/* second */'.length },
    ]);
    expect(toPlain(source.root)).toEqual({ a: 1, b: 2 });
  });

  it('tolerates trailing commas in objects and arrays', () => {
    const source = parseSource('{"a": [1, 2,], "b": {"c": true,},}');
    expect(source.errors).toEqual([]);
    expect(toPlain(source.root)).toEqual({ a: [1, 2], b: { c: true } });
  });

  it('tolerates a raw tab inside a string and keeps it in the value', () => {
    const source = parseSource('{"a": "x\ty"}');
    expect(source.errors).toEqual([]);
    expect(toPlain(source.root)).toEqual({ a: 'x\ty' });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('parses a multi-line expression string (%s inside the string) with its real line breaks', (_name, eol) => {
    const expression = `[concat('a',${eol}    'b')]`;
    const text = `{${eol}  "v": "${expression}",${eol}  "n": 1${eol}}`;
    const source = parseSource(text);
    expect(source.errors).toEqual([]);
    expect(toPlain(source.root)).toEqual({ v: expression, n: 1 });
    expectNodesPointIntoText(source);
    const value = firstString(source, expression);
    expect(value.offset).toBe(text.indexOf('"[concat'));
    expect(value.length).toBe(expression.length + 2);
  });

  it('does not mistake a quote inside a comment for a string when blanking multi-line strings', () => {
    const text = '{\n  // the "quoted word\n  "v": "a\nb",\n  /* "x */ "w": 2\n}';
    const source = parseSource(text);
    expect(source.errors).toEqual([]);
    expect(toPlain(source.root)).toEqual({ v: 'a\nb', w: 2 });
    expect(source.comments.map((c) => c.kind)).toEqual(['line', 'block']);
    expectNodesPointIntoText(source);
  });

  it('still reports a real error in a file that also has a multi-line string', () => {
    const text = '{\n  "v": "a\nb"\n  "w": 2\n}';
    const source = parseSource(text);
    expect(source.errors).toEqual([{ message: 'Expected a comma', offset: text.indexOf('"w"'), length: 3 }]);
    expect(firstString(source, 'a\nb').offset).toBe(text.indexOf('"a'));
  });

  it.each([
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('parses %s line ends and locates nodes on the right lines', (_name, eol) => {
    const text = ['{', '  "a": 1,', '  "name": "vm1"', '}'].join(eol);
    const source = parseSource(text);
    expect(source.errors).toEqual([]);
    expect(source.locationOfNode(firstString(source, 'vm1'))).toEqual({ line: 3, column: 11, endLine: 3, endColumn: 16 });
    expectNodesPointIntoText(source);
  });
});

describe('parseSource: broken JSON', () => {
  it.each([
    { text: '{"a": 1 "b": 2}', errors: [{ message: 'Expected a comma', offset: 8, length: 3 }] },
    { text: '{"a": }', errors: [{ message: 'Expected a value', offset: 6, length: 1 }] },
    { text: '{"a" 1}', errors: [{ message: 'Expected a colon', offset: 5, length: 1 }] },
    // The missing '}' follows from the missing ']': one fault, one error.
    { text: '{"a": [1, 2', errors: [{ message: "Expected a closing bracket ']'", offset: 11, length: 0 }] },
    { text: '{"a": 1} /* open', errors: [{ message: 'Unterminated comment', offset: 9, length: 7 }] },
    { text: '{"a": 1}}', errors: [{ message: 'Expected the end of the file', offset: 8, length: 1 }] },
  ])('reports readable errors at the fault in $text', ({ text, errors }) => {
    expect(parseSource(text).errors).toEqual(errors);
  });

  it('reports an unterminated string at its opening quote', () => {
    const source = parseSource('{"a": "abc}');
    expect(source.errors[0]).toEqual({ message: 'Unterminated string', offset: 6, length: 5 });
  });

  it('closes containers left open by a truncated file at the end of the text', () => {
    const source = parseSource('{"a": [1, 2');
    expect(source.root).toMatchObject({ kind: 'object', offset: 0, length: 11 });
    expect(toPlain(source.root)).toEqual({ a: [1, 2] });
  });

  it.each(['', '}', '{', '"', '/* x', '[[[[', '{"a":"\n', '\u0000', 'null null', '{"a":\n"b\n'])(
    'never throws and reports at least one error for %j',
    (text) => {
      let source: SourceFile | undefined;
      expect(() => (source = parseSource(text))).not.toThrow();
      expect(source!.errors.length).toBeGreaterThan(0);
      for (const error of source!.errors) {
        expect(error.offset).toBeGreaterThanOrEqual(0);
        expect(error.offset + error.length).toBeLessThanOrEqual(text.length);
      }
    },
  );

  it('keeps an unterminated block comment that ends the file inside the text', () => {
    // jsonc-parser reports this comment one character past the end of the text.
    const source = parseSource('{} /*');
    expect(source.comments).toEqual([{ kind: 'block', offset: 3, length: 2 }]);
    expect(source.errors).toEqual([{ message: 'Unterminated comment', offset: 3, length: 2 }]);
  });

  it('reports a typographic quote that ends a string as the one fault, at the quote', () => {
    const lines = ['{', '  "parameters": {', '    "vmSize": { "type": "string", "defaultValue": "Standard_A2\u201d,', '    "location": { "type": "string" }', '  },', '  "resources": []', '}'];
    const text = lines.join('\n');
    const errors = parseSource(text).errors;
    expect(errors).toEqual([
      {
        message: expect.stringMatching(/: a right double quotation mark \(\u201d, U\+201D\) stands where JSON needs a straight quote \("\)$/),
        offset: text.indexOf('\u201d'),
        length: 1,
      },
    ]);
  });

  it('does not blame a typographic quote far above the fault', () => {
    const text = '{\n "a": "\u201cquoted\u201d",\n "b": 1,\n "c": 2,\n "d": 3,\n "e": 4,\n "f": 5 "g": 6\n}';
    expect(parseSource(text).errors).toEqual([{ message: 'Expected a comma', offset: text.indexOf('"g"'), length: 3 }]);
  });

  it('says when a file looks like UTF-16 without a byte order mark', () => {
    const text = Buffer.from('{"resources": []}', 'utf16le').toString('utf8');
    const [error] = parseSource(text).errors;
    expect(error?.message).toMatch(/\(the file looks like UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with a BOM\)$/);
  });

  it(`refuses nesting deeper than MAX_NESTING_DEPTH (${MAX_NESTING_DEPTH}) with one error at the bracket that passes it`, () => {
    for (const open of ['[', '{"a":']) {
      const text = open.repeat(50_000);
      const source = parseSource(text);
      expect(source.root).toBeUndefined();
      expect(source.errors).toEqual([
        { message: `Nesting deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays; the file is not read`, offset: open.length * MAX_NESTING_DEPTH + (open === '[' ? 0 : 0), length: 1 },
      ]);
    }
  });

  it('reads nesting up to the limit, and ignores brackets in strings and comments', () => {
    const text = '['.repeat(MAX_NESTING_DEPTH) + '"[[[[" /* [[[[ */' + ']'.repeat(MAX_NESTING_DEPTH);
    const source = parseSource(text);
    expect(source.errors).toEqual([]);
    expect(source.root?.kind).toBe('array');
  });

  it('gives an empty text no root and one "Expected a value" error at offset 0', () => {
    const source = parseSource('');
    expect(source.root).toBeUndefined();
    expect(source.errors).toEqual([{ message: 'Expected a value', offset: 0, length: 0 }]);
    expect(source.comments).toEqual([]);
  });
});
