import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli';
import { scaleSetTemplate, template } from '../support/lint';

/** A scale set whose DSC nodeName is `nodeName`, with typeHandlerVersion `version`. */
const scaleSet = (nodeName: string, version = '2.83'): string => scaleSetTemplate(nodeName, { version });

/** Two VM extensions whose versions differ: one warning, no error. */
const versionMismatch = template({
  resources: ['2.83', '2.83', '2.77'].map((version, i) => ({
    type: 'Microsoft.Compute/virtualMachines/extensions',
    apiVersion: '2024-07-01',
    name: `vm${i}/DSC`,
    properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: version, autoUpgradeMinorVersion: true },
  })),
});

const packageJson = JSON.stringify({ name: 'x', version: '1.0.0' });
const parametersFile = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: {} });
/** Line of `"nodeName": "web0"` in scaleSet() output, and the column of its value. */
const nodeNameLine = scaleSet('web0').split('\n').findIndex((l) => l.includes('"web0"')) + 1;
const nodeNameColumn = scaleSet('web0').split('\n')[nodeNameLine - 1]!.indexOf('"web0"') + 1;

describe('exit codes', () => {
  it('0 when every template is clean', async () => {
    const cwd = workspace({ 'a.json': scaleSet('localhost') });
    expect(await runCli(['a.json'], cwd)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 when a template has an error', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const run = await runCli(['a.json'], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${nodeNameLine}:${nodeNameColumn}  error  Scale set DSC nodeName is "web0"`);
  });

  it('0 with warnings only, 1 when they exceed --max-warnings', async () => {
    const cwd = workspace({ 'a.json': versionMismatch });
    expect((await runCli(['a.json'], cwd)).code).toBe(0);
    expect((await runCli(['a.json', '--max-warnings', '1'], cwd)).code).toBe(0);
    const strict = await runCli(['a.json', '--max-warnings', '0'], cwd);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('armdsc-lint found too many warnings (maximum: 0).\n');
  });

  it('counts warnings past the 10,000 a file shows against --max-warnings', async () => {
    const keys = Array.from({ length: 10_004 }, () => '"a": 1').join(',\n');
    const cwd = workspace({ 'keys.json': `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [], "variables": {\n${keys}\n}}` });
    const rule = ['--rule', 'template-duplicate-keys: warn'];
    const over = await runCli(['keys.json', ...rule, '--max-warnings', '10002', '--format', 'json'], cwd);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('armdsc-lint found too many warnings (maximum: 10002).\n');
    const [result] = JSON.parse(over.stdout) as Array<{ messages: unknown[]; warningCount: number }>;
    expect([result!.messages.length, result!.warningCount]).toEqual([10_001, 10_003]);
    expect((await runCli(['keys.json', ...rule, '--max-warnings', '10003'], cwd)).code).toBe(0);
  });

  it('1 for a template that does not parse, with the position of the syntax error', async () => {
    const broken = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [\n    { "name": "a" "type": "b" }\n  ]\n}\n';
    const cwd = workspace({ 'broken.json': broken });
    const run = await runCli(['broken.json'], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('4:19  error  Parsing error: Expected a comma');
    expect(run.stderr).toBe('');
  });

  it.each([
    [['missing.json'], 'armdsc-lint: No such file or directory: missing.json\n'],
    // A name longer than the file system allows (ENAMETOOLONG) is not there either; before, it was linted as an unreadable file.
    [['x'.repeat(300)], `armdsc-lint: No such file or directory: ${'x'.repeat(300)}\n`],
    [['a.json', '-o', 'y'.repeat(300)], `armdsc-lint: Cannot write ${'y'.repeat(300)}: its name is longer than the file system allows\n`],
    // Before: the raw "EEXIST: file already exists, mkdir '…/a.json'".
    [['a.json', '-o', 'a.json/out/lint.json'], 'armdsc-lint: Cannot write a.json/out/lint.json: a part of its path is a file, not a folder\n'],
    [['a.json/x.json'], 'armdsc-lint: No such file or directory: a.json/x.json\n'],
    // Refused before the run lints anything, not after.
    [['a.json', '-o', 'empty'], 'armdsc-lint: Cannot write empty: it is a directory\n'],
    [['a.json', '-f', 'junit=empty/'], 'armdsc-lint: Cannot write empty/: it is a directory\n'],
    [['nothing/**/*.json'], 'armdsc-lint: No files match the pattern "nothing/**/*.json".\n'],
    [['empty'], 'armdsc-lint: No files match the pattern "empty".\n'],
    [['a.json', '--format', 'xml'], "armdsc-lint: Unknown format 'xml'. Formats: stylish, json, compact, unix, github, junit, sarif, or a path to a formatter module (see armdsc-lint --help)\n"],
    [['a.json', '--rule', 'no-such-rule:error'], expect.stringMatching(/^armdsc-lint: Unknown rule 'no-such-rule'\. Known rules: ([a-z-]+, )+[a-z-]+\n$/)],
    [['a.json', '--rule', 'dsc-sas-token:loud'], 'armdsc-lint: Invalid severity "loud" for rule \'dsc-sas-token\': use "off", "warn" or "error"\n'],
    [['a.json', '--rule', 'dsc-sas-token'], "armdsc-lint: Invalid --rule 'dsc-sas-token': expected rule-id: severity (off, warn or error), or rule-id: [severity, {options}]\n"],
    [['a.json', '--rule', 'dsc-consistent-auto-upgrade:["warn",{"scope":"repo"}]'], expect.stringMatching(/^armdsc-lint: Invalid options for rule 'dsc-consistent-auto-upgrade' at \/0\/scope: .*\n$/)],
    [['a.json', '--bogus'], 'armdsc-lint: Unknown option: --bogus (see armdsc-lint --help)\n'],
    [['a.json', '--print-confg', 'a.json'], 'armdsc-lint: Unknown option: --print-confg (did you mean --print-config?) (see armdsc-lint --help)\n'],
    [['a.json', '--fix=yes'], "armdsc-lint: --fix takes no value, but was given 'yes' (see armdsc-lint --help)\n"],
    [['a.json', '--format'], 'armdsc-lint: --format needs a value (name[=file]) (see armdsc-lint --help)\n'],
    // An empty value would name the current directory (--config, --print-config, --parameters) or nothing.
    [['a.json', '--config='], 'armdsc-lint: --config needs a value (file) (see armdsc-lint --help)\n'],
    [['a.json', '-o', ''], 'armdsc-lint: -o needs a value (file) (see armdsc-lint --help)\n'],
    [['a.json', '--ignore-pattern', ''], 'armdsc-lint: --ignore-pattern needs a value (glob) (see armdsc-lint --help)\n'],
    [['a.json', '--parameters='], 'armdsc-lint: --parameters needs a value (file) (see armdsc-lint --help)\n'],
    [['a.json', '--cache', '--cache-location', ''], 'armdsc-lint: --cache-location needs a value (path) (see armdsc-lint --help)\n'],
    [['a.json', '--fix', '--fix-dry-run'], 'armdsc-lint: --fix and --fix-dry-run cannot be used together (see armdsc-lint --help)\n'],
    [['a.json', '--fix-type', 'problem'], 'armdsc-lint: --fix-type needs --fix or --fix-dry-run (see armdsc-lint --help)\n'],
    [
      ['a.json', '--report-unused-disable-directives', '--report-unused-disable-directives-severity', 'warn'],
      'armdsc-lint: --report-unused-disable-directives and --report-unused-disable-directives-severity cannot be used together (see armdsc-lint --help)\n',
    ],
    [['a.json', '--report-unused-disable-directives-severity', 'info'], "armdsc-lint: --report-unused-disable-directives-severity takes off, warn or error (or 0, 1, 2), not 'info' (see armdsc-lint --help)\n"],
    [['a.json', '--fix', '--fix-type', 'problem,style'], "armdsc-lint: --fix-type takes problem, suggestion, layout, directive (comma-separated or repeated), not 'style' (see armdsc-lint --help)\n"],
    [['a.json', '--max-warnings', 'abc'], "armdsc-lint: --max-warnings takes a whole number of warnings (or -1 for no limit), not 'abc' (see armdsc-lint --help)\n"],
    [['--max-warnings', 'a.json'], "armdsc-lint: --max-warnings takes a whole number of warnings (or -1 for no limit), not 'a.json' (see armdsc-lint --help)\n"],
    [['a.json', '--max-warnings', '1.5'], "armdsc-lint: --max-warnings takes a whole number of warnings (or -1 for no limit), not '1.5' (see armdsc-lint --help)\n"],
    [['a.json', '--format', 'toString'], "armdsc-lint: Unknown format 'toString'. Formats: stylish, json, compact, unix, github, junit, sarif, or a path to a formatter module (see armdsc-lint --help)\n"],
    [['a.json', '--rule', 'dsc-sas-token:constructor'], 'armdsc-lint: Invalid severity "constructor" for rule \'dsc-sas-token\': use "off", "warn" or "error"\n'],
    [['a.json', '--rule', 'toString:error'], expect.stringMatching(/^armdsc-lint: Unknown rule 'toString'\./)],
    [['-'], "armdsc-lint: '-' (standard input) needs --stdin; a file named '-' can be given as ./- (see armdsc-lint --help)\n"],
    [['--', '-'], "armdsc-lint: '-' (standard input) needs --stdin; a file named '-' can be given as ./- (see armdsc-lint --help)\n"],
    [['a.json', '--concurrency', 'lots'], "armdsc-lint: --concurrency takes a number of worker threads, 'auto' or 'off', not 'lots' (see armdsc-lint --help)\n"],
  ])('2 with one line on stderr for %j', async (args, message) => {
    const cwd = workspace({ 'a.json': scaleSet('localhost'), 'empty/readme.txt': 'no templates here' });
    const run = await runCli(args, cwd);
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
  });
});

describe('CLI contract, as ESLint', () => {
  it('takes the names after -- as patterns, and lints and fixes only those', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'other.json': scaleSet('web1'), '--looks-like-an-option.json': scaleSet('web2') });
    const run = await runCli(['--fix', '--', 'a.json', '--looks-like-an-option.json'], cwd);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(scaleSet('localhost'));
    expect(readFileSync(join(cwd, '--looks-like-an-option.json'), 'utf8')).toBe(scaleSet('localhost'));
    expect(readFileSync(join(cwd, 'other.json'), 'utf8')).toBe(scaleSet('web1'));
  });

  it('--no-error-on-unmatched-pattern lints what matches and ignores the rest', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const run = await runCli(['a.json', 'missing.json', 'none/**/*.json', '--no-error-on-unmatched-pattern'], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('a.json');
  });
});

describe('files', () => {
  it('2 when no pattern is given and the directory has no *.json or *.jsonc', async () => {
    const run = await runCli([], workspace({ 'notes.txt': 'nothing to lint' }));
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: No files match the pattern "**/*.json", "**/*.jsonc".\n' });
  });

  it('lints every *.json and *.jsonc below the directory when no pattern is given, never node_modules or .git', async () => {
    const cwd = workspace({
      'templates/a.json': scaleSet('web0'),
      'templates/b.jsonc': `// comment\n${scaleSet('web1')}`,
      'node_modules/pkg/c.json': scaleSet('web2'),
      '.git/d.json': scaleSet('web3'),
    });
    const run = await runCli(['--format', 'json'], cwd);
    const files = (JSON.parse(run.stdout) as Array<{ filePath: string }>).map((r) => r.filePath);
    expect(files).toEqual([join(cwd, 'templates/a.json'), join(cwd, 'templates/b.jsonc')]);
    expect(run.code).toBe(1);
  });

  it('searches a directory given as a pattern, and takes globs', async () => {
    const cwd = workspace({ 'x/a.json': scaleSet('web0'), 'y/b.json': scaleSet('web1') });
    const byDirectory = await runCli(['x', '--format', 'json'], cwd);
    expect((JSON.parse(byDirectory.stdout) as unknown[]).length).toBe(1);
    const byGlob = await runCli(['*/b.json', '--format', 'json'], cwd);
    expect((JSON.parse(byGlob.stdout) as Array<{ filePath: string }>)[0]!.filePath).toBe(join(cwd, 'y/b.json'));
  });

  it('skips non-templates silently when found by a glob, with a notice when named', async () => {
    const cwd = workspace({ 'package.json': packageJson, 'azuredeploy.parameters.json': parametersFile, 'a.json': scaleSet('localhost') });
    expect(await runCli(['*.json'], cwd)).toEqual({ code: 0, stdout: '', stderr: '' });
    const named = await runCli(['package.json', 'azuredeploy.parameters.json'], cwd);
    expect(named).toEqual({
      code: 0,
      stdout: '',
      // Files are linted in path order.
      stderr: 'armdsc-lint: skipped azuredeploy.parameters.json: a deployment parameters file\narmdsc-lint: skipped package.json: not a deployment template\n',
    });
  });
});

describe('output', () => {
  it('stylish groups by file and ends with a summary, without colour off a terminal', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': versionMismatch });
    const run = await runCli([], cwd);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('a.json');
    expect(lines).toContain('b.json');
    expect(run.stdout).toContain('\u2716 2 problems (1 error, 1 warning)\n');
    expect(run.stdout).toContain('  1 error and 0 warnings potentially fixable with the `--fix` option.\n');
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('uses colour on a terminal or with --color, and never with NO_COLOR', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    expect((await runCli([], cwd, { isTTY: true })).stdout).toContain('\x1b[');
    expect((await runCli(['--color'], cwd)).stdout).toContain('\x1b[');
    expect((await runCli([], cwd, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await runCli(['--color'], cwd, { env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await runCli(['--no-color'], cwd, { isTTY: true })).stdout).not.toContain('\x1b[');
  });

  it('json is an ESLint-compatible array of results with fixes', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const run = await runCli(['--format', 'json'], cwd);
    const [result] = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    const text = scaleSet('web0');
    const start = text.indexOf('"web0"');
    expect(result).toEqual({
      filePath: join(cwd, 'a.json'),
      messages: [
        {
          ruleId: 'dsc-vmss-node-name',
          severity: 2,
          message: 'Scale set DSC nodeName is "web0"; every instance applies the same configuration, so use "localhost".',
          messageId: 'notLocalhost',
          line: nodeNameLine,
          column: nodeNameColumn,
          endLine: nodeNameLine,
          endColumn: nodeNameColumn + 6,
          fix: { range: [start, start + 6], text: '"localhost"' },
        },
      ],
      errorCount: 1,
      warningCount: 0,
      fatalErrorCount: 0,
      fixableErrorCount: 1,
      fixableWarningCount: 0,
      suppressedMessages: [],
    });
  });

  it('--quiet does not run rules set to warn, as in ESLint 9: errors only, and no warnings to count', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0'), 'b.json': versionMismatch });
    const run = await runCli(['--quiet', '--format', 'json', '--max-warnings', '0'], cwd);
    const results = JSON.parse(run.stdout) as Array<{ messages: Array<{ severity: number }>; warningCount: number }>;
    expect(results.flatMap((r) => r.messages.map((m) => m.severity))).toEqual([2]);
    expect(results.every((r) => r.warningCount === 0)).toBe(true);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    // Without --quiet the same warning passes the limit.
    expect((await runCli(['b.json', '--max-warnings', '0'], cwd)).stderr).toContain('too many warnings');
  });

  it('--fix --quiet fixes errors only: a fixable problem of a rule set to warn stays', async () => {
    const text = scaleSet('web0');
    const cwd = workspace({ 'a.json': text });
    const run = await runCli(['--fix', '--quiet', '--rule', 'dsc-vmss-node-name:warn'], cwd);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(text);
    await runCli(['--fix', '--quiet'], cwd);
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(text.replace('"web0"', '"localhost"'));
  });

  it('--output-file writes the report instead of printing it', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    const run = await runCli(['--format', 'json', '--output-file', 'reports/lint.json'], cwd);
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    expect((JSON.parse(readFileSync(join(cwd, 'reports/lint.json'), 'utf8')) as unknown[]).length).toBe(1);
  });

  it('--rule changes a severity or turns a rule off', async () => {
    const cwd = workspace({ 'a.json': scaleSet('web0') });
    expect((await runCli(['--rule', 'dsc-vmss-node-name:warn'], cwd)).code).toBe(0);
    expect(await runCli(['--rule', 'dsc-vmss-node-name:off'], cwd)).toEqual({ code: 0, stdout: '', stderr: '' });
    const asError = await runCli(['--rule', 'dsc-consistent-type-handler-version:error'], workspace({ 'b.json': versionMismatch }));
    expect(asError.code).toBe(1);
  });

  it('--version and --help answer on stdout with exit code 0', async () => {
    const cwd = workspace({});
    const version = await runCli(['--version'], cwd);
    expect(version).toEqual({ code: 0, stdout: `${(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version}\n`, stderr: '' });
    const help = await runCli(['--help'], cwd);
    expect(help.code).toBe(0);
    for (const option of ['--format', '--output-file', '--quiet', '--max-warnings', '--rule', '--fix', '--fix-dry-run', '--version']) expect(help.stdout).toContain(option);
  });
});

describe('--fix', () => {
  it('writes fixed files, keeping BOM and CRLF line ends', async () => {
    const crlf = scaleSet('web0').split('\n').join('\r\n');
    const cwd = workspace({ 'a.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]) });
    const run = await runCli(['--fix'], cwd);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    const written = readFileSync(join(cwd, 'a.json'));
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written.subarray(3).toString('utf8')).toBe(crlf.replace('"web0"', '"localhost"'));
  });

  it('writes UTF-16 files back as UTF-16', async () => {
    const text = scaleSet('web0');
    const cwd = workspace({ 'a.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    expect((await runCli(['--fix'], cwd)).code).toBe(0);
    const written = readFileSync(join(cwd, 'a.json'));
    expect([...written.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(written.subarray(2).toString('utf16le')).toBe(text.replace('"web0"', '"localhost"'));
  });

  it('--fix-dry-run reports the fixed output without writing it', async () => {
    const text = scaleSet('web0');
    const cwd = workspace({ 'a.json': text });
    const run = await runCli(['--fix-dry-run', '--format', 'json'], cwd);
    const [result] = JSON.parse(run.stdout) as Array<{ output: string; messages: unknown[] }>;
    expect(result!.output).toBe(text.replace('"web0"', '"localhost"'));
    expect(result!.messages).toEqual([]);
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(text);
  });

  it('--report-unused-disable-directives-severity warn reports unused directives as warnings, so the exit code stays 0', async () => {
    const text = scaleSet('localhost').replace('"settings":', '"settings": /* armdsc-lint-disable-line dsc-sas-token */');
    const cwd = workspace({ 'a.json': text });
    const line = (args: string[]) => runCli(['--format', 'unix', ...args], cwd);
    const message = "Unused armdsc-lint directive (no problems were reported from 'dsc-sas-token').";
    const warned = await line(['--report-unused-disable-directives-severity', 'warn']);
    expect([warned.code, warned.stdout]).toEqual([0, expect.stringContaining(`${message} [Warning]`)]);
    const failed = await line(['--report-unused-disable-directives-severity', '2']);
    expect([failed.code, failed.stdout]).toEqual([1, expect.stringContaining(`${message} [Error]`)]);
    expect(await line(['--report-unused-disable-directives-severity', 'off'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--fix-type applies only the fixes of the rule types it names, and directive for unused directives', async () => {
    // A problem (nodeName), a suggestion (a string for a boolean) and an unused directive, each fixable.
    const withString = scaleSet('web0').replace('"autoUpgradeMinorVersion": true', '"autoUpgradeMinorVersion": "true"');
    const indent = /^( *)"settings":/m.exec(withString)![1]!;
    const directive = `${indent}// armdsc-lint-disable-next-line dsc-sas-token\n`;
    const text = withString.replace(`${indent}"settings":`, `${directive}${indent}"settings":`);
    const problem = (t: string) => t.replace('"web0"', '"localhost"');
    const suggestion = (t: string) => t.replace('"autoUpgradeMinorVersion": "true"', '"autoUpgradeMinorVersion": true');
    const removed = (t: string) => t.replace(directive, '');
    const cwd = workspace({ 'a.json': text });
    const output = async (...types: string[]) => {
      const run = await runCli(['--fix-dry-run', '--report-unused-disable-directives', '--format', 'json', ...types], cwd);
      return (JSON.parse(run.stdout) as Array<{ output?: string }>)[0]!.output;
    };
    expect(await output()).toBe(removed(suggestion(problem(text))));
    expect(await output('--fix-type', 'problem')).toBe(problem(text));
    expect(await output('--fix-type', 'suggestion')).toBe(suggestion(text));
    expect(await output('--fix-type', 'directive')).toBe(removed(text));
    expect(await output('--fix-type', 'problem,directive')).toBe(removed(problem(text)));
    expect(await output('--fix-type', 'problem', '--fix-type', 'suggestion')).toBe(suggestion(problem(text)));
    expect(await output('--fix-type', 'layout')).toBeUndefined();
    // --fix writes only those too.
    expect((await runCli(['--fix', '--fix-type', 'suggestion'], cwd)).code).toBe(1);
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).toBe(suggestion(text));
  });

  it('leaves files without fixable problems untouched, byte for byte', async () => {
    const cwd = workspace({ 'b.json': versionMismatch });
    await runCli(['--fix'], cwd);
    expect(readFileSync(join(cwd, 'b.json'), 'utf8')).toBe(versionMismatch);
  });
});

describe('CLI: --rule before the file patterns', () => {
  // ESLint users write the flag first (`--rule 'id:warn' templates/`): --rule takes one value.
  const clean = scaleSet('localhost');

  it.each([
    [['--rule', 'dsc-sas-token:off', 'a.json']],
    [['--rule=dsc-sas-token:off', 'a.json']],
    [['--rule', 'dsc-consistent-type-handler-version:["warn",{"scope":"run"}]', 'a.json']],
  ])('%j lints a.json', async (args) => {
    const run = await runCli(args, workspace({ 'a.json': clean }));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
