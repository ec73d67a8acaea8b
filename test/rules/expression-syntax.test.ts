/** expression-syntax: which strings are expressions, where a fault is reported, options and secrets. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBuiltInFunction, isExpressionText, parseTemplateString, type Expression } from '../../src/expression';
import { applyFixes } from '../../src/engine/fixes';
import { decodeBytes } from '../../src/parse';
import type { RuleEntry } from '../../src/index';
import { CORPUS, filesUnder, itWithCorpus } from '../support/corpus';
import { lintWithRule } from '../support/lint';

const RULE = 'expression-syntax';

/** A template whose variables are the given raw JSON property lines. */
function withVariables(lines: string[], extra = ''): string {
  return [
    '{',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  "contentVersion": "1.0.0.0",',
    extra,
    '  "parameters": { "vmName": { "type": "string", "defaultValue": "web" } },',
    '  "variables": {',
    lines.map((line) => `    ${line}`).join(',\n'),
    '  },',
    '  "resources": []',
    '}',
  ].join('\n');
}

/** 1-based line and column of the first occurrence of `needle` at or after `after` in `text`. */
function positionOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const offset = text.indexOf(needle, text.indexOf(after));
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const lint = (text: string, entry?: RuleEntry) => lintWithRule(RULE, text, { entry }).messages;

describe('expression-syntax: which strings are expressions', () => {
  it.each([
    ['an escaped bracket', '"[[Application_Insights_Key]"'],
    ['a bracket that does not end the string', '"[test] value"'],
    ['a bracket that does not start the string', '"value [test]"'],
    ['a leading space', '" [concat(]"'],
  ])('does not report %s', (_name, value) => {
    expect(lint(withVariables([`"v": ${value}`]))).toEqual([]);
  });

  it('does not read property names as expressions', () => {
    expect(lint(withVariables(['"[not evaluated]": "x"']))).toEqual([]);
  });
});

describe('expression-syntax: where the fault is', () => {
  it.each([
    ['\\u00e9', String.raw`"v": "[concat('caf\u00e9', 'a' 'b')]"`, "'b'"],
    ['\\"', String.raw`"v": "[concat('say \"hi\"', 'a' 'b')]"`, "'b'"],
    ['\\\\', String.raw`"v": "[concat('C:\\temp', 'a' 'b')]"`, "'b'"],
  ])('counts the columns of the file after a %s escape', (_escape, line, fault) => {
    const text = withVariables([line]);
    const [message] = lint(text);
    const start = positionOf(text, fault, '"v"');
    expect(message).toMatchObject({ messageId: 'syntaxError', ...start, endLine: start.line, endColumn: start.column + fault.length });
  });

  it('reports the fault on the line of a multi-line expression where it is', () => {
    const text = withVariables([`"v": "[concat(\n      parameters('vmName')\n      '-disk')]"`]);
    const [message] = lint(text);
    expect(message).toMatchObject({ ...positionOf(text, "'-disk'"), messageId: 'syntaxError' });
  });

  it('reports one message per string, not the faults that follow from the first', () => {
    // The unterminated string also hides the closing parenthesis.
    const messages = lint(withVariables([`"v": "[concat('team)]"`]));
    expect(messages.map((m) => m.message)).toEqual(['Template expression does not parse: Unterminated string literal.']);
  });

  it('reports a zero-width fault at the closing bracket, where the missing text belongs', () => {
    const text = withVariables([`"v": "[concat('a', 'b']"`]);
    const [message] = lint(text);
    const at = positionOf(text, `]"`, '"v"');
    expect(message).toMatchObject({ ...at, endLine: at.line, endColumn: at.column });
  });
});

describe('expression-syntax: bracketed text and secrets', () => {
  it('offers to escape bracketed text, which then is literal', () => {
    const text = withVariables(['"key": "[Application_Insights_Key]"']);
    const [message] = lintWithRule(RULE, text).messages;
    expect(message?.messageId).toBe('bracketedText');
    const [suggestion] = message!.suggestions!;
    const escaped = applyFixes(text, [suggestion!.fix]).text;
    expect(escaped).toContain('"key": "[[Application_Insights_Key]"');
    expect(lint(escaped)).toEqual([]);
  });

  it('treats a fault inside a call whose property is taken as a broken expression, not as bracketed text', () => {
    // From checkov's Synapse test input: a bare name (no parameters()) inside listKeys(…).keys[0].value.
    const text = withVariables([`"key": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', storageAccountName), '2021-02-01').keys[0].value]"`]);
    expect(lintWithRule(RULE, text).messages.map((m) => m.messageId)).toEqual(['syntaxError']);
    const bare = withVariables(['"key": "[data.azure_client_config.current.tenantId]"']);
    expect(lintWithRule(RULE, bare).messages.map((m) => m.messageId)).toEqual(['bracketedText']);
  });

  it('never shows a secure parameter default, nor where in it the fault is', () => {
    const secret = '[Pa55(w0rd!]';
    const text = withVariables(['"x": "y"'], `  "parameters": { "adminPassword": { "type": "securestring", "defaultValue": "${secret}" } },`)
      // One "parameters" section is enough.
      .replace('  "parameters": { "vmName": { "type": "string", "defaultValue": "web" } },\n', '');
    const messages = lint(text);
    expect(messages.map((m) => m.messageId)).toEqual(['secretExpression']);
    expect(messages[0]!.message).not.toContain('Pa55');
    const at = positionOf(text, `"${secret}"`);
    expect(messages[0]).toMatchObject({ ...at, endColumn: at.column + secret.length + 2 });
  });
});

describe('expression-syntax: function names', () => {
  it('names the closest built-in function and suggests it', () => {
    const [message] = lintWithRule(RULE, withVariables([`"v": "[toUper(parameters('vmName'))]"`])).messages;
    expect(message?.message).toBe("'toUper' is not a template function ARM knows; did you mean 'toUpper'?");
    expect(message?.suggestions?.map((s) => s.fix.text)).toEqual(['toUpper']);
  });

  it('takes extra function names from the additionalFunctions option, in any letter case', () => {
    const text = withVariables([`"v": "[brandNewFunction(parameters('vmName'))]"`]);
    expect(lint(text).map((m) => m.messageId)).toEqual(['unknownFunction']);
    expect(lint(text, ['error', { additionalFunctions: ['BrandNewFunction'] }])).toEqual([]);
  });

  it('does not check function names in a template generated by Bicep, but still its syntax', () => {
    const generator = '  "metadata": { "_generator": { "name": "bicep", "version": "0.40.2.10011" } },';
    const text = withVariables([`"a": "[brandNewFunction(parameters('vmName'))]"`, `"b": "[concat('a']"`], generator);
    expect(lint(text).map((m) => m.messageId)).toEqual(['syntaxError']);
  });
});

/** Every call of a function without a namespace in an expression tree. */
function builtInCallNames(expression: Expression | undefined, into: Set<string>): void {
  const stack = expression ? [expression] : [];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.kind === 'call') {
      if (current.namespace === undefined) into.add(current.name);
      stack.push(...current.args);
    } else if (current.kind === 'member') stack.push(current.source);
    else if (current.kind === 'index') stack.push(current.source, current.index);
  }
}


itWithCorpus('knows every function the Bicep-generated templates of the corpus call', () => {
  // Bicep checks function names when it compiles, so these are all functions ARM has.
  const names = new Set<string>();
  // The repositories of the corpus that hold most Bicep output, to keep the test quick.
  const directories = ['Azure__bicep', 'Azure__bicep-registry-modules', 'Azure__avdaccelerator'].map((name) => join(CORPUS, name));
  for (const path of directories.flatMap(filesUnder)) {
    if (!path.endsWith('.json')) continue;
    const text = decodeBytes(readFileSync(path)).text;
    if (!text.includes('"_generator"') || !/"name":\s*"bicep"/.test(text)) continue;
    // Generated templates are plain JSON, which JSON.parse reads fastest.
    const values: unknown[] = [JSON.parse(text)];
    for (let value = values.pop(); value !== undefined; value = values.pop()) {
      if (typeof value === 'string') {
        const parsed = isExpressionText(value) ? parseTemplateString(value) : undefined;
        if (parsed?.kind === 'expression') builtInCallNames(parsed.expression, names);
      } else if (value !== null && typeof value === 'object') {
        for (const item of Object.values(value)) values.push(item);
      }
    }
  }
  expect(names.size).toBeGreaterThan(100);
  expect([...names].filter((name) => !isBuiltInFunction(name))).toEqual([]);
}, 60_000);
