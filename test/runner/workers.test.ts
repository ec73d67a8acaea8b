/**
 * Worker threads give the same results, in the same order, as linting in one thread; a file
 * that crashes its worker is reported and the run goes on. Worker threads run the built
 * package (dist/), which jest's global setup rebuilds when it is stale.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { RuleSetting } from '../../src/engine';
import type * as Pool from '../../src/runner/pool';
import { maxWorkers, workerCount } from '../../src/runner/run-files';
import { builtBin as bin, workspace } from '../support/cli';
import { PLAIN_PROCESS_OPTIONS, scaleSetTemplate, template } from '../support/lint';


function lint(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, '--format', 'json', ...args], { cwd, encoding: 'utf8' });
}

const versions = ['2.83', '2.77', '2.83', '2.80', '2.83'];
const files = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    `t${String(i).padStart(2, '0')}.json`,
    template({
      resources: [
        {
          type: 'Microsoft.Compute/virtualMachines/extensions',
          apiVersion: '2024-07-01',
          name: `vm${i}/dsc`,
          properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: versions[i % versions.length], autoUpgradeMinorVersion: i % 3 === 0 },
        },
      ],
    }),
  ]),
);

describe('--concurrency', () => {
  it('gives byte-identical output with 1, 2 and 3 workers and without workers, run-scope rules included', () => {
    const cwd = workspace(files);
    const runScope = ['--rule', 'dsc-consistent-type-handler-version:["warn",{"scope":"run"}]', '--rule', 'dsc-consistent-auto-upgrade:["warn",{"scope":"run"}]'];
    const single = lint(cwd, '--concurrency', 'off', ...runScope);
    expect(single.status).toBe(0);
    const results = JSON.parse(single.stdout) as Array<{ filePath: string; messages: unknown[] }>;
    expect(results.map((r) => r.filePath)).toEqual(Object.keys(files).map((name) => join(cwd, name)));
    expect(results.filter((r) => r.messages.length > 0).length).toBeGreaterThan(10);
    for (const workers of ['1', '2', '3']) {
      const parallel = lint(cwd, '--concurrency', workers, ...runScope);
      expect(parallel.stderr).toBe('');
      expect(parallel.stdout).toBe(single.stdout);
    }
  });

  it('writes fixes from worker threads', () => {
    const scaleSet = (nodeName: string) => scaleSetTemplate(nodeName);
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': scaleSet('web1'), 'c.json': scaleSet('localhost') });
    const run = lint(cwd, '--concurrency', '2', '--fix');
    expect(run.status).toBe(0);
    for (const name of ['a.json', 'b.json', 'c.json']) expect(readFileSync(join(cwd, name), 'utf8')).toBe(scaleSet('localhost'));
  });
});

describe('how many workers a run starts', () => {
  it('never more than it has files to lint, nor more than maxWorkers() (one per core, at least 16), however many are asked for', () => {
    expect(maxWorkers()).toBe(Math.max(availableParallelism(), 16));
    expect(workerCount(3, 1_000)).toBe(3);
    expect(workerCount(8, 2)).toBe(2);
    expect(workerCount(100_000, 100_000)).toBe(maxWorkers());
    expect(workerCount('off', 1_000)).toBe(0);
  });
});

describe('the worker pool', () => {
  // The pool starts dist/src/runner/worker.js beside it, so the test uses the built module too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built module, not the source
  const { WorkerPool } = require(join(__dirname, '../../dist/src/runner/pool.js')) as typeof Pool;
  const settings = new Map<string, RuleSetting>(['dsc-type-handler-version', 'dsc-auto-upgrade-minor-version'].map((id) => [id, { severity: 2, options: [] }]));

  async function lintWithPool(paths: string[], stopFirstWorker: boolean) {
    const pool = new WorkerPool(1, PLAIN_PROCESS_OPTIONS);
    try {
      const outcomes = paths.map((path) => pool.process({ target: { path, explicit: true } }, 'key', settings));
      // What an out-of-memory end looks like from this side, without waiting for one.
      if (stopFirstWorker) void (pool as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } }> }).slots[0]!.worker.terminate();
      return (await Promise.all(outcomes)).map((outcome) => (outcome.kind === 'linted' ? outcome.result.messages : undefined));
    } finally {
      await pool.close();
    }
  }

  it('loses only the file a stopped worker was linting: the files queued behind it are linted by its replacement', async () => {
    const cwd = workspace(files);
    const paths = Object.keys(files)
      .slice(0, 6)
      .map((name) => join(cwd, name));
    const undisturbed = await lintWithPool(paths, false);
    expect(undisturbed.slice(1).flat().length).toBeGreaterThan(2);
    const stopped = await lintWithPool(paths, true);
    expect(stopped[0]).toEqual([
      expect.objectContaining({ fatal: true, messageId: 'internal-error', message: expect.stringMatching(/^Internal error: the worker thread linting this file stopped: it exited with code \d+\. This is a bug in armdsc-lint\.$/) }),
    ]);
    expect(stopped.slice(1)).toEqual(undisturbed.slice(1));
  });
});
