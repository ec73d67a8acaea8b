/**
 * Any command line a user can type ends in exit code 0, 1 or 2; a 2 is one line on standard error
 * (after any notices of files it skipped), never an internal error. The options and values
 * are drawn from the real option table, with values that are empty, odd, prototype keys, paths
 * that exist and do not, and formats written to files beside the templates.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { OPTIONS } from '../../src/cli/arguments';
import { runCli, workspace } from '../support/cli';
import { scaleSetTemplate } from '../support/lint';

const TEMPLATE = scaleSetTemplate('web0');
const BROKEN = '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [';

/** Values as a user might type them, for any option; the empty one, which most options once mishandled, more often. */
const VALUE = fc.oneof(
  { arbitrary: fc.constant(''), weight: 1 },
  { arbitrary: fc.constantFrom(
  'a.json', 'b.json', 'sub', 'sub/', 'missing.json', '*.json', '**/*.json', '-1', '0', '2', '1.5', 'auto', 'off', 'metadata', 'content',
  'json', 'stylish', 'sarif=out.sarif', 'junit=sub', 'json=a.json', 'dsc-sas-token: warn', 'dsc-sas-token', 'toString:error', '{', 'constructor', '__proto__',
  '.armdsclintcache', 'out.sarif', 'é', 'x'.repeat(300),
  ), weight: 4 },
);

/** Options the test leaves out: they print and exit at once (help, version), or wait for input (stdin). */
const SKIPPED = new Set(['help', 'version', 'env-info', 'stdin']);
const OPTION = fc.constantFrom(...OPTIONS.filter((spec) => !SKIPPED.has(spec.name)));

const ARGUMENT = fc.oneof(
  VALUE.map((value) => [value]),
  fc.tuple(OPTION, VALUE, fc.boolean()).map(([spec, value, joined]) => {
    if (spec.type === 'boolean') return [joined && spec.negatable ? `--no-${spec.name}` : `--${spec.name}`];
    return joined ? [`--${spec.name}=${value}`] : [`--${spec.name}`, value];
  }),
);

describe('any command line', () => {
  it('ends in 0, 1 or 2, a 2 with one line, never an internal error, and changes a template only to fix it or when told to write a report there', async () => {
    const cwd = workspace({ 'a.json': TEMPLATE, 'b.json': BROKEN, 'sub/readme.txt': 'no templates' });
    const original = new Set(readdirSync(cwd));
    await fc.assert(
      fc.asyncProperty(fc.array(ARGUMENT, { maxLength: 5 }), async (argumentLists) => {
        const args = argumentLists.flat();
        // Worker threads need the built package; this test runs the TypeScript sources in-process (workers.test.ts spawns the bin).
        fc.pre(!args.some((arg, i) => /^--concurrency=[1-9]/.test(arg) || (arg === '--concurrency' && /^[1-9]/.test(args[i + 1] ?? ''))));
        const run = await runCli(args, cwd);
        const fixed = readFileSync(join(cwd, 'a.json'), 'utf8');
        // Put the workspace back before any assertion, so a failure does not leak into the runs fast-check shrinks it with.
        for (const name of readdirSync(cwd)) if (!original.has(name)) rmSync(join(cwd, name), { recursive: true, force: true });
        writeFileSync(join(cwd, 'a.json'), TEMPLATE);
        expect(existsSync(join(cwd, 'sub/readme.txt'))).toBe(true);
        expect([0, 1, 2]).toContain(run.code);
        expect(run.stderr + run.stdout).not.toMatch(/internal error/i);
        // A 2 for a file that does not parse, asked for by --exit-on-fatal-error, comes with the report instead.
        const errorLines = run.stderr.split('\n').filter((line) => line && !line.startsWith('armdsc-lint: skipped '));
        if (run.code === 2) expect(errorLines.length === 1 || (args.includes('--exit-on-fatal-error') && errorLines.length === 0)).toBe(true);
        // a.json changes only when fixed, or when the report is sent there in a run that does not lint it.
        const reportToA = args.some((arg, i) => arg.endsWith('=a.json') || (['-o', '--output-file'].includes(arg) && args[i + 1] === 'a.json'));
        if (!args.includes('--fix') && !reportToA) expect(fixed).toBe(TEMPLATE);
      }),
      { numRuns: 1_000 },
    );
  });
});
