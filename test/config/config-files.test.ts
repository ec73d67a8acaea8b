/**
 * Configuration files as a team uses them: discovery upward from each file, root, extends,
 * overrides, ignores, --config, --no-config-lookup, validation in one line, --print-config.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli';
import { scaleSetTemplate } from '../support/lint';

/** A scale set whose DSC nodeName is "web0": a dsc-vmss-node-name error. */
const scaleSet = scaleSetTemplate('web0');

interface Result {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number }>;
}

async function ruleIds(args: string[], cwd: string): Promise<Record<string, string[]>> {
  const run = await runCli([...args, '--format', 'json'], cwd);
  if (run.code === 2) throw new Error(run.stderr);
  const results = JSON.parse(run.stdout) as Result[];
  return Object.fromEntries(results.map((r) => [r.filePath.slice(cwd.length + 1), r.messages.map((m) => `${m.ruleId}:${m.severity}`)]));
}

const rc = (config: unknown) => JSON.stringify(config, null, 2);

describe('discovery', () => {
  it('applies the config files from the file folder upward, nearest last, stopping at "root": true', async () => {
    const cwd = workspace({
      '.armdsclintrc.json': rc({ rules: { 'dsc-vmss-node-name': 'warn', 'dsc-extension-retirement': 'warn' } }),
      'a.json': scaleSet,
      'team/.armdsclintrc.jsonc': '// the team turns the retirement notice off\n{ "rules": { "dsc-extension-retirement": "off", }, }',
      'team/b.json': scaleSet,
      'isolated/.armdsclintrc.json': rc({ root: true, rules: {} }),
      'isolated/c.json': scaleSet,
    });
    expect(await ruleIds([], cwd)).toEqual({
      'a.json': ['dsc-extension-retirement:1', 'dsc-vmss-node-name:1'],
      'team/b.json': ['dsc-vmss-node-name:1'],
      'isolated/c.json': ['dsc-vmss-node-name:2'],
    });
  });

  it('extends "armdsc-lint:all" (every rule on), overrides by glob relative to the config', async () => {
    const cwd = workspace({
      '.armdsclintrc.json': rc({ extends: 'armdsc-lint:all', overrides: [{ files: ['legacy/**'], rules: { 'dsc-vmss-node-name': 'off' } }] }),
      'a.json': scaleSet,
      'legacy/old.json': scaleSet,
    });
    expect(await ruleIds([], cwd)).toEqual({
      'a.json': ['dsc-extension-retirement:1', 'dsc-vmss-node-name:2'],
      'legacy/old.json': ['dsc-extension-retirement:1'],
    });
  });

  it('ignores files by the config and by --ignore-pattern, with a notice for a file named on the command line', async () => {
    const cwd = workspace({ '.armdsclintrc.json': rc({ ignores: ['generated/'] }), 'a.json': scaleSet, 'generated/x.json': scaleSet, 'vendor/y.json': scaleSet });
    expect(Object.keys(await ruleIds(['--ignore-pattern', 'vendor/**'], cwd))).toEqual(['a.json']);
    const named = await runCli(['generated/x.json'], cwd);
    expect(named).toEqual({ code: 0, stdout: '', stderr: 'armdsc-lint: skipped generated/x.json: ignored by the configuration (ignores or --ignore-pattern; --no-ignore lints it)\n' });
    // --no-warn-ignored drops that notice (a pre-commit hook names every staged file), and only that one.
    expect(await runCli(['generated/x.json', '--no-warn-ignored'], cwd)).toEqual({ code: 0, stdout: '', stderr: '' });
    const packageJson = await runCli(['package.json', '--no-warn-ignored'], workspace({ 'package.json': '{"name": "x"}' }));
    expect(packageJson.stderr).toBe('armdsc-lint: skipped package.json: not a deployment template\n');
  });

  it('--no-ignore lints what the config and --ignore-pattern would skip, and --print-config says it is not ignored', async () => {
    const cwd = workspace({ '.armdsclintrc.json': rc({ ignores: ['generated/'] }), 'a.json': scaleSet, 'generated/x.json': scaleSet, 'vendor/y.json': scaleSet });
    expect(Object.keys(await ruleIds(['--ignore-pattern', 'vendor/**', '--no-ignore'], cwd))).toEqual(['a.json', 'generated/x.json', 'vendor/y.json']);
    expect(await ruleIds(['generated/x.json', '--no-ignore'], cwd)).toEqual({ 'generated/x.json': ['dsc-vmss-node-name:2'] });
    const printed = (no: string[]) => runCli(['--print-config', 'generated/x.json', ...no], cwd).then((run) => JSON.parse(run.stdout).ignored);
    expect([await printed([]), await printed(['--no-ignore'])]).toEqual([true, false]);
  });

  it('--config replaces discovery, and --no-config-lookup turns it off', async () => {
    const cwd = workspace({ '.armdsclintrc.json': rc({ rules: { 'dsc-vmss-node-name': 'off' } }), 'ci.json': rc({ rules: { 'dsc-vmss-node-name': 'warn' } }), 'a.json': scaleSet });
    expect(await ruleIds(['a.json'], cwd)).toEqual({ 'a.json': [] });
    expect(await ruleIds(['a.json', '--config', 'ci.json'], cwd)).toEqual({ 'a.json': ['dsc-vmss-node-name:1'] });
    expect(await ruleIds(['a.json', '--no-config-lookup'], cwd)).toEqual({ 'a.json': ['dsc-vmss-node-name:2'] });
  });

  it('--rule applies over every config', async () => {
    const cwd = workspace({ '.armdsclintrc.json': rc({ rules: { 'dsc-vmss-node-name': 'off' } }), 'a.json': scaleSet });
    expect(await ruleIds(['--rule', 'dsc-vmss-node-name: warn, dsc-consistent-auto-upgrade: [warn, {scope: run}]'], cwd)).toEqual({ 'a.json': ['dsc-vmss-node-name:1'] });
  });
});

describe('a config with a mistake is one line and exit code 2', () => {
  it.each([
    [{ rulez: {} }, ".armdsclintrc.json: rulez: unknown key (did you mean 'rules'?)"],
    [{ rules: { 'dsc-vmss-nodename': 'error' } }, ".armdsclintrc.json: rules.dsc-vmss-nodename: Unknown rule 'dsc-vmss-nodename' (did you mean 'dsc-vmss-node-name'?)"],
    [{ rules: { 'dsc-vmss-node-name': 'loud' } }, 'Invalid severity "loud" for .armdsclintrc.json: rules.dsc-vmss-node-name: use "off", "warn" or "error"'],
    [{ rules: { 'dsc-consistent-auto-upgrade': ['warn', { scope: 'repo' }] } }, 'Invalid options for .armdsclintrc.json: rules.dsc-consistent-auto-upgrade at /0/scope: must be equal to one of the allowed values'],
    [{ extends: 'eslint:recommended' }, '.armdsclintrc.json: extends: must be one of "armdsc-lint:recommended", "armdsc-lint:all"'],
    [{ overrides: [{ rules: {} }] }, '.armdsclintrc.json: overrides[0].files: is required: the globs this override applies to'],
    [{ ignores: 'dist' }, '.armdsclintrc.json: ignores: must be an array of strings'],
    [{ ignores: ['dist/', ''] }, '.armdsclintrc.json: ignores[1]: must not be empty'],
    [{ overrides: [{ files: [''], rules: {} }] }, '.armdsclintrc.json: overrides[0].files[0]: must not be empty'],
    [{ parameters: { files: { '': 'a.parameters.json' } } }, '.armdsclintrc.json: parameters.files: a template glob must not be empty'],
    [{ parameters: { files: { 'a.json': '' } } }, '.armdsclintrc.json: parameters.files.a.json: must be the path of a parameters file'],
  ])('%j', async (config: unknown, expected: string) => {
    const cwd = workspace({ '.armdsclintrc.json': rc(config), 'a.json': scaleSet });
    const run = await runCli([], cwd);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`armdsc-lint: ${expected}\n`);
  });

  it('a config that does not parse names the position', async () => {
    const cwd = workspace({ '.armdsclintrc.json': '{\n  "rules": {\n    "dsc-sas-token": "off"\n    "dsc-vmss-node-name": "off"\n  }\n}', 'a.json': scaleSet });
    expect(await runCli([], cwd)).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: .armdsclintrc.json: Expected a comma at 4:5\n' });
  });
});

describe('--print-config', () => {
  it('prints the configuration that applies to a file', async () => {
    const cwd = workspace({ '.armdsclintrc.json': rc({ rules: { 'dsc-sas-token': 'warn' }, overrides: [{ files: ['a.json'], rules: { 'dsc-consistent-auto-upgrade': ['warn', { scope: 'run' }] } }] }), 'a.json': scaleSet });
    writeFileSync(join(cwd, 'a.parameters.json'), rc({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: {} }));
    const run = await runCli(['--print-config', 'a.json'], cwd);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { configFiles: string[]; rules: Record<string, unknown[]>; ignored: boolean };
    expect(printed.configFiles).toEqual(['.armdsclintrc.json']);
    expect(printed.ignored).toBe(false);
    expect(printed.rules['dsc-sas-token']).toEqual(['warn']);
    expect(printed.rules['dsc-consistent-auto-upgrade']).toEqual(['warn', { scope: 'run' }]);
    expect(printed.rules['dsc-extension-retirement']).toEqual(['off']);
  });
});
