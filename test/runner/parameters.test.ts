/**
 * Parameters files feed real values to the evaluator: paired automatically, named with
 * --parameters or in a config; values are literals (never nodes of the other file), Key Vault
 * references are secret, findings say which file gave a value, and a parameter the template does
 * not declare is reported in the parameters file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli';
import { scaleSetTemplate } from '../support/lint';

const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

const scaleSet = scaleSetTemplate("[parameters('nodeName')]", { parameters: { nodeName: { type: 'string', defaultValue: 'localhost' } } });

const parametersFile = (parameters: Record<string, unknown>) => JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters }, null, 2);

interface Result {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string; messageId: string; line: number; column: number }>;
}

async function lint(args: string[], cwd: string) {
  const run = await runCli([...args, '--format', 'json', '--rule', 'dsc-extension-retirement: off'], cwd);
  if (run.code === 2) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as Result[]).map((r) => ({ file: r.filePath.slice(cwd.length + 1), messages: r.messages.map((m) => m.message) }));
}

describe('parameters files', () => {
  it('pairs <name>.parameters.json with <name>.json and uses its values, naming the file in the message', async () => {
    const cwd = workspace({ 'web.json': scaleSet, 'web.parameters.json': parametersFile({ nodeName: { value: 'web0' } }) });
    expect(await lint(['web.json'], cwd)).toEqual([
      { file: 'web.json', messages: [`Scale set DSC nodeName is "web0" (from parameters('nodeName') in web.parameters.json); every instance applies the same configuration, so use "localhost".`] },
    ]);
  });

  it('only suggests "localhost" for a name the parameters file gives: --fix leaves the template, whose default is right', async () => {
    const cwd = workspace({ 'web.json': scaleSet, 'web.parameters.json': parametersFile({ nodeName: { value: 'web0' } }) });
    const run = await runCli(['web.json', '--fix', '--format', 'json'], cwd);
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ messageId: string; fix?: unknown; suggestions?: Array<{ messageId: string }> }> }>;
    expect(result!.messages.map((m) => ({ messageId: m.messageId, fixed: m.fix !== undefined, suggestions: m.suggestions?.map((x) => x.messageId) }))).toEqual([
      { messageId: 'notLocalhost', fixed: false, suggestions: ['useLocalhost'] },
    ]);
    expect(readFileSync(join(cwd, 'web.json'), 'utf8')).toBe(scaleSet);
    // Without the parameters file the template's own value is linted, and it is right.
    expect(await lint(['web.json'], workspace({ 'web.json': scaleSet }))).toEqual([{ file: 'web.json', messages: [] }]);
  });

  it('takes --parameters files by name, or the only one for the only template', async () => {
    const cwd = workspace({ 'web.json': scaleSet, 'env/web.parameters.prod.json': parametersFile({ nodeName: { value: 'prod0' } }), 'env/other.json': parametersFile({ nodeName: { value: 'other0' } }) });
    expect((await lint(['web.json', '--parameters', 'env/other.json', '--parameters', 'env/web.parameters.prod.json'], cwd))[0]!.messages[0]).toContain('"prod0"');
    expect((await lint(['web.json', '--parameters', 'env/other.json'], cwd))[0]!.messages[0]).toContain('"other0" (from parameters(\'nodeName\') in env/other.json)');
    // A folder is no named file: a parameters file of another name pairs with nothing in it.
    expect((await lint(['.', '--parameters', 'env/other.json'], cwd)).find((r) => r.file === 'web.json')!.messages).toEqual([]);
  });

  it('treats a Key Vault reference as a secret whose value is unknown', async () => {
    const reference = { reference: { keyVault: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z' }, secretName: 'node' } };
    const cwd = workspace({ 'web.json': scaleSet, 'web.parameters.json': parametersFile({ nodeName: reference }) });
    // Not a nodeName finding (the value is unknown), but a secret in public settings.
    expect(await lint(['web.json'], cwd)).toEqual([
      { file: 'web.json', messages: ["parameters('nodeName') is secret but sits in public settings (settings.configurationArguments.nodeName), which are stored unencrypted; pass it in protectedSettings.configurationArguments."] },
    ]);
  });

  it('reports a parameter the template does not declare, in the parameters file, where it is named', async () => {
    const text = parametersFile({ nodeName: { value: 'localhost' }, nodeNmae: { value: 'x' } });
    const cwd = workspace({ 'web.json': scaleSet, 'web.parameters.json': text });
    const run = await runCli(['web.json', '--format', 'json'], cwd);
    const results = JSON.parse(run.stdout) as Result[];
    const line = text.split('\n').findIndex((l) => l.includes('"nodeNmae"')) + 1;
    expect(results.map((r) => r.filePath)).toEqual([join(cwd, 'web.json'), join(cwd, 'web.parameters.json')]);
    expect(results[1]!.messages).toEqual([
      expect.objectContaining({ ruleId: null, messageId: 'parameters-file', line, column: 5, message: "Parameter 'nodeNmae' is not declared by the template web.json: ARM rejects a deployment that passes it." }),
    ]);
    expect(run.code).toBe(1);
  });

  it('follows a config: a file named for a template glob, and pairing turned off', async () => {
    const cwd = workspace({
      '.armdsclintrc.json': JSON.stringify({ parameters: { pairing: false, files: { 'templates/*.json': 'env/dev.json' } } }),
      'templates/web.json': scaleSet,
      'templates/web.parameters.json': parametersFile({ nodeName: { value: 'paired0' } }),
      'env/dev.json': parametersFile({ nodeName: { value: 'dev0' } }),
    });
    const [web] = await lint(['templates/web.json'], cwd);
    expect(web!.messages[0]).toContain('"dev0" (from parameters(\'nodeName\') in env/dev.json)');
  });

  it('says when a parameters file named in a config gives no values', async () => {
    const cwd = workspace({ '.armdsclintrc.json': JSON.stringify({ parameters: { files: { 'web.json': 'missing.json' } } }), 'web.json': scaleSet });
    expect(await lint(['web.json'], cwd)).toEqual([{ file: 'web.json', messages: ['The parameters file missing.json gives no values: it does not exist.'] }]);
  });

  it('says in words why a paired parameters file was not read: a FIFO (without waiting on it), one over 64 MB', async () => {
    const cwd = workspace({ 'fifo.json': scaleSet, 'big.json': scaleSet, 'big.parameters.json': '' });
    execFileSync('mkfifo', [join(cwd, 'fifo.parameters.json')]);
    truncateSync(join(cwd, 'big.parameters.json'), 65 * 1024 * 1024);
    expect(await lint(['fifo.json', 'big.json'], cwd)).toEqual([
      { file: 'big.json', messages: ['The parameters file big.parameters.json gives no values: it is larger than 64 MB; ARM takes templates up to 4 MB.'] },
      { file: 'fifo.json', messages: ['The parameters file fifo.parameters.json gives no values: it is not a regular file (a directory, FIFO, socket or device).'] },
    ]);
  });
});
