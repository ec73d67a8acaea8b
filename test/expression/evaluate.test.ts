import { knownString, literalFragments, possibleValues, toPlain, valueKey } from '../../src/expression';
import { parameter, templateEvaluator, variable } from '../support/evaluate';

const { evaluate } = templateEvaluator({
  parameters: {
    vmName: { type: 'string', defaultValue: 'web01' },
    count: { type: 'int', defaultValue: 3 },
    location: { type: 'string' },
    flag: { type: 'bool' },
    otherFlag: { type: 'bool' },
    baseUrl: { type: 'string', defaultValue: 'https://example.com/artifacts/' },
  },
  variables: {
    prefix: 'app',
    fullName: "[concat(variables('prefix'), '-', parameters('vmName'))]",
    config: { nodeName: "[parameters('vmName')]", ports: [80, 443] },
    letters: ['a', 'b'],
    moreLetters: ['c'],
    empty: {},
    loopA: "[variables('loopB')]",
    loopB: "[variables('loopA')]",
    self: "[concat('x', variables('self'))]",
  },
  resources: [],
});

/** The known plain value (string, number, array, …) of an evaluated template string. */
const plain = (text: string): unknown => toPlain(evaluate(text));

describe('parameters() and variables()', () => {
  it('gives a literal string its own value and no provenance', () => {
    expect(evaluate('plain')).toEqual({ kind: 'string', parts: ['plain'], size: 5, secret: false, origins: [] });
    expect(plain('[[not an expression]')).toBe('[not an expression]');
  });

  it('uses default values', () => {
    expect(evaluate("[parameters('vmName')]")).toEqual({ kind: 'string', parts: ['web01'], size: 5, secret: false, origins: [parameter('vmName')] });
    expect(plain("[parameters('count')]")).toBe(3);
  });

  it('is unknown for a parameter without a default value', () => {
    expect(evaluate("[parameters('location')]")).toMatchObject({ kind: 'unknown', secret: false, origins: [parameter('location')] });
  });

  it('resolves variables that use other variables and parameters, origins nearest first', () => {
    const value = evaluate("[variables('fullName')]");
    expect(knownString(value)).toBe('app-web01');
    expect(value.origins).toEqual([variable('fullName'), variable('prefix'), parameter('vmName')]);
  });

  it('gives unknown for a variable cycle instead of hanging', () => {
    expect(evaluate("[variables('loopA')]")).toMatchObject({ kind: 'unknown', origins: [variable('loopA'), variable('loopB')] });
    const self = evaluate("[variables('self')]");
    expect(literalFragments(self)).toEqual(['x']);
    expect(toPlain(self)).toBeUndefined();
  });

  it.each([
    ["[PARAMETERS('VMNAME')]", 'web01'],
    ["[Parameters('vmname')]", 'web01'],
    ["[concat(VARIABLES('Prefix'), '-', parameters('VmName'))]", 'app-web01'],
    ["[ConCat('a', 'b')]", 'ab'],
    ["[VARIABLES('fullname')]", 'app-web01'],
  ])('compares function, parameter and variable names case-insensitively: %s', (text, expected) => {
    expect(plain(text)).toBe(expected);
  });

  it('is unknown for an undeclared parameter or variable', () => {
    expect(evaluate("[parameters('nope')]").kind).toBe('unknown');
    expect(evaluate("[variables('nope')]").kind).toBe('unknown');
  });

  it('is unknown for an expression that does not parse', () => {
    expect(evaluate("[concat('a', 'b']").kind).toBe('unknown');
  });
});

describe('built-in functions', () => {
  it.each([
    ["[concat('a', 'b', 1)]", 'ab1'],
    ["[concat(variables('letters'), variables('moreLetters'))]", ['a', 'b', 'c']],
    ["[format('{0}-{1}', 'a', parameters('count'))]", 'a-3'],
    ["[format('{{literal}} {0}', 'x')]", '{literal} x'],
    ["[uri('https://example.com/artifacts/', 'dsc.zip')]", 'https://example.com/artifacts/dsc.zip'],
    ["[uri('https://example.com/artifacts/', '/dsc.zip')]", 'https://example.com/artifacts/dsc.zip'],
    ["[uri('https://example.com/artifacts/main.json', 'dsc.zip')]", 'https://example.com/artifacts/dsc.zip'],
    ["[uri('https://example.com', 'dsc.zip')]", 'https://example.com/dsc.zip'],
    ["[uri(parameters('baseUrl'), 'DSC/web.zip')]", 'https://example.com/artifacts/DSC/web.zip'],
    ["[toLower('AbC')]", 'abc'],
    ["[toUpper('AbC')]", 'ABC'],
    ['[string(3)]', '3'],
    ["[string('x')]", 'x'],
    ["[replace('a-b-c', '-', '_')]", 'a_b_c'],
    ["[trim('  x  ')]", 'x'],
    ["[if(equals(parameters('vmName'), 'web01'), 'yes', 'no')]", 'yes'],
    ["[if(equals(parameters('vmName'), 'other'), 'yes', 'no')]", 'no'],
    ["[equals('a', 'a')]", true],
    ['[equals(1, 2)]', false],
    ["[equals(variables('letters'), variables('letters'))]", true],
    ["[empty('')]", true],
    ["[empty('x')]", false],
    ["[empty(variables('letters'))]", false],
    ["[empty(variables('empty'))]", true],
    ["[coalesce(null(), 'x')]", 'x'],
    ['[coalesce(null(), null())]', null],
    ["[variables('config').nodeName]", 'web01'],
    ["[variables('CONFIG').NodeName]", 'web01'],
    ["[variables('config')['nodeName']]", 'web01'],
    ["[variables('config').ports[1]]", 443],
    ["[variables('letters')[0]]", 'a'],
  ])('%s is %j', (text, expected) => {
    expect(plain(text)).toEqual(expected);
  });

  it.each([
    "[resourceGroup().location]",
    '[copyIndex()]',
    "[reference('vm1').outputs.x]",
    "[variables('config').missing]",
    "[variables('letters')[5]]",
    "[equals(parameters('location'), 'x')]",
    "[empty(parameters('location'))]",
    "[coalesce(parameters('location'), 'x')]",
    "[format('{1}', 'only one')]",
    "[concat(variables('letters'), 'x')]",
  ])('%s is unknown', (text) => {
    expect(evaluate(text).kind).toBe('unknown');
  });

  it('keeps what is known of a partly known string', () => {
    const value = evaluate("[concat('https://', parameters('location'), '.example.com/', 'dsc.zip')]");
    expect(value.kind).toBe('string');
    expect(literalFragments(value)).toEqual(['https://', '.example.com/dsc.zip']);
    expect(toPlain(value)).toBeUndefined();
  });

  it('treats a format specifier as a hole, keeping the rest of the format', () => {
    const value = evaluate("[format('vm{0:D3}', parameters('count'))]");
    expect(literalFragments(value)).toEqual(['vm']);
    expect(toPlain(value)).toBeUndefined();
    expect(value.origins).toEqual([parameter('count')]);
  });

  it('lower-cases the known parts of a partly known string', () => {
    expect(literalFragments(evaluate("[toLower(concat('WEB-', parameters('location')))]"))).toEqual(['web-']);
  });

  it('resolves uri() on a partly known base, replacing its last segment', () => {
    const value = evaluate("[uri(concat('https://', parameters('location'), '/artifacts/main.json'), 'dsc.zip')]");
    expect(literalFragments(value)).toEqual(['https://', '/artifacts/dsc.zip']);
  });

  it('keeps the relative part when uri() has an unknown base', () => {
    const value = evaluate("[uri(parameters('location'), 'DSC/web.zip')]");
    expect(value.kind).toBe('string');
    expect(literalFragments(value).at(-1)).toBe('DSC/web.zip');
    expect(value.origins).toEqual([parameter('location')]);
  });
});

describe('if() with an unknown condition', () => {
  const choice = evaluate("[if(parameters('flag'), 'a', 'b')]");

  it('gives a choice of both branches', () => {
    expect(choice.kind).toBe('choice');
    expect(possibleValues(choice)?.map(toPlain)).toEqual(['a', 'b']);
    expect(literalFragments(choice)).toEqual(['a', 'b']);
  });

  it('flattens nested choices in possibleValues', () => {
    const nested = evaluate("[if(parameters('flag'), 'a', if(parameters('otherFlag'), 'b', 'c'))]");
    expect(possibleValues(nested)?.map(toPlain)).toEqual(['a', 'b', 'c']);
  });

  it('has no possible values when an option is unknown', () => {
    expect(possibleValues(evaluate("[if(parameters('flag'), 'a', parameters('location'))]"))).toBeUndefined();
  });

  it('applies functions to each option', () => {
    expect(possibleValues(evaluate("[concat(if(parameters('flag'), 'a', 'b'), '.zip')]"))?.map(toPlain)).toEqual(['a.zip', 'b.zip']);
    expect(possibleValues(evaluate("[toUpper(if(parameters('flag'), 'a', 'b'))]"))?.map(toPlain)).toEqual(['A', 'B']);
  });

  it('applies functions to each option of nested choices too', () => {
    const value = evaluate("[concat(if(parameters('flag'), 'a', if(parameters('otherFlag'), 'b', 'c')), '.zip')]");
    expect(possibleValues(value)?.map(toPlain)).toEqual(['a.zip', 'b.zip', 'c.zip']);
  });

  it('gives a known value its single possible value', () => {
    expect(possibleValues(evaluate("[parameters('vmName')]"))?.map(toPlain)).toEqual(['web01']);
  });
});

describe('valueKey', () => {
  const key = (text: string): string => valueKey(evaluate(text));

  it('is the same for one unknown value written different ways', () => {
    const expected = key("[parameters('location')]");
    expect(key("[PARAMETERS('Location')]")).toBe(expected);
    expect(key("[concat(parameters('location'))]")).toBe(expected);
    expect(key("[format('{0}', parameters('location'))]")).toBe(expected);
  });

  it('is the same for the same unknown call written with different case and spacing', () => {
    expect(key('[resourceGroup().location]')).toBe(key('[ResourceGroup( ).Location]'));
  });

  it('differs for different unknown values', () => {
    expect(key("[parameters('location')]")).not.toBe(key("[parameters('flag')]"));
    expect(key("[concat('a', parameters('location'))]")).not.toBe(key("[concat('b', parameters('location'))]"));
  });

  it('differs for a function applied to different unknown values', () => {
    expect(key("[toLower(parameters('location'))]")).not.toBe(key("[toLower(parameters('flag'))]"));
    expect(key("[toUpper(parameters('location'))]")).not.toBe(key("[toUpper(parameters('flag'))]"));
  });

  it('tells a number from the same digits as a string', () => {
    expect(key('[string(3)]')).not.toBe(key("[parameters('count')]"));
  });
});
