/**
 * One file never stops the others: unreadable, vanished, non-regular or oddly named files, refused
 * writes and internal errors each become that file's message, the rest of the run is linted and
 * reported, and the exit code says what happened.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../src/index';
import { runCli, workspace } from '../support/cli';
import { scaleSetTemplate, template } from '../support/lint';

/** A scale set whose DSC nodeName is `nodeName` (not localhost: one fixable error). */
const scaleSet = (nodeName: string): string => scaleSetTemplate(nodeName);

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string; fatal?: boolean; messageId?: string }>;
}

async function lintJson(args: string[], cwd: string) {
  const run = await runCli([...args, '--format', 'json'], cwd);
  return { ...run, results: JSON.parse(run.stdout || '[]') as JsonResult[] };
}

const names = (results: JsonResult[], cwd: string) => results.map((r) => r.filePath.slice(cwd.length + 1));

describe('files that cannot be linted', () => {
  it('reports a FIFO named on the command line without waiting for a writer', async () => {
    const cwd = workspace({});
    execFileSync('mkfifo', [join(cwd, 'pipe.json')]);
    const run = await lintJson(['pipe.json'], cwd);
    expect(run.code).toBe(1);
    expect(run.results[0]!.messages[0]!.message).toBe('Cannot read the file: it is a FIFO (named pipe), not a regular file.');
  });

  it('reports FIFOs and symlinks to a FIFO and to /dev/zero found by a directory walk, and lints the rest', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    // The globber alone would leave out a FIFO (neither file nor folder); the walk lists it as a file, as it does a link to one.
    execFileSync('mkfifo', [join(cwd, 'fifo')]);
    execFileSync('mkfifo', [join(cwd, 'named-pipe.json')]);
    symlinkSync(join(cwd, 'fifo'), join(cwd, 'pipe.json'));
    symlinkSync('/dev/zero', join(cwd, 'zero.json'));
    const run = await lintJson(['.'], cwd);
    expect(run.code).toBe(1);
    expect(names(run.results, cwd)).toEqual(['a.json', 'named-pipe.json', 'pipe.json', 'zero.json']);
    expect(run.results[0]!.messages.map((m) => m.ruleId)).toEqual(['dsc-vmss-node-name']);
    const fifo = [expect.objectContaining({ ruleId: null, fatal: true, message: 'Cannot read the file: it is a FIFO (named pipe), not a regular file.' })];
    expect(run.results[1]!.messages).toEqual(fifo);
    expect(run.results[2]!.messages).toEqual(fifo);
    expect(run.results[3]!.messages).toEqual([expect.objectContaining({ fatal: true, message: 'Cannot read the file: it is a character device, not a regular file.' })]);
  });

  it('reports a file whose name is not valid UTF-8, and lints the rest', async () => {
    const cwd = workspace({ 'a.json': scaleSet('localhost') });
    writeFileSync(Buffer.concat([Buffer.from(`${cwd}/caf`), Buffer.from([0xe9]), Buffer.from('.json')]), scaleSet('localhost'));
    const run = await lintJson([], cwd);
    expect(run.code).toBe(1);
    expect(names(run.results, cwd)).toEqual(['a.json', 'caf\ufffd.json']);
    expect(run.results[1]!.messages[0]!.message).toBe('Cannot read the file: its name is not valid UTF-8, so it cannot be opened.');
  });

  it('lints a file reached through a directory symlink once, under the first path', async () => {
    const cwd = workspace({ 'templates/a.json': scaleSet('web0') });
    symlinkSync(join(cwd, 'templates'), join(cwd, 'alias'));
    const run = await lintJson([], cwd);
    expect(names(run.results, cwd)).toEqual(['alias/a.json']);
  });

  it('walks each real directory once: links that fan out and meet again (2^24 paths), and a link back to its parent', async () => {
    const cwd = workspace({ 'd24/a.json': scaleSet('web0') });
    for (let level = 0; level < 24; level++) {
      mkdirSync(join(cwd, `d${level}`), { recursive: true });
      for (const name of ['x', 'y']) symlinkSync(join(cwd, `d${level + 1}`), join(cwd, `d${level}`, name));
    }
    symlinkSync(cwd, join(cwd, 'd24/up'));
    const run = await lintJson(['d0'], cwd);
    expect(names(run.results, cwd)).toEqual([`d0/${'x/'.repeat(24)}a.json`]);
    expect(run.results[0]!.messages.map((m) => m.ruleId)).toEqual(['dsc-vmss-node-name']);
  });

  it('searches 256 folders down and reports the folder below that instead of entering it, in a tree 1,500 deep (the walk recurses per folder)', async () => {
    const shallow = `${'a/'.repeat(200)}t.json`;
    const cwd = workspace({ [shallow]: scaleSet('web0'), [`${'b/'.repeat(1_500)}t.json`]: scaleSet('web0') });
    const run = await lintJson([], cwd);
    expect(run.code).toBe(1);
    expect(names(run.results, cwd)).toEqual([shallow, 'b/'.repeat(257).slice(0, -1)]);
    expect(run.results[0]!.messages.map((m) => m.ruleId)).toEqual(['dsc-vmss-node-name']);
    expect(run.results[1]!.messages).toEqual([
      expect.objectContaining({ ruleId: null, fatal: true, message: 'Not searched: this folder lies more than 256 folders below the one the search started in, so the files in it are not linted.' }),
    ]);
  });

  // /proc links back to every folder (/proc/self/root is /): walking it once took 4 GB and ended in an out-of-memory abort.
  (existsSync('/proc/self/root') ? it : it.skip)('does not walk into /proc or /sys, even through a link (Linux; skipped elsewhere)', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    symlinkSync('/proc', join(cwd, 'proc'));
    symlinkSync('/sys', join(cwd, 'sys'));
    const run = await lintJson([], cwd);
    expect(names(run.results, cwd)).toEqual(['a.json']);
    expect(await runCli(['/proc'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: No files match the pattern "/proc".\n' });
  });

  it('reports a file too deeply nested to read, and lints the rest', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'deep.json': `{"resources": ${'['.repeat(5_000)}${']'.repeat(5_000)}, "contentVersion": "1.0.0.0"}` });
    const run = await lintJson(['a.json', 'deep.json'], cwd);
    expect(run.code).toBe(1);
    expect(run.results[1]!.messages).toEqual([expect.objectContaining({ fatal: true, message: 'Parsing error: Nesting deeper than 256 levels of objects and arrays; the file is not read' })]);
    expect(run.results[0]!.messages).toHaveLength(1);
  });
});

describe('--fix that cannot write', () => {
  it('reports a read-only file, fixes the others, and prints the whole report', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': scaleSet('web1'), 'c.json': scaleSet('web2') });
    chmodSync(join(cwd, 'b.json'), 0o444);
    const run = await lintJson(['--fix'], cwd);
    expect(run.code).toBe(1);
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(scaleSet('localhost'));
    expect(readFileSync(join(cwd, 'b.json'), 'utf8')).toBe(scaleSet('web1'));
    expect(readFileSync(join(cwd, 'c.json'), 'utf8')).toBe(scaleSet('localhost'));
    // b.json's report describes the file as it is on disk: its problem is still there.
    expect(run.results[1]!.messages.map((m) => [m.messageId, m.message.slice(0, 40)])).toEqual([
      ['fix-not-written', 'Fixes were not written: it is read-only.'],
      ['notLocalhost', 'Scale set DSC nodeName is "web1"; every '],
    ]);
    expect(run.results[0]!.messages).toEqual([]);
  });

  it('does not fix a file with bytes that are not valid UTF-8, and says why', async () => {
    const bytes = Buffer.from(scaleSet('web0').replace('"web"', '"caf\xe9"'), 'latin1');
    const cwd = workspace({ 'a.json': bytes });
    const run = await lintJson(['--fix'], cwd);
    expect(readFileSync(join(cwd, 'a.json')).equals(bytes)).toBe(true);
    expect(run.results[0]!.messages[0]!.message).toBe('Fixes were not written: its bytes are not valid UTF-8, and writing the fixed text would change them.');
  });
});

describe('an internal error', () => {
  it('becomes a fatal message naming the rule; every file is still reported, and the exit code is 2', async () => {
    const rule = rules.get('dsc-vmss-node-name')!;
    const spy = jest.spyOn(rule, 'create').mockImplementation(() => ({
      dscExtension() {
        throw new Error('simulated bug');
      },
    }));
    try {
      const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': template({ resources: [] }) });
      mkdirSync(join(cwd, 'sub'));
      const run = await lintJson([], cwd);
      expect(run.code).toBe(2);
      expect(names(run.results, cwd)).toEqual(['a.json', 'b.json']);
      expect(run.results[0]!.messages).toEqual([
        expect.objectContaining({ ruleId: 'dsc-vmss-node-name', fatal: true, messageId: 'internal-error', message: expect.stringContaining("Internal error in rule 'dsc-vmss-node-name': simulated bug") }),
      ]);
      expect(run.stderr).toBe('armdsc-lint: an internal error stopped some checks (see the messages above); this is a bug in armdsc-lint.\n');
    } finally {
      spy.mockRestore();
    }
  });
});
