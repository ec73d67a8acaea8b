/**
 * Worker threads give the same results, in the same order, as linting in one thread; a file
 * that crashes its worker is reported and the run goes on. Worker threads run the built
 * package (dist/), which jest's global setup rebuilds when it is stale.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtBin, workspace } from '../support/cli';
import { scaleSetTemplate, template } from '../support/lint';

const bin = builtBin;

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
