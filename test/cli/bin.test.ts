/** The built executable (what `npx armdsc-lint` runs) works end to end; `npm install` builds it. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'dist', 'src', 'cli', 'bin.js');

describe('dist/src/cli/bin.js', () => {
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
});
