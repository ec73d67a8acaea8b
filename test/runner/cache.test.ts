/**
 * --cache as ESLint's: a warm run over unchanged files gives the same results without linting
 * them again; a changed file, a changed rule setting, a changed file the template depends on,
 * or another armdsc-lint version lints again.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, lintFiles, type LintFilesOptions } from '../../src/index';
import * as processing from '../../src/runner/process-file';
import { LintCache } from '../../src/runner/cache';
import { workspace } from '../support/cli';
import { scaleSetTemplate } from '../support/lint';

const scaleSet = (nodeName: string) => scaleSetTemplate(nodeName);

/** Lint with the cache; the files that were really linted (not taken from the cache). */
async function run(cwd: string, options: LintFilesOptions = {}) {
  const spy = jest.spyOn(processing, 'processFile');
  try {
    const report = await lintFiles([], { cwd, cache: true, concurrency: 'off', ...options });
    const linted = spy.mock.calls.map(([job]) => job.target.path.slice(cwd.length + 1)).sort();
    return { report, linted };
  } finally {
    spy.mockRestore();
  }
}

describe('the cache', () => {
  it('gives the same results on a warm run without linting unchanged files again', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': scaleSet('localhost') });
    const cold = await run(cwd);
    expect(cold.linted).toEqual(['a.json', 'b.json']);
    const warm = await run(cwd);
    expect(warm.linted).toEqual([]);
    expect(warm.report).toEqual(cold.report);
    expect(warm.report.results[0]!.messages.map((m) => m.ruleId)).toEqual(['dsc-vmss-node-name']);
  });

  it('lints a changed file again (metadata: size or modification time)', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': scaleSet('localhost') });
    await run(cwd);
    writeFileSync(join(cwd, 'a.json'), scaleSet('localhost'));
    const warm = await run(cwd);
    expect(warm.linted).toEqual(['a.json']);
    expect(warm.report.results[0]!.messages).toEqual([]);
  });

  it('lints again when a rule setting or its options change', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    await run(cwd);
    expect((await run(cwd, { rules: { 'dsc-vmss-node-name': 'warn' } })).linted).toEqual(['a.json']);
    expect((await run(cwd, { rules: { 'dsc-consistent-auto-upgrade': ['warn', { scope: 'run' }] } })).linted).toEqual(['a.json']);
    expect((await run(cwd, { rules: { 'dsc-consistent-auto-upgrade': ['warn', { scope: 'run' }] } })).linted).toEqual([]);
  });

  it('with the content strategy, a touched file whose bytes are the same is not linted again', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    await run(cwd, { cacheStrategy: 'content' });
    utimesSync(join(cwd, 'a.json'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect((await run(cwd, { cacheStrategy: 'content' })).linted).toEqual([]);
    expect((await run(cwd, { cacheStrategy: 'metadata' })).linted).toEqual(['a.json']);
  });

  it('lints again when a file the outcome read has changed', () => {
    const cwd = workspace({ 'a.json': '{}', 'DSC/config.zip': 'archive v1' });
    const zip = join(cwd, 'DSC/config.zip');
    const cache = LintCache.open(join(cwd, '.cache'), 'metadata', '1.0.0');
    const result = { filePath: join(cwd, 'a.json'), messages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, suppressedMessages: [] };
    const outcome = { kind: 'linted' as const, result, runFacts: {}, dependencies: [{ path: zip, size: 10, mtimeMs: statSync(zip).mtimeMs }] };
    cache.store(join(cwd, 'a.json'), 'key', outcome);
    expect(cache.lookup(join(cwd, 'a.json'), 'key')).toEqual(outcome);
    expect(cache.lookup(join(cwd, 'a.json'), 'other key')).toBeUndefined();
    writeFileSync(zip, 'archive v2');
    expect(cache.lookup(join(cwd, 'a.json'), 'key')).toBeUndefined();
  });

  it.each([
    ['a refused --fix write', 'fix-not-written'],
    ['a file that could not be read (its permissions can change, its modification time not)', 'unreadable'],
    ['a file too large for the memory of that run', 'not-enough-memory'],
    ['an internal error (a bug, or a worker that died)', 'internal-error'],
  ])('does not keep an outcome with %s: the next run tries again', (_what, messageId) => {
    const cwd = workspace({ 'a.json': '{}' });
    const cache = LintCache.open(join(cwd, '.cache'), 'metadata', '1.0.0');
    const path = join(cwd, 'a.json');
    const message = { ruleId: null, severity: 2 as const, message: 'm', messageId, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const result = { filePath: path, messages: [message], errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, suppressedMessages: [] };
    cache.store(path, 'key', { kind: 'linted', result, runFacts: {} });
    expect(cache.lookup(path, 'key')).toBeUndefined();
    const kept = { ...result, messages: [{ ...message, messageId: 'parameters-file' }] };
    cache.store(path, 'key', { kind: 'linted', result: kept, runFacts: {} });
    expect(cache.lookup(path, 'key')).toEqual({ kind: 'linted', result: kept, runFacts: {} });
  });

  it('ignores a cache written by another version of armdsc-lint, or one that is not a cache', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    await run(cwd);
    const file = JSON.parse(readFileSync(join(cwd, '.armdsclintcache'), 'utf8')) as { version: string };
    writeFileSync(join(cwd, '.armdsclintcache'), JSON.stringify({ ...file, version: '0.0.1-other' }));
    expect((await run(cwd)).linted).toEqual(['a.json']);
    writeFileSync(join(cwd, '.armdsclintcache'), 'not json');
    expect((await run(cwd)).linted).toEqual(['a.json']);
  });

  it('does not use a cache file that was edited or damaged: its entries must hash to the digest it was written with', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const first = await run(cwd);
    const cacheFile = join(cwd, '.armdsclintcache');
    const file = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, { outcome: { result: { messages: unknown[]; errorCount: number } } }> };
    // An edit that would hide the finding, and one that would break the run if it were believed.
    const [entry] = Object.values(file.entries);
    entry!.outcome.result.messages = [];
    entry!.outcome.result.errorCount = 0;
    writeFileSync(cacheFile, JSON.stringify(file));
    const edited = await run(cwd);
    expect(edited.linted).toEqual(['a.json']);
    expect(edited.report).toEqual(first.report);
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace(/"dependencies":\[[^\]]*\]/, '"dependencies":"not a list"'));
    expect((await run(cwd)).linted).toEqual(['a.json']);
    // The cache written by the run that refused it is used again.
    expect((await run(cwd)).linted).toEqual([]);
  });

  it('refuses a --cache-location that is one of the files the run finds, which is left as it was', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'ignored/b.json': scaleSet('web0') });
    await expect(run(cwd, { cacheLocation: 'a.json' })).rejects.toThrow(new FileError('Cannot keep the cache in a.json: it is a file this run lints'));
    await expect(run(cwd, { cacheLocation: 'ignored/b.json', ignorePatterns: ['ignored/**'] })).rejects.toThrow('Cannot keep the cache in ignored/b.json');
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(scaleSet('web0'));
    expect(readFileSync(join(cwd, 'ignored/b.json'), 'utf8')).toBe(scaleSet('web0'));
  });

  it('does not save the cache over a file a template read (its DSC archive), which is left as it was, and says so', async () => {
    const archive = 'not a zip archive';
    const cwd = workspace({ 'a.json': readFileSync(join(__dirname, '../../fixtures/examples/clean.json'), 'utf8'), 'DSC/App.zip': archive });
    const problems: string[] = [];
    const { report } = await run(cwd, { cacheLocation: 'DSC/App.zip', onCacheProblem: (problem) => problems.push(problem) });
    expect(problems).toEqual([`${join('DSC', 'App.zip')} is a file this run reads (a parameters file or DSC archive)`]);
    expect(readFileSync(join(cwd, 'DSC/App.zip'), 'utf8')).toBe(archive);
    expect(report.referencedPaths).toContain(join(cwd, 'DSC/App.zip'));
  });

  it('does not wait on a FIFO or read a device planted where the cache is kept: the run lints, and says it could not save', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    execFileSync('mkfifo', [join(cwd, '.armdsclintcache')]);
    const problems: string[] = [];
    const fifo = await run(cwd, { onCacheProblem: (problem) => problems.push(problem) });
    expect(fifo.linted).toEqual(['a.json']);
    expect(problems).toEqual(['it is a socket, or a FIFO or device with no process at the other end']);
    symlinkSync('/dev/zero', join(cwd, 'zero'));
    expect((await run(cwd, { cacheLocation: 'zero' })).linted).toEqual(['a.json']);
  });

  it('keeps the cache file where --cache-location says: a file, or a directory', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'tmp/readme': '' });
    await run(cwd, { cacheLocation: 'custom-cache.json' });
    expect(JSON.parse(readFileSync(join(cwd, 'custom-cache.json'), 'utf8'))).toMatchObject({ format: 2 });
    await run(cwd, { cacheLocation: 'tmp' });
    expect(JSON.parse(readFileSync(join(cwd, 'tmp/.armdsclintcache'), 'utf8'))).toMatchObject({ format: 2 });
  });
});
