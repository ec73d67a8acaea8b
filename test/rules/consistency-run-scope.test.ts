/**
 * The consistency rules' `scope` option through the public API: with `"run"` the DSC extensions
 * of all linted files are compared, and the message lands in the file of the odd one out, naming
 * the file and line where the common value is used; with the default `"file"` each file stands
 * alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, lintFiles, type LintReport, type RuleEntry } from '../../src/index';
import { onlyRule, positionOf, positions, template } from '../support/lint';

interface ExtensionValues {
  typeHandlerVersion: string;
  autoUpgradeMinorVersion: boolean;
}

/** A template with one VM and a top-level DSC extension resource for each entry of `extensions`. */
function dscTemplate(vmName: string, extensions: ExtensionValues[]): string {
  return template({
    resources: [
      { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: vmName, location: 'westeurope', properties: {} },
      ...extensions.map((values, i) => ({
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: '2024-07-01',
        name: `${vmName}/dsc${i}`,
        location: 'westeurope',
        properties: {
          publisher: 'Microsoft.Powershell',
          type: 'DSC',
          ...values,
          settings: { configuration: { url: `https://example.org/${vmName}.zip`, script: 'main.ps1', function: 'Main' } },
        },
      })),
    ],
  });
}

const common: ExtensionValues = { typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true };

const cases = [
  {
    ruleId: 'dsc-consistent-type-handler-version',
    odd: { ...common, typeHandlerVersion: '2.77' },
    commonToken: '"2.83"',
    oddToken: '"2.77"',
    // The odd one out is the better value: a newer version than the common one.
    worse: { ...common, typeHandlerVersion: '2.77' },
    worseToken: '"2.77"',
    better: common,
    betterToken: '"2.83"',
  },
  {
    ruleId: 'dsc-consistent-auto-upgrade',
    odd: { ...common, autoUpgradeMinorVersion: false },
    commonToken: 'true',
    oddToken: 'false',
    worse: { ...common, autoUpgradeMinorVersion: false },
    worseToken: 'false',
    better: common,
    betterToken: 'true',
  },
];

describe.each(cases)('$ruleId across files', ({ ruleId, odd, commonToken, oddToken, worse, worseToken, better, betterToken }) => {
  // a.json agrees with itself; b.json's single extension differs from both of a.json's;
  // mixed.json differs within itself, to show the rule is active when scope is "file".
  const aText = dscTemplate('web', [common, common]);
  const bText = dscTemplate('db', [odd]);
  const mixedText = dscTemplate('app', [common, odd, common]);
  // worse.json agrees on the worse value; better.json's single extension has the better one.
  const worseText = dscTemplate('old', [worse, worse]);
  const betterText = dscTemplate('new', [better]);
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'armdsc-run-scope-'));
    writeFileSync(join(dir, 'a.json'), aText);
    writeFileSync(join(dir, 'b.json'), bText);
    writeFileSync(join(dir, 'mixed.json'), mixedText);
    writeFileSync(join(dir, 'worse.json'), worseText);
    writeFileSync(join(dir, 'better.json'), betterText);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const lint = (entry: RuleEntry, names = ['a.json', 'b.json']): Promise<LintReport> =>
    lintFiles(names, { cwd: dir, rules: onlyRule(ruleId, entry) });
  const messagesOf = (report: LintReport, name: string) => report.results.find((r) => r.filePath === join(dir, name))?.messages;

  it('with scope "run", reports the odd extension in its own file and names the other file and line', async () => {
    const report = await lint(['warn', { scope: 'run' }]);
    expect(report.results.map((r) => r.filePath).sort()).toEqual([join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(messagesOf(report, 'a.json')).toEqual([]);

    const messages = messagesOf(report, 'b.json')!;
    expect(positions(messages)).toEqual([{ messageId: 'differs', ...positionOf(bText, oddToken) }]);
    expect(messages[0]!.ruleId).toBe(ruleId);
    expect(messages[0]!.severity).toBe(1);
    expect(messages[0]!.message).toContain(`a.json:${positionOf(aText, commonToken).line})`);
    expect(messages[0]!.message).toContain('2 other DSC extension(s)');
  });

  it('with scope "run", says so when the odd value is the better one, naming the other file', async () => {
    const report = await lint(['warn', { scope: 'run' }], ['worse.json', 'better.json']);
    expect(messagesOf(report, 'worse.json')).toEqual([]);
    const messages = messagesOf(report, 'better.json')!;
    expect(positions(messages)).toEqual([{ messageId: 'betterThanCommon', ...positionOf(betterText, betterToken) }]);
    expect(messages[0]!.message).toContain(`worse.json:${positionOf(worseText, worseToken).line})`);
  });

  it('with the default scope "file", compares each file alone', async () => {
    const report = await lint('warn', ['a.json', 'b.json', 'mixed.json']);
    expect(report.results).toHaveLength(3);
    expect(messagesOf(report, 'a.json')).toEqual([]);
    expect(messagesOf(report, 'b.json')).toEqual([]);
    expect(positions(messagesOf(report, 'mixed.json')!)).toEqual([{ messageId: 'differs', ...positionOf(mixedText, oddToken, '"app/dsc1"') }]);
  });

  it('rejects an unknown scope with a ConfigError', async () => {
    await expect(lint(['warn', { scope: 'repo' }])).rejects.toThrow(ConfigError);
  });
});
