import { isExpressionText, parseTemplateString, type Expression, type ExpressionError } from '../../src/expression';
import { getValue, parseSource, type JsonString } from '../../src/parse';

/** The parse of a string that must be an expression. */
function parseExpression(text: string): { expression: Expression | undefined; errors: ExpressionError[] } {
  const parsed = parseTemplateString(text);
  if (parsed.kind !== 'expression') throw new Error(`${text} parsed as a literal`);
  return { expression: parsed.expression, errors: parsed.errors };
}

describe('literal or expression', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['[', '['],
    [']', ']'],
    ['[test] value', '[test] value'],
    ["[parameters('x')", "[parameters('x')"],
    ["x[parameters('x')]", "x[parameters('x')]"],
    // `[[` escapes a literal that starts with `[`: the value loses the first `[`.
    ["[[parameters('x')]", "[parameters('x')]"],
    ['[[]', '[]'],
  ])('%j is the literal %j', (text, value) => {
    expect(parseTemplateString(text)).toEqual({ kind: 'literal', value });
    expect(isExpressionText(text)).toBe(false);
  });

  it.each(["[parameters('x')]", '[]', "[ concat('a') ]"])('%j is an expression', (text) => {
    expect(parseTemplateString(text).kind).toBe('expression');
    expect(isExpressionText(text)).toBe(true);
  });
});

describe('expression trees: spans are indices into the string value', () => {
  it('parses a call with string arguments', () => {
    //  0         1
    //  012345678901234567
    // "[concat('a', 'b')]"
    expect(parseExpression("[concat('a', 'b')]")).toEqual({
      expression: {
        kind: 'call',
        namespace: undefined,
        name: 'concat',
        nameSpan: { start: 1, end: 7 },
        args: [
          { kind: 'string', value: 'a', span: { start: 8, end: 11 } },
          { kind: 'string', value: 'b', span: { start: 13, end: 16 } },
        ],
        span: { start: 1, end: 17 },
      },
      errors: [],
    });
  });

  it('parses member and index access', () => {
    //  0         1         2
    //  012345678901234567890
    // "[variables('o').a[0]]"
    expect(parseExpression("[variables('o').a[0]]")).toEqual({
      expression: {
        kind: 'index',
        source: {
          kind: 'member',
          source: {
            kind: 'call',
            namespace: undefined,
            name: 'variables',
            nameSpan: { start: 1, end: 10 },
            args: [{ kind: 'string', value: 'o', span: { start: 11, end: 14 } }],
            span: { start: 1, end: 15 },
          },
          property: 'a',
          span: { start: 1, end: 17 },
        },
        index: { kind: 'number', value: 0, span: { start: 18, end: 19 } },
        span: { start: 1, end: 20 },
      },
      errors: [],
    });
  });

  it('parses a user-defined function namespace', () => {
    expect(parseExpression('[ns.fn(-1)]').expression).toEqual({
      kind: 'call',
      namespace: 'ns',
      name: 'fn',
      nameSpan: { start: 4, end: 6 },
      args: [{ kind: 'number', value: -1, span: { start: 7, end: 9 } }],
      span: { start: 1, end: 10 },
    });
  });

  it("decodes '' inside a string literal as one quote", () => {
    expect(parseExpression("[concat('it''s')]").expression).toMatchObject({ args: [{ kind: 'string', value: "it's", span: { start: 8, end: 15 } }] });
  });

  it('accepts line breaks between tokens (multi-line expressions)', () => {
    const { expression, errors } = parseExpression("[concat(\n  'a',\r\n  'b')]");
    expect(errors).toEqual([]);
    expect(expression).toMatchObject({ kind: 'call', name: 'concat', args: [{ value: 'a' }, { value: 'b' }] });
  });
});

describe('error-tolerant parsing', () => {
  it.each([
    {
      name: 'a missing closing parenthesis',
      //  0         1
      //  01234567890123456
      // "[concat('a', 'b']"   the fault is where ')' should be: the final ']' at 16
      text: "[concat('a', 'b']",
      errors: [{ message: "Expected ')' to close 'concat(' but found the end of the expression", span: { start: 16, end: 16 } }],
    },
    {
      name: 'an unterminated string literal',
      //  0         1
      //  012345678901
      // "[concat('a)]"   the string runs from its quote at 8 to the final ']' (11) and swallows ')'
      text: "[concat('a)]",
      errors: [
        { message: 'Unterminated string literal', span: { start: 8, end: 11 } },
        { message: "Expected ')' to close 'concat(' but found the end of the expression", span: { start: 11, end: 11 } },
      ],
    },
    {
      name: 'empty brackets',
      text: '[]',
      errors: [{ message: 'Expected an expression inside the brackets', span: { start: 1, end: 1 } }],
    },
    {
      name: 'blank brackets',
      text: '[  ]',
      errors: [{ message: 'Expected an expression inside the brackets', span: { start: 3, end: 3 } }],
    },
    {
      name: 'trailing tokens after the expression',
      //  0         1         2
      //  012345678901234567890
      // "[parameters('x') foo]"   the error covers 'foo' up to the closing ']'
      text: "[parameters('x') foo]",
      errors: [{ message: "Unexpected 'foo' after the expression", span: { start: 17, end: 20 } }],
    },
    {
      name: 'an identifier without (',
      //  0         1
      //  012345678901
      // "[parameters]"   '(' is expected at 11
      text: '[parameters]',
      errors: [{ message: "Expected '(' after 'parameters' but found the end of the expression", span: { start: 11, end: 11 } }],
    },
    {
      name: 'a missing argument after a comma',
      //  0         1
      //  01234567890123
      // "[concat('a',)]"   the fault is the ')' at 12; the ')' is there, so no "Expected ')'" follows
      text: "[concat('a',)]",
      errors: [{ message: "Expected a function call, string or number but found ')'", span: { start: 12, end: 13 } }],
    },
    {
      name: 'a missing first argument',
      //  0         1
      //  01234567890123
      // "[concat(,'a')]"   the fault is the ',' at 8; 'a' after it is a well-formed argument
      text: "[concat(,'a')]",
      errors: [{ message: "Expected a function call, string or number but found ','", span: { start: 8, end: 9 } }],
    },
  ])('reports $name at the faulty token', ({ text, errors }) => {
    expect(parseExpression(text).errors).toEqual(errors);
  });

  it('reports a missing comma between arguments at the second argument', () => {
    //  0         1
    //  01234567890123456
    // "[concat('a' 'b')]"   the string 'b' at 12..15 is the fault
    const { errors } = parseExpression("[concat('a' 'b')]");
    expect(errors[0]).toEqual({ message: "Expected ',' or ')' but found string 'b'", span: { start: 12, end: 15 } });
    expect(errors.map((e) => e.span.start)).toEqual(errors.map(() => 12));
  });

  it('words the message for a trailing string as English', () => {
    const [error] = parseExpression("[parameters('x') 'y']").errors;
    expect(error?.span).toEqual({ start: 17, end: 20 });
    expect(error?.message).not.toMatch(/^Unexpected the /);
  });

  it('shortens the template text it quotes', () => {
    const name = 'n'.repeat(500);
    const [error] = parseExpression(`[${name}]`).errors;
    expect(error?.message).toBe(`Expected '(' after '${'n'.repeat(79)}…' but found the end of the expression`);
  });

  it('keeps the arguments it could read when a parenthesis is missing', () => {
    expect(parseExpression("[concat('a', 'b']").expression).toMatchObject({
      kind: 'call',
      name: 'concat',
      args: [{ value: 'a' }, { value: 'b' }],
      span: { start: 1, end: 16 },
    });
  });

  it('never throws on garbage', () => {
    for (const text of ['[(]', '[)]', "[']", '[.]', '[a.]', '[a(]', '[[[]]]', '[1..2]', '[a(b(c(]', '[x[0]]', '[;]']) {
      expect(() => parseTemplateString(text)).not.toThrow();
    }
  });
});

describe('mapping an error span to the file', () => {
  it('uses offsetInString so a JSON escape before the fault does not shift the column', () => {
    // In the file the string is "[concat('\u00e9', 'b']"; decoded, é is one character, so the
    // fault (the final ']') is at index 16 of the value but 6 characters further in the file.
    const text = ['{', String.raw`  "v": "[concat('\u00e9', 'b']"`, '}'].join('\n');
    const source = parseSource(text);
    expect(source.errors).toEqual([]);
    const node = getValue(source.root?.kind === 'object' ? source.root : undefined, 'v') as JsonString;
    const [error] = parseExpression(node.value).errors;
    expect(error?.span.start).toBe(16);
    const offset = source.offsetInString(node, error!.span.start);
    expect(source.lines.positionAt(offset)).toEqual({ line: 2, column: 30 });
    expect(text[offset]).toBe(']');
  });
});
