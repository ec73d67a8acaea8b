/** The CLI bounds V8's heap growth when it starts, unless the user gave node a growth of their own. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from '../../src/cli/heap-growth';
import { builtBin as bin } from '../support/cli';

describe('heapGrowthFlag', () => {
  it('sets the growth when node was started without one', () => {
    expect(HEAP_GROWING_PERCENT).toBe(50);
    expect(heapGrowthFlag([])).toBe('--heap-growing-percent=50');
    // Other heap flags size the heap; they do not choose its growth.
    expect(heapGrowthFlag(['--max-old-space-size=512', '--max-semi-space-size=8'])).toBe('--heap-growing-percent=50');
  });

  it("leaves the user's own growth, in either spelling V8 takes", () => {
    expect(heapGrowthFlag(['--heap-growing-percent=0'])).toBeUndefined();
    expect(heapGrowthFlag(['--stack-size=900', '--heap_growing_percent=100'])).toBeUndefined();
  });
});

describe('the built bin with a growth of its own', () => {
  it('lints as it does without one', () => {
    const root = join(__dirname, '..', '..');
    const args = [bin, '--format', 'json', 'fixtures/examples/**/*.json'];
    const plain = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const chosen = spawnSync(process.execPath, ['--heap-growing-percent=0', ...args], { cwd: root, encoding: 'utf8' });
    expect(plain.status).toBe(1);
    expect(chosen.status).toBe(1);
    expect(chosen.stderr).toBe('');
    expect(chosen.stdout).toBe(plain.stdout);
  });
});
