/**
 * Hostile expressions: each budget of src/expression/budgets.ts has a test that reaches it, and
 * past it the value is unknown (never a hang, a crash or a huge value).
 */
import {
  choiceOf,
  knownString,
  literalString,
  parseTemplateString,
  possibleValues,
  toPlain,
  valueKey,
  type AbstractValue,
} from '../../src/expression';
import {
  MAX_CHOICES,
  MAX_COMBINATIONS,
  MAX_EVALUATION_DEPTH,
  MAX_EVALUATION_STEPS,
  MAX_EVALUATION_WORK,
  MAX_EXPRESSION_DEPTH,
  MAX_KEY_LENGTH,
  MAX_VALUE_SIZE,
} from '../../src/expression/budgets';
import { Evaluator } from '../../src/expression';
import { collectTemplates } from '../../src/model/templates';
import { parseSource, type JsonString } from '../../src/parse';
import { templateEvaluator } from '../support/evaluate';

/** Variables v0 … v(n-1) where v0 is `first` and each next one is `step(previous reference)`. */
function chain(count: number, first: unknown, step: (previous: string) => unknown): Record<string, unknown> {
  const variables: Record<string, unknown> = { v0: first };
  for (let i = 1; i < count; i++) variables[`v${i}`] = step(`variables('v${i - 1}')`);
  return variables;
}

/** The value of the last variable of a chain, and the evaluator that computed it. */
function evaluateLast(variables: Record<string, unknown>, parameters: Record<string, unknown> = {}): { value: AbstractValue; evaluator: Evaluator } {
  const source = parseSource(JSON.stringify({ parameters, variables, resources: [] }));
  if (source.root?.kind !== 'object') throw new Error('no template');
  const { templates } = collectTemplates(source.root);
  const evaluator = new Evaluator();
  const names = Object.keys(variables);
  const node = parseSource(JSON.stringify(`[variables('${names[names.length - 1]}')]`)).root as JsonString;
  return { value: evaluator.evaluate(node, templates[0]!.scope), evaluator };
}

describe('choice fan-out', () => {
  it(`flattens nested choices and gives up past MAX_CHOICES (${MAX_CHOICES}) alternatives`, () => {
    const options = Array.from({ length: MAX_CHOICES }, (_, i) => literalString(`n${i}`));
    const nested = choiceOf([choiceOf(options.slice(0, 4)), choiceOf(options.slice(4))]);
    expect(nested.kind).toBe('choice');
    expect(possibleValues(nested)?.map(knownString)).toEqual(options.map((o) => knownString(o)));
    expect(choiceOf([...options, literalString('one too many')]).kind).toBe('unknown');
  });

  it('evaluates a chain of 30 if() variables, each doubling the alternatives, to unknown', () => {
    const variables = chain(30, "[if(parameters('flag'), 'a', 'b')]", (previous) => `[if(parameters('flag'), concat(${previous}, 'a'), concat(${previous}, 'b'))]`);
    const { value } = evaluateLast(variables, { flag: { type: 'bool' } });
    expect(value.kind).toBe('unknown');
  });

  it('keeps a short chain of if() variables as its alternatives', () => {
    const variables = chain(3, "[if(parameters('flag'), 'a', 'b')]", (previous) => `[concat(${previous}, '-x')]`);
    const { value } = evaluateLast(variables, { flag: { type: 'bool' } });
    expect(possibleValues(value)?.map(knownString)).toEqual(['a-x-x', 'b-x-x']);
  });

  it(`gives up on calls with more than MAX_COMBINATIONS (${MAX_COMBINATIONS}) argument combinations`, () => {
    const { evaluate } = templateEvaluator({ parameters: { f: { type: 'bool' }, g: { type: 'bool' } }, resources: [] });
    const fiveWay = "if(parameters('f'), 'a', if(parameters('g'), 'b', if(parameters('f'), 'c', if(parameters('g'), 'd', 'e'))))";
    expect(possibleValues(evaluate(`[concat(${fiveWay}, '-', 'x')]`))).toHaveLength(5);
    expect(evaluate(`[concat(${fiveWay}, ${fiveWay})]`).kind).toBe('unknown');
  });
});

describe('value size', () => {
  it.each([
    ['a string doubled by concat()', (p: string) => `[concat(${p}, ${p})]`],
    ["a string doubled by format('{0}{0}')", (p: string) => `[format('{0}{0}', ${p})]`],
    ['an array doubled by concat()', (p: string) => `[concat(${p}, ${p})]`],
  ])(`makes %s unknown once it passes MAX_VALUE_SIZE (${MAX_VALUE_SIZE})`, (what, step) => {
    const first = what.includes('array') ? ['x'] : 'xxxxxxxxxx';
    const { value } = evaluateLast(chain(40, first, step));
    // Past the limit the pieces are unknown: what follows is built from holes, never from the text.
    expect(toPlain(value)).toBeUndefined();
    expect(value.size).toBeLessThanOrEqual(MAX_VALUE_SIZE);
  });

  it('makes a literal array of references that doubles at every level unknown, and never materialises it', () => {
    const { value } = evaluateLast(chain(40, ['x'], (previous) => [`[${previous}]`, `[${previous}]`]));
    expect(toPlain(value)).toBeUndefined();
    expect(value.size).toBeLessThanOrEqual(MAX_VALUE_SIZE);
    expect(valueKey(value).length).toBeLessThanOrEqual(MAX_KEY_LENGTH + 1);
  });

  it('makes a nested replace() that grows the text unknown', () => {
    const { value } = evaluateLast(chain(30, 'ab', (previous) => `[replace(${previous}, 'a', 'aaaa')]`));
    expect(value.kind).toBe('unknown');
  });

  it('still computes values just under the limit', () => {
    const { value } = evaluateLast(chain(10, 'x', (previous) => `[concat(${previous}, ${previous})]`));
    expect(knownString(value)).toBe('x'.repeat(512));
  });

  it('measures format() placeholders before joining them', () => {
    const big = 'y'.repeat(100_000);
    const { value } = evaluateLast({ big, many: `[format('${'{0}'.repeat(20)}', variables('big'))]` });
    expect(value.kind).toBe('unknown');
  });
});

describe('evaluation depth', () => {
  it(`gives unknown instead of overflowing the stack for 2,000 chained variables (MAX_EVALUATION_DEPTH ${MAX_EVALUATION_DEPTH})`, () => {
    const { value, evaluator } = evaluateLast(chain(2_000, 'x', (previous) => `[concat(${previous}, 'y')]`));
    expect(toPlain(value)).toBeUndefined();
    expect(evaluator.exhausted).toBe('depth');
  });

  it('evaluates a chain shorter than the limit', () => {
    const { value, evaluator } = evaluateLast(chain(50, 'x', (previous) => `[concat(${previous}, 'y')]`));
    expect(knownString(value)).toBe('x' + 'y'.repeat(49));
    expect(evaluator.exhausted).toBeUndefined();
  });
});

describe('evaluation steps and work', () => {
  it(`stops after MAX_EVALUATION_STEPS (${MAX_EVALUATION_STEPS}) calls in one file`, () => {
    // Each variable makes a few calls; enough variables pass the step budget without nesting deeply.
    const variables: Record<string, unknown> = {};
    const count = Math.ceil(MAX_EVALUATION_STEPS / 10) + 10;
    const calls = "concat(toLower('a'), toUpper('b'), string(1), trim(' c '), concat('d', 'e'))";
    for (let i = 0; i < count; i++) variables[`v${i}`] = `[concat(${calls}, ${calls})]`;
    variables.last = "[concat('z', 'z')]";
    const { value, evaluator } = evaluateAll(variables);
    expect(evaluator.exhausted).toBe('steps');
    expect(value.kind).toBe('unknown');
  });

  it(`stops after MAX_EVALUATION_WORK (${MAX_EVALUATION_WORK}) units of argument and result sizes`, () => {
    const variables: Record<string, unknown> = { big: 'w'.repeat(MAX_VALUE_SIZE / 2 - 10) };
    for (let i = 0; i < MAX_EVALUATION_WORK / MAX_VALUE_SIZE + 2; i++) variables[`v${i}`] = `[concat(variables('big'), '${i}')]`;
    variables.last = "[concat('z', 'z')]";
    const { value, evaluator } = evaluateAll(variables);
    expect(evaluator.exhausted).toBe('work');
    expect(value.kind).toBe('unknown');
  });
});

/** Evaluate every variable in order; the value of the last one. */
function evaluateAll(variables: Record<string, unknown>): { value: AbstractValue; evaluator: Evaluator } {
  const source = parseSource(JSON.stringify({ variables, resources: [] }));
  if (source.root?.kind !== 'object') throw new Error('no template');
  const { templates } = collectTemplates(source.root);
  const scope = templates[0]!.scope;
  const evaluator = new Evaluator();
  let value: AbstractValue | undefined;
  for (const declaration of scope.variables.values()) value = evaluator.variableValue(declaration);
  return { value: value!, evaluator };
}

describe('keys', () => {
  it(`hashes canonical keys longer than MAX_KEY_LENGTH (${MAX_KEY_LENGTH})`, () => {
    const { evaluate } = templateEvaluator({ parameters: { p: { type: 'string' } }, resources: [] });
    const long = evaluate(`[concat(parameters('p'), '${'k'.repeat(MAX_KEY_LENGTH * 2)}')]`);
    expect(valueKey(long)).toMatch(/^#[\w-]{16}$/);
    const same = evaluate(`[concat(parameters('p'), '${'k'.repeat(MAX_KEY_LENGTH * 2)}')]`);
    const other = evaluate(`[concat(parameters('p'), '${'k'.repeat(MAX_KEY_LENGTH * 2 + 1)}')]`);
    expect(valueKey(same)).toBe(valueKey(long));
    expect(valueKey(other)).not.toBe(valueKey(long));
  });
});

describe('expression nesting', () => {
  it(`reports one syntax error for calls nested deeper than MAX_EXPRESSION_DEPTH (${MAX_EXPRESSION_DEPTH})`, () => {
    const text = `[${'concat('.repeat(5_000)}'a'${')'.repeat(5_000)}]`;
    const parsed = parseTemplateString(text);
    expect(parsed.kind).toBe('expression');
    if (parsed.kind !== 'expression') return;
    expect(parsed.errors).toEqual([{ message: `The expression is nested deeper than ${MAX_EXPRESSION_DEPTH} levels`, span: expect.any(Object) }]);
    expect(parsed.errors[0]!.span.start).toBe(1 + 'concat('.length * MAX_EXPRESSION_DEPTH);
  });

  it('parses and evaluates calls nested just under the limit', () => {
    const depth = MAX_EXPRESSION_DEPTH - 1;
    const { evaluate } = templateEvaluator({ resources: [] });
    expect(toPlain(evaluate(`[${'concat('.repeat(depth)}'a'${')'.repeat(depth)}]`))).toBe('a');
  });
});

describe('indexing with an unknown index', () => {
  it('gives the choice of the elements, so a property every element has is known', () => {
    const { evaluate } = templateEvaluator({ variables: { names: ['web0', 'web1'] }, resources: [] });
    expect(possibleValues(evaluate("[variables('names')[copyIndex()]]"))?.map(knownString)).toEqual(['web0', 'web1']);
  });

  it(`is unknown for arrays longer than MAX_CHOICES`, () => {
    const { evaluate } = templateEvaluator({ variables: { names: Array.from({ length: MAX_CHOICES + 1 }, (_, i) => `n${i}`) }, resources: [] });
    expect(evaluate("[variables('names')[copyIndex()]]").kind).toBe('unknown');
  });
});
