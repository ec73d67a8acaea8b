/**
 * Each hostile input seen on 1.0 is its own test, generated here (never a big committed file):
 * linting finishes, reports nothing false, and never throws. None of these asserts a time: a
 * hang shows as jest's timeout, a crash as an exception.
 */
import { lintText, type LintResult } from '../../src/index';
import { RuleFixer } from '../../src/engine';
import { parseSource, type JsonObject } from '../../src/parse';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function lint(template: object | string): LintResult {
  const text = typeof template === 'string' ? template : JSON.stringify(template);
  const result = lintText(text, { filePath: 'hostile.json' });
  if (!result) throw new Error('not linted as a template');
  return result;
}

/** A VM named by `name`, with a DSC extension nested in it. */
function vmNamed(name: string) {
  return {
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-07-01',
    name,
    properties: {},
    resources: [{ type: 'extensions', apiVersion: '2024-07-01', name: 'dsc', properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true } }],
  };
}

function chain(count: number, first: unknown, step: (previous: string) => string): Record<string, unknown> {
  const variables: Record<string, unknown> = { v0: first };
  for (let i = 1; i < count; i++) variables[`v${i}`] = step(`variables('v${i - 1}')`);
  return variables;
}

const lastVariable = (count: number) => `[variables('v${count - 1}')]`;

/** No internal error and no fatal message: every rule ran to the end. */
function expectLintedCompletely(result: LintResult): void {
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
}

describe('expressions that used to hang or abort the run', () => {
  it('a 2 KB template with a chain of 30 if() variables used as a VM name', () => {
    const variables = chain(30, "[if(parameters('a'), 'x', 'y')]", (p) => `[if(parameters('a'), concat(${p}, 'a'), concat(${p}, 'b'))]`);
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { a: { type: 'bool' } }, variables, resources: [vmNamed(lastVariable(30))] };
    expect(JSON.stringify(template).length).toBeLessThan(4096);
    expectLintedCompletely(lint(template));
  });

  it.each([
    ['a string doubled by concat()', 'xxxxxxxx', (p: string) => `[concat(${p}, ${p})]`],
    ['an array doubled by concat()', ['x'], (p: string) => `[concat(${p}, ${p})]`],
    ["a string doubled by format('{0}{0}')", 'xxxxxxxx', (p: string) => `[format('{0}{0}', ${p})]`],
    ['a nested replace()', 'ab', (p: string) => `[replace(${p}, 'a', 'aaaa')]`],
  ])('%s, 64 times, used as a VM name', (_, first, step) => {
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', variables: chain(64, first, step), resources: [vmNamed(lastVariable(64))] };
    expectLintedCompletely(lint(template));
  });

  it('about 2,000 chained variables (1.0 overflowed the stack at 830)', () => {
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', variables: chain(2_000, 'x', (p) => `[concat(${p}, 'y')]`), resources: [vmNamed(lastVariable(2_000))] };
    expectLintedCompletely(lint(template));
  });

  it('5,000 nested expression calls in one string (1.0 overflowed at 1,700)', () => {
    const deep = `[${'concat('.repeat(5_000)}'x'${')'.repeat(5_000)}]`;
    expectLintedCompletely(lint({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [vmNamed(deep)] }));
  });
});

describe('nesting that used to overflow the stack', () => {
  it.each([
    ['10,000 nested objects (1.0 overflowed at 3,600)', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['10,000 nested arrays (1.0 overflowed at 5,200)', '['.repeat(10_000) + ']'.repeat(10_000)],
  ])('%s: one fatal message, no crash', (_, deep) => {
    const result = lint(`{"$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "variables": {"deep": ${deep}}, "resources": []}`);
    expect(result.messages).toEqual([expect.objectContaining({ ruleId: null, fatal: true, message: expect.stringContaining('Nesting deeper than 256 levels') })]);
  });

  it('nesting up to the limit is linted by every rule', () => {
    const deep = '['.repeat(240) + ']'.repeat(240);
    expectLintedCompletely(lint(`{"$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "variables": {"deep": ${deep}}, "resources": []}`));
  });
});

describe('text that used to take quadratic time', () => {
  it("a format() string of 300,000 characters full of '{0:' that never close", () => {
    const text = `[format('${'{0:'.repeat(100_000)}', 'x')]`;
    expectLintedCompletely(lint({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [vmNamed(text)] }));
  });

  it("the fixer's end-of-line check on a 300,000-character line of unclosed '/*'", () => {
    // One block comment that opens on the property's line and closes on the next: the line
    // holds 60,000 '/*' and no '*/', where 1.0's pattern retried from every '/*' to the line's end.
    const source = parseSource(`{\n  "a": 1 ${'/* x '.repeat(60_000)}\n  */\n}`);
    expect(source.errors).toEqual([]);
    expect(source.text.length).toBeGreaterThan(300_000);
    // The comment does not end on the line, so the new property goes right after the value.
    const edits = new RuleFixer(source).addProperty(source.root as JsonObject, 'b', 2);
    expect(edits).toEqual([{ range: [10, 10], text: ',\n  "b": 2' }]);
  });

  it('5,000 DSC extensions and 50,000 resources in one file are linted', () => {
    const resources: unknown[] = [];
    for (let i = 0; i < 5_000; i++) resources.push(vmNamed(`vm${i}`));
    for (let i = 0; i < 40_000; i++) resources.push({ type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2024-01-01', name: `ip${i}` });
    const result = lint({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources });
    expectLintedCompletely(result);
  });
});

describe('rules never see a hostile value as known', () => {
  it('a nodeName built past the budgets is unknown, so not reported', () => {
    const variables = chain(40, 'web', (p) => `[concat(${p}, ${p})]`);
    const scaleSet = {
      type: 'Microsoft.Compute/virtualMachineScaleSets',
      apiVersion: '2024-07-01',
      name: 'web',
      properties: { virtualMachineProfile: { extensionProfile: { extensions: [{ name: 'DSC', properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, settings: { configurationArguments: { nodeName: lastVariable(40) } } } }] } } },
    };
    const result = lint({ $schema: SCHEMA, contentVersion: '1.0.0.0', variables, resources: [scaleSet] });
    expect(result.messages.filter((m) => m.ruleId === 'dsc-vmss-node-name')).toEqual([]);
  });
});
