/** The built executable (what `npx armdsc-lint` runs) works end to end; `npm install` builds it. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtBin as bin, workspace } from '../support/cli';
import { scaleSetTemplate } from '../support/lint';

const root = join(__dirname, '..', '..');
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

describe('the built bin (dist/bundle/bin.js)', () => {
  it('exists (npm install runs the prepare script that builds it)', () => {
    expect(existsSync(bin)).toBe(true);
  });

  it("runs the README's first command: findings in the examples, exit code 1", () => {
    const run = spawnSync(process.execPath, [bin, 'fixtures/examples/**/*.json'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('fixtures/examples/vmss-web-farm.json');
    expect(run.stdout).toMatch(/47:35 {2}error {2}Scale set DSC nodeName is "webfarm" \(from parameters\('vmssName'\)\)/);
    expect(run.stdout).not.toContain('azuredeploy.parameters.json');
    expect(run.stderr).toBe('');
  });

  it('exits with 2 and one line on stderr for a missing file', () => {
    const run = spawnSync(process.execPath, [bin, 'no/such/file.json'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('armdsc-lint: No such file or directory: no/such/file.json\n');
  });

  it('refuses, with a message, a template too large for the memory the process has, and lints the others', () => {
    const cwd = workspace({
      'big.json': JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', variables: { filler: 'x'.repeat(2_500_000) }, resources: [] }),
      'small.json': JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2024-01-01', name: 'ip', name2: 1, NAME: 'ip2' }] }),
    });
    // A 64 MB old generation: about 100 MB of heap, less than a 2.4 MB template may need.
    const run = spawnSync(process.execPath, ['--max-old-space-size=64', bin, '--format', 'json', '.'], { cwd, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const results = (JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; message: string }> }>).map((r) => ({
      file: r.filePath.slice(cwd.length + 1),
      messages: r.messages.map(({ ruleId, fatal, message }) => ({ ruleId, fatal: fatal === true, message })),
    }));
    expect(results[0]).toEqual({
      file: 'big.json',
      messages: [{ ruleId: null, fatal: true, message: expect.stringMatching(/^Not linted: a template of 2\.4 MB may need up to 153 MB of memory, and \d+ MB is free; give Node more with NODE_OPTIONS=--max-old-space-size=\d+\.$/) }],
    });
    expect(results[1]!.file).toBe('small.json');
    expect(results[1]!.messages.map((m) => m.ruleId)).toEqual(['template-duplicate-keys']);
  });

  it('lints with --cache, next time, a template it refused for lack of memory: the refusal is not cached', () => {
    const cwd = workspace({ 'big.json': JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', variables: { filler: 'x'.repeat(2_500_000), a: 1, A: 2 }, resources: [] }) });
    const lint = (...node: string[]) => spawnSync(process.execPath, [...node, bin, '--cache', '--format', 'json', 'big.json'], { cwd, encoding: 'utf8' });
    const messageIds = (run: ReturnType<typeof lint>) => (JSON.parse(run.stdout) as Array<{ messages: Array<{ messageId?: string }> }>)[0]!.messages.map((m) => m.messageId);
    expect(messageIds(lint('--max-old-space-size=64'))).toEqual(['not-enough-memory']);
    expect(messageIds(lint())).toEqual(['duplicate']);
  });

  it('refuses standard input over the 64 MB limit with a message, reading no further than the limit', () => {
    const input = Buffer.alloc(64 * 1024 * 1024 + 10, 0x20);
    const run = spawnSync(process.execPath, [bin, '--stdin', '--format', 'json'], { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 20 });
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; message: string }> }>;
    expect(result!.filePath).toBe('<stdin>');
    expect(result!.messages).toEqual([expect.objectContaining({ ruleId: null, fatal: true, message: 'Cannot read standard input: it is larger than 64 MB; ARM takes templates up to 4 MB.' })]);
  });

  describe('--stdin --fix prints the bytes piped in, changed only by the fixes', () => {
    const fixStdin = (input: Buffer) => spawnSync(process.execPath, [bin, '--stdin', '--fix', '--stdin-filename', 'web.json'], { cwd: root, input, maxBuffer: 1 << 27 });
    const utf16WithBom = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

    it('keeps the encoding and the BOM of what it fixed', () => {
      const run = fixStdin(utf16WithBom(scaleSetTemplate('web0')));
      expect(run.stdout.equals(utf16WithBom(scaleSetTemplate('localhost')))).toBe(true);
      expect(run.status).toBe(0);
    });

    it('gives back every byte when there is nothing to fix, BOM and invalid UTF-8 included', () => {
      const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(scaleSetTemplate('localhost').replace('localhost', 'localhost" , "x": "caf?')), Buffer.from('\n')]);
      input[input.indexOf('caf?') + 3] = 0xe9;
      const run = fixStdin(input);
      expect(run.stdout.equals(input)).toBe(true);
      expect(run.stderr.toString()).not.toContain('Fixes were not applied');
    });

    it('does not fix input that is not valid UTF-8, since printing it again would change other bytes: says so and gives it back', () => {
      const input = Buffer.from(scaleSetTemplate('web0').replace('web0', 'web0" , "x": "caf?'));
      input[input.indexOf('caf?') + 3] = 0xe9;
      const run = fixStdin(input);
      expect(run.stdout.equals(input)).toBe(true);
      expect(run.stderr.toString()).toMatch(/ 1:1 +error {2}Fixes were not applied: standard input is not valid UTF-8, and printing the fixed text would change its other bytes\./);
      expect(run.stderr.toString()).toContain('dsc-vmss-node-name');
      expect(run.status).toBe(1);
    });

    it('gives back standard input over the 64 MB limit whole, though it reads no further than the limit to lint', () => {
      const input = Buffer.alloc(64 * 1024 * 1024 + 100_000, 0x20);
      input.write('{"tail": true}', input.length - 20);
      const run = fixStdin(input);
      expect(run.status).toBe(1);
      expect(run.stdout.length).toBe(input.length);
      expect(run.stdout.equals(input)).toBe(true);
      expect(run.stderr.toString()).toContain('Cannot read standard input: it is larger than 64 MB');
    });
  });

  it('refuses standard input too large for the memory the process has in the same way', () => {
    const input = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', variables: { filler: 'x'.repeat(2_500_000) }, resources: [] });
    const run = spawnSync(process.execPath, ['--max-old-space-size=64', bin, '--stdin', '--format', 'json'], { cwd: root, input, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; message: string }> }>;
    expect(result!.filePath).toBe('<stdin>');
    expect(result!.messages).toEqual([expect.objectContaining({ ruleId: null, fatal: true, message: expect.stringMatching(/^Not linted: a template of 2\.4 MB may need up to 153 MB of memory/) })]);
  });
});
