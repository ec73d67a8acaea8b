/**
 * The CLI conventions ESLint users reach for: several formats in one run, custom formatter
 * modules, --stdin, -v, --env-info, FORCE_COLOR, --exit-on-fatal-error, --list-rules, --help.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { rules } from '../../src/index';
import { builtBin as bin, runCli, workspace } from '../support/cli';
import { scaleSetTemplate } from '../support/lint';

const scaleSet = (nodeName: string) => scaleSetTemplate(nodeName);
const EXAMPLES = join(__dirname, '../../fixtures/examples');


describe('--format', () => {
  it('writes stylish to the terminal and SARIF and JUnit to files in one run', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const run = await runCli(['--format', 'stylish', '--format', 'sarif=out/lint.sarif', '-f', 'junit=out/lint.xml'], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('dsc-vmss-node-name');
    const sarif = JSON.parse(readFileSync(join(cwd, 'out/lint.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(['dsc-vmss-node-name']);
    expect(readFileSync(join(cwd, 'out/lint.xml'), 'utf8')).toContain('<testsuite name="a.json"');
  });

  it('refuses two reports into one file (one line, exit 2), which would leave only the second', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    expect(await runCli(['a.json', '--format', 'json=out.json', '--format', 'sarif=./out.json'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'armdsc-lint: the json format and the sarif format would both write ./out.json: give each report its own file (see armdsc-lint --help)\n',
    });
    expect((await runCli(['a.json', '--output-file', 'out.json', '--format', 'junit=out.json'], cwd)).stderr).toBe(
      'armdsc-lint: --output-file and the junit format would both write out.json: give each report its own file (see armdsc-lint --help)\n',
    );
    // The same file through a symbolic link to its folder.
    symlinkSync(cwd, join(cwd, 'here'));
    expect((await runCli(['a.json', '--format', 'json=out.json', '--format', 'junit=here/out.json'], cwd)).code).toBe(2);
    expect(existsSync(join(cwd, 'out.json'))).toBe(false);
  });

  // Only root may create a device node; the test makes its own rather than risk the real /dev/null.
  (process.getuid?.() === 0 ? it : it.skip)('lets several reports go into one device, which takes one after the other (root only; skipped otherwise)', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    execFileSync('mknod', [join(cwd, 'null'), 'c', '1', '3']);
    expect(await runCli(['a.json', '--format', 'json=null', '--format', 'sarif=./null'], cwd)).toMatchObject({ code: 1, stderr: '' });
    expect(lstatSync(join(cwd, 'null')).isCharacterDevice()).toBe(true);
  });

  it('refuses to write a report over a file the run lints (a template, or a parameters file it skipped), which is left as it was', async () => {
    const parameters = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: {} });
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'a.parameters.json': parameters });
    expect(await runCli(['a.json', '--output-file', './a.json'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'armdsc-lint: Cannot write the report to ./a.json: it is a file this run lints\n',
    });
    expect((await runCli(['.', '--format', 'sarif=a.parameters.json'], cwd)).stderr).toBe('armdsc-lint: Cannot write the report to a.parameters.json: it is a file this run lints\n');
    // The same file through a symbolic link to its folder.
    symlinkSync(cwd, join(cwd, 'here'));
    expect((await runCli(['a.json', '-o', 'here/a.json'], cwd)).stderr).toBe('armdsc-lint: Cannot write the report to here/a.json: it is a file this run lints\n');
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(scaleSet('web0'));
    expect(readFileSync(join(cwd, 'a.parameters.json'), 'utf8')).toBe(parameters);
  });

  it('refuses a report over a template named in other letter case where the file system folds case (one file, two spellings)', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'c.json': scaleSet('web0'), 'C.json': 'an unrelated file' });
    // What a case-insensitive file system shows: two spellings of one entry, one file (a hard link here).
    linkSync(join(cwd, 'a.json'), join(cwd, 'A.json'));
    expect(await runCli(['a.json', '-o', 'A.json'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: Cannot write the report to A.json: it is a file this run lints\n' });
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(scaleSet('web0'));
    // Where case matters, another spelling is another file, and the report may go there.
    expect((await runCli(['c.json', '-o', 'C.json'], cwd)).code).toBe(1);
    expect(readFileSync(join(cwd, 'C.json'), 'utf8')).toContain('dsc-vmss-node-name');
    expect(readFileSync(join(cwd, 'c.json'), 'utf8')).toBe(scaleSet('web0'));
  });

  it('refuses to write a report over a file a template made the run read (its DSC archive, a --parameters file), which is left as it was', async () => {
    const parameters = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: {} });
    const archive = 'not a zip archive';
    const cwd = workspace({ 'a.json': readFileSync(join(EXAMPLES, 'clean.json'), 'utf8'), 'DSC/App.zip': archive, 'values/p.json': parameters });
    expect(await runCli(['a.json', '-o', 'DSC/App.zip'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'armdsc-lint: Cannot write the report to DSC/App.zip: it is a file this run reads (a parameters file or DSC archive)\n',
    });
    expect((await runCli(['a.json', '--parameters', 'values/p.json', '--format', 'junit=values/p.json'], cwd)).stderr).toBe(
      'armdsc-lint: Cannot write the report to values/p.json: it is a file this run reads (a parameters file or DSC archive)\n',
    );
    // Standard input named as a file beside them reads them too.
    const stdin = { readStdin: async () => readFileSync(join(cwd, 'a.json')) };
    expect((await runCli(['--stdin', '--stdin-filename', 'b.json', '-o', 'DSC/App.zip'], cwd, stdin)).code).toBe(2);
    expect(readFileSync(join(cwd, 'DSC/App.zip'), 'utf8')).toBe(archive);
    expect(readFileSync(join(cwd, 'values/p.json'), 'utf8')).toBe(parameters);
  });

  it('refuses a report into a directory before linting, so --fix changes nothing', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'reports/readme.txt': '' });
    expect(await runCli(['a.json', '--fix', '-o', 'reports'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: Cannot write reports: it is a directory\n' });
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(scaleSet('web0'));
  });

  it('refuses a report into the cache file (one line, exit 2), which the run writes too', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    expect(await runCli(['a.json', '--cache', '-f', 'json=.armdsclintcache'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'armdsc-lint: the json format would write the cache file .armdsclintcache: give the report another file (see armdsc-lint --help)\n',
    });
    expect((await runCli(['a.json', '--cache', '--cache-location', 'tmp/', '-o', 'tmp/.armdsclintcache'], cwd)).stderr).toBe(
      'armdsc-lint: --output-file would write the cache file tmp/.armdsclintcache: give the report another file (see armdsc-lint --help)\n',
    );
    expect(existsSync(join(cwd, '.armdsclintcache'))).toBe(false);
    // Without --cache, the name is free.
    expect((await runCli(['a.json', '-f', 'json=.armdsclintcache'], cwd)).code).toBe(1);
  });

  it('refuses to write a report over a config file: a discovered name, or the one --config names', async () => {
    const config = '{ "rules": { "dsc-vmss-node-name": "warn" } }';
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'sub/.armdsclintrc.jsonc': config, 'lint.json': config });
    expect((await runCli(['a.json', '-o', 'sub/.armdsclintrc.jsonc'], cwd)).stderr).toBe('armdsc-lint: Cannot write the report to sub/.armdsclintrc.jsonc: it is an armdsc-lint config file\n');
    const run = await runCli(['a.json', '--config', 'lint.json', '--format', 'sarif=./lint.json'], cwd);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: Cannot write the report to ./lint.json: it is an armdsc-lint config file\n' });
    expect(readFileSync(join(cwd, 'sub/.armdsclintrc.jsonc'), 'utf8')).toBe(config);
    expect(readFileSync(join(cwd, 'lint.json'), 'utf8')).toBe(config);
  });

  it('uses the last plain --format for the terminal, as ESLint does', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const run = await runCli(['--format', 'json', '--format', 'compact'], cwd);
    expect(run.stdout).toMatch(/^a\.json: line \d+, col \d+, Error - Scale set DSC nodeName/);
  });

  it('loads a CommonJS formatter module named by path, with the rules meta and version in its context', async () => {
    const cwd = workspace({
      'a.json': scaleSet('web0'),
      'tools/count.js': "module.exports = (results, context) => `${results.length} file(s), ${results[0].messages[0].ruleId}: ${context.rulesMeta[results[0].messages[0].ruleId].docs.url} v${context.version}`;",
    });
    const run = await runCli(['--format', './tools/count.js'], cwd);
    expect(run.stdout).toMatch(/^1 file\(s\), dsc-vmss-node-name: https:\/\/\S+\/docs\/rules\/dsc-vmss-node-name\.md v\d+\.\d+\.\d+\n$/);
  });

  it('loads an ES module formatter (.mjs) that returns a promise, in the built CLI', () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'fmt.mjs': 'export default async (results) => `esm: ${results[0].errorCount} error(s)`;' });
    const run = spawnSync(process.execPath, [bin, 'a.json', '--format', './fmt.mjs'], { cwd, encoding: 'utf8' });
    expect(run.stdout).toBe('esm: 1 error(s)\n');
    expect(run.status).toBe(1);
  });

  it('says when a formatter module cannot be loaded or exports no function', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'bad.js': 'module.exports = 42;' });
    expect(await runCli(['--format', './missing.js'], cwd)).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^armdsc-lint: Cannot load the formatter \.\/missing\.js: Cannot find module .*\(see armdsc-lint --help\)\n$/) });
    expect((await runCli(['--format', './bad.js'], cwd)).stderr).toBe('armdsc-lint: The formatter ./bad.js does not export a function (results, context) => string (see armdsc-lint --help)\n');
  });

  it('says which formatter failed, and how, when it throws or gives back something other than text (exit 2, one line)', async () => {
    const cwd = workspace({
      'a.json': scaleSet('web0'),
      'throws.js': "module.exports = () => { throw new Error('no template here\\nsecond line'); };",
      'rejects.mjs': "export default async () => { throw new TypeError('late'); };",
      'number.js': 'module.exports = () => 42;',
      'nothing.js': 'module.exports = () => undefined;',
    });
    expect(await runCli(['a.json', '--format', './throws.js'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: The formatter ./throws.js failed: no template here\n' });
    expect((await runCli(['a.json', '--format', './number.js'], cwd)).stderr).toBe('armdsc-lint: The formatter ./number.js returned a value of type number, not a string\n');
    const rejected = spawnSync(process.execPath, [bin, 'a.json', '--format', './rejects.mjs', '--debug'], { cwd, encoding: 'utf8' });
    expect(rejected.status).toBe(2);
    expect(rejected.stderr).toMatch(/^armdsc-lint: The formatter \.\/rejects\.mjs failed: late\nTypeError: late\n\s+at /);
    // As in ESLint, a formatter that gives no text prints nothing.
    expect(await runCli(['a.json', '--format', './nothing.js'], cwd)).toEqual({ code: 1, stdout: '', stderr: '' });
  });
});

describe('--stdin', () => {
  const stdin = (text: string) => ({ readStdin: async () => Buffer.from(text) });

  it('lints standard input as the file --stdin-filename names, with that file\'s config', async () => {
    const cwd = workspace({ 'sub/.armdsclintrc.json': '{ "rules": { "dsc-vmss-node-name": "warn" } }' });
    const run = await runCli(['--stdin', '--stdin-filename', 'sub/web.json', '--format', 'unix'], cwd, stdin(scaleSet('web0')));
    expect(run.stdout).toMatch(/^sub\/web\.json:\d+:\d+: Scale set DSC nodeName .* \[Warning\/dsc-vmss-node-name\]/);
    expect(run.code).toBe(0);
  });

  it('--fix prints the fixed text on standard output and the report on standard error', async () => {
    const run = await runCli(['--stdin', '--fix', '--rule', 'dsc-extension-retirement: warn'], workspace({}), stdin(scaleSet('web0')));
    expect(run.stdout).toBe(scaleSet('localhost'));
    expect(run.stderr).toContain('dsc-extension-retirement');
    expect(run.stderr).not.toContain('dsc-vmss-node-name');
    expect(run.code).toBe(0);
    const unfixable = await runCli(['--stdin', '--fix'], workspace({}), stdin(scaleSet('localhost')));
    expect(unfixable.stdout).toBe(scaleSet('localhost'));
  });

  it('with a file name, sees the files beside it: its parameters file gives values', async () => {
    const parameters = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: { nodeName: { value: 'web0' } } });
    const cwd = workspace({ 'web.parameters.json': parameters });
    const text = scaleSetTemplate("[parameters('nodeName')]", { parameters: { nodeName: { type: 'string', defaultValue: 'localhost' } } });
    const run = await runCli(['--stdin', '--stdin-filename', 'web.json', '--format', 'compact'], cwd, stdin(text));
    expect(run.stdout).toContain(`"web0" (from parameters('nodeName') in web.parameters.json)`);
  });

  it('refuses patterns beside --stdin and --stdin-filename without it', async () => {
    expect((await runCli(['--stdin', 'a.json'], workspace({}), stdin('{}'))).stderr).toBe('armdsc-lint: --stdin lints standard input: give no file patterns with it (see armdsc-lint --help)\n');
    expect((await runCli(['--stdin-filename', 'a.json'], workspace({}))).code).toBe(2);
  });
});

describe('information', () => {
  const version = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

  it('-v and --version print the version', async () => {
    expect(await runCli(['-v'], workspace({}))).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--env-info prints armdsc-lint, Node.js and the system', async () => {
    const run = await runCli(['--env-info'], workspace({}));
    expect(run.stdout).toMatch(new RegExp(`^armdsc-lint: v${version.replace(/\./g, '\\.')} \\(.+\\)\\nNode\\.js: ${process.version}\\nOS: .+\\n$`));
  });

  it('--list-rules lists every rule, as text or JSON', async () => {
    const text = await runCli(['--list-rules'], workspace({}));
    expect(text.stdout.trim().split('\n')).toHaveLength(rules.size);
    expect(text.stdout).toMatch(/^dsc-vmss-node-name\s+error\s+fix\s+Require the nodeName/m);
    const json = JSON.parse((await runCli(['--list-rules', '--format', 'json'], workspace({}))).stdout) as Array<{ id: string; severity: string; fixable: boolean }>;
    expect(json.find((r) => r.id === 'dsc-extension-retirement')).toMatchObject({ severity: 'off', fixable: false });
    // The type that --fix-type selects by.
    expect(json.find((r) => r.id === 'dsc-vmss-node-name')).toMatchObject({ type: 'problem', fixable: true });
    expect(json.find((r) => r.id === 'dsc-auto-upgrade-minor-version')).toMatchObject({ type: 'suggestion', fixable: true });
  });

  it('--help names every option', async () => {
    const help = (await runCli(['--help'], workspace({}))).stdout;
    for (const option of ['--config', '--no-config-lookup', '--rule', '--parameters', '--format', '--stdin', '--cache', '--concurrency', '--print-config', '--list-rules', '--exit-on-fatal-error', '--report-unused-disable-directives']) {
      expect(help).toContain(option);
    }
    // Every option line is its flag, two spaces or more, and its description (or the flag alone,
    // with the description on the next line): a long flag never runs into its text.
    const optionLines = help.split('\n').filter((line) => /^ {2}(-\w, |\s{4})--/.test(line));
    expect(optionLines.length).toBeGreaterThan(30);
    for (const line of optionLines) expect(line).toMatch(/^ {2}(-\w, | {4})--[\w-]+( <[^>]+>)?( {2,}\S.*)?$/);
    expect(help).toContain('--report-unused-disable-directives-severity <off|warn|error>\n' + ' '.repeat(46) + 'Report them at this severity');
  });
});

describe('--quiet', () => {
  it('shows no warning, not even the milder messages of a rule set to error', async () => {
    const text = scaleSetTemplate('localhost').replace('"publisher": "Microsoft.Powershell"', '"publisher": "Microsoft.PowerShell"');
    const cwd = workspace({ 'a.json': text });
    expect((await runCli(['--format', 'unix'], cwd)).stdout).toContain('[Warning/dsc-publisher-type]');
    expect(await runCli(['--quiet', '--max-warnings', '0'], cwd)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('--concurrency past the cap', () => {
  it('warns in one line and lints with the most worker threads a run starts', () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': scaleSet('localhost') });
    const run = spawnSync('node', [bin, '--concurrency', '9999', '--format', 'unix'], { cwd, encoding: 'utf8' });
    const most = Math.max(availableParallelism(), 16);
    expect(run.stderr).toBe(`armdsc-lint: warning: --concurrency 9999 is more worker threads than a run starts here (one per core, at least 16): using ${most}\n`);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('a.json:');
    expect(run.stdout).not.toContain('b.json:');
  });
});

describe('a closed pipe', () => {
  it('ends quietly when the reader stops early (armdsc-lint … | head)', () => {
    const cwd = workspace(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`t${i}.json`, scaleSet('web0')])));
    const run = spawnSync('bash', ['-c', `node ${JSON.stringify(bin)} --concurrency off | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}"`], { cwd, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^status [01]\n$/);
  });
});

describe('colour and exit codes', () => {
  it('FORCE_COLOR turns colour on off a terminal; NO_COLOR and --no-color win over it', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    expect((await runCli([], cwd, { env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[');
    expect((await runCli([], cwd, { env: { FORCE_COLOR: '0' }, isTTY: true })).stdout).not.toContain('\x1b[');
    expect((await runCli([], cwd, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await runCli(['--no-color'], cwd, { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('--exit-on-fatal-error exits with 2 for a file that does not parse', async () => {
    const cwd = workspace({ 'broken.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ }' });
    expect((await runCli(['broken.json'], cwd)).code).toBe(1);
    expect((await runCli(['broken.json', '--exit-on-fatal-error'], cwd)).code).toBe(2);
  });

  it('a repeated --max-warnings takes the last value, as in ESLint', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const run = await runCli(['--rule', 'dsc-vmss-node-name: warn', '--max-warnings', '5', '--max-warnings', '0'], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('armdsc-lint found too many warnings (maximum: 0).\n');
  });
});
