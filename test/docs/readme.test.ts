/**
 * README.md, block by block. Every fenced code block is either run here or marked, on the line
 * right above its fence, with `<!-- not run: reason -->`; a block this test does not know how to
 * run fails it. What "run" means for each kind of block:
 *
 * - ```` ```console ```` blocks: each `$ command` is run in the repository and its output, without
 *   colour, must be exactly the lines below it.
 * - ```` ```sh ```` blocks: each line is a command, looked up in COMMANDS below (which says where
 *   it runs, its exit code and what its output or files must show). Commands run with bash in a
 *   fresh copy of a temporary workspace (or in the repository), with `armdsc-lint` on the PATH as
 *   a shim for the built CLI (`node dist/bundle/bin.js`, package.json's bin); `npx armdsc-lint` is run as
 *   `armdsc-lint` (npx would find the same bin). A trailing `# exit code N` comment is checked too.
 * - A block whose info string names a path (```` ```json templates/web.parameters.json ````) is a
 *   file of that workspace: the commands use it, and FILES below says what else is checked. In a
 *   JavaScript file, `require('armdsc-lint…')` is replaced by a require of this repository by
 *   absolute path (`require('armdsc-lint/package.json')` → `require('/…/repo/package.json')`),
 *   since the workspace has no node_modules: nothing is installed.
 * - The `.armdsclintrc.json` block is written into its own copy of the workspace, checked against
 *   the JSON Schema, and its stated effects are checked with --print-config and a lint.
 * - The ```` ```text ```` block is the synopsis: the first line of --help.
 *
 * Besides the blocks: the rules table must be what `--list-rules --format json` gives, the option
 * tables must list exactly the CLI's options in their groups, and the blocks that cannot run here
 * (the GitHub workflow, the pre-commit config) must use inputs and hook ids that exist.
 *
 * The templates the README's commands lint but does not show (templates/web.json, templates/sql.json,
 * env/web.parameters.prod.json) are defined here, in BASE_FILES.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { OPTIONS } from '../../src/cli/arguments';
import { builtBin as bin } from '../support/cli';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

// ---------------------------------------------------------------------------------------------
// The README's blocks

interface Block {
  language: string;
  /** The workspace path the block is written to, from its info string. */
  path: string | undefined;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The reason of a `<!-- not run: … -->` marker right above the fence. */
  notRun: string | undefined;
}

function parseBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let open: (Omit<Block, 'text'> & { body: string[] }) | undefined;
  lines.forEach((text, index) => {
    if (open) {
      if (/^```\s*$/.test(text)) {
        const { body, ...rest } = open;
        blocks.push({ ...rest, text: body.join('\n') });
        open = undefined;
      } else {
        open.body.push(text);
      }
      return;
    }
    const fence = /^```(\S*)(?:\s+(\S+))?\s*$/.exec(text);
    if (!fence) return;
    const marker = /^<!-- not run: (.+?) -->$/.exec(lines[index - 1] ?? '');
    open = { language: fence[1]!, path: fence[2], line: index + 1, notRun: marker?.[1], body: [] };
  });
  if (open) throw new Error(`README.md: unclosed code fence at line ${open.line}`);
  return blocks;
}

const blocks = parseBlocks(readme);
const where = (block: Block) => `README.md:${block.line}`;

// ---------------------------------------------------------------------------------------------
// Running commands

/** A directory with an `armdsc-lint` executable that runs the built CLI. */
const shimDir = mkdtempSync(join(tmpdir(), 'armdsc-readme-bin-'));
writeFileSync(join(shimDir, 'armdsc-lint'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`, { mode: 0o755 });

const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shimDir}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
delete env.FORCE_COLOR;

const stripColour = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sh(command: string, cwd: string): Run {
  const result = spawnSync('bash', ['-c', command.replace(/^npx armdsc-lint\b/, 'armdsc-lint')], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: stripColour(result.stdout), stderr: stripColour(result.stderr) };
}

/** A command line of a block, and its trailing `# comment`. */
function splitComment(line: string): { command: string; comment: string } {
  const match = /^(.*?)\s+#\s(.*)$/.exec(line);
  return match ? { command: match[1]!.trim(), comment: match[2]! } : { command: line.trim(), comment: '' };
}

// ---------------------------------------------------------------------------------------------
// The workspace the commands run in

const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const parametersFile = (nodeName: string) => json({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { nodeName: { value: nodeName } } });

const dscProperties = (extra: Record<string, unknown>) => ({ publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, ...extra });

/** The files the README's commands lint without showing them. */
const BASE_FILES: Record<string, string> = {
  // Clean on its own: nodeName comes from a parameter whose default is "localhost". The README's
  // templates/web.parameters.json gives it "web0", a dsc-vmss-node-name error (fixable).
  'templates/web.json': json({
    $schema: TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { nodeName: { type: 'string', defaultValue: 'localhost' } },
    resources: [
      {
        type: 'Microsoft.Compute/virtualMachineScaleSets',
        apiVersion: '2024-07-01',
        name: 'web',
        location: '[resourceGroup().location]',
        properties: {
          virtualMachineProfile: {
            extensionProfile: { extensions: [{ name: 'DSC', properties: dscProperties({ settings: { configurationArguments: { nodeName: "[parameters('nodeName')]" } } }) }] },
          },
        },
      },
    ],
  }),
  // A typeHandlerVersion written as a number (a dsc-type-handler-version error that --fix quotes)
  // and autoUpgradeMinorVersion false (a dsc-auto-upgrade-minor-version warning, not fixed).
  'templates/sql.json': json({
    $schema: TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [
      { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: 'sql01', location: '[resourceGroup().location]', properties: {} },
      {
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: '2024-07-01',
        name: 'sql01/DSC',
        location: '[resourceGroup().location]',
        dependsOn: ["[resourceId('Microsoft.Compute/virtualMachines', 'sql01')]"],
        properties: dscProperties({ typeHandlerVersion: 2.83, autoUpgradeMinorVersion: false, settings: { configurationArguments: { nodeName: 'localhost' } } }),
      },
    ],
  }),
  'env/web.parameters.prod.json': parametersFile('webprod'),
};

/** In a JavaScript block, `require('armdsc-lint…')` becomes a require of this repository by path. */
function withRepositoryRequires(source: string): string {
  return source.replace(/require\('armdsc-lint((?:\/[^']*)?)'\)/g, (_match, subpath: string) => `require(${JSON.stringify(root + subpath)})`);
}

const isConfigBlock = (block: Block) => block.path !== undefined && /^\.armdsclintrc\.jsonc?$/.test(basename(block.path));
const fileBlocks = blocks.filter((b) => b.path !== undefined && !b.notRun && !isConfigBlock(b));

/** The workspace every command starts from: BASE_FILES and the README's file blocks. */
const base = mkdtempSync(join(tmpdir(), 'armdsc-readme-'));
function writeFiles(directory: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
}
writeFiles(base, BASE_FILES);
writeFiles(base, Object.fromEntries(fileBlocks.map((b) => [b.path!, /\.[cm]?js$/.test(b.path!) ? withRepositoryRequires(b.text) : `${b.text}\n`])));

const copies: string[] = [];
/** A fresh copy of the base workspace, for one command (some of them change files). */
function freshWorkspace(): string {
  const copy = mkdtempSync(join(tmpdir(), 'armdsc-readme-run-'));
  cpSync(base, copy, { recursive: true });
  copies.push(copy);
  return copy;
}

afterAll(() => {
  for (const directory of [shimDir, base, ...copies]) rmSync(directory, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// What each command must do

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string }>;
  suppressedMessages: Array<{ ruleId: string | null; suppressions: Array<{ kind: string; justification: string }> }>;
  output?: string;
}

interface Expectation {
  /** Where it runs: a fresh copy of the workspace (default), or the repository (read-only commands). */
  in?: 'workspace' | 'repository';
  /** Run this instead of the README's line (said why in a comment). */
  run?: string;
  code: number;
  /** Texts standard output must contain, and must not. */
  stdout?: string[];
  notStdout?: string[];
  /** Standard error must be empty unless this is given (texts it must contain). */
  stderr?: string[];
  /** More checks, given the directory the command ran in. */
  check?(cwd: string, run: Run): void;
}

const fixedSql = (text: string) => expect(text).toContain('"typeHandlerVersion": "2.83"');

const printConfig = (args: string, cwd: string) => {
  const run = sh(`armdsc-lint --print-config templates/web.json ${args}`, cwd);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as { configFiles: string[]; ignored: boolean; rules: Record<string, unknown[]>; parameters: { files: string[]; pairing: boolean } };
};

const COMMANDS: Record<string, Expectation> = {
  // `npm install` is not run: this checkout is installed already, and a fresh install needs the
  // npm registry. The lint that follows it is the example at the top, whose output is checked.
  'npm install && npx armdsc-lint "fixtures/examples/**/*.json"': {
    in: 'repository',
    run: 'npx armdsc-lint "fixtures/examples/**/*.json"',
    code: 1,
    check: (_cwd, run) => expect(run.stdout).toBe(consoleCommands()[0]!.expected),
  },
  'armdsc-lint': { code: 1, stdout: ['templates/web.json', 'templates/sql.json', '3 problems (2 errors, 1 warning)'], notStdout: ['\ntemplates/web.parameters.json\n', '\nenv/'] },
  'armdsc-lint templates/': { code: 1, stdout: ['templates/web.json', 'templates/sql.json', '3 problems (2 errors, 1 warning)'] },
  'armdsc-lint "templates/**/*.json"': { code: 1, stdout: ['templates/web.json', 'templates/sql.json'] },
  'armdsc-lint templates/web.json templates/sql.json': { code: 1, stdout: ['templates/web.json', 'templates/sql.json', '3 problems (2 errors, 1 warning)'] },

  'armdsc-lint --stdin --stdin-filename templates/sql.json < templates/sql.json': { code: 1, stdout: ['templates/sql.json', 'dsc-type-handler-version', 'dsc-auto-upgrade-minor-version'] },
  'armdsc-lint --stdin --fix --stdin-filename templates/sql.json < templates/sql.json > sql.fixed.json': {
    code: 0,
    stderr: ['templates/sql.json', 'dsc-auto-upgrade-minor-version'],
    check: (cwd) => {
      fixedSql(readFileSync(join(cwd, 'sql.fixed.json'), 'utf8'));
      expect(readFileSync(join(cwd, 'templates/sql.json'), 'utf8')).toBe(BASE_FILES['templates/sql.json']);
    },
  },
  'armdsc-lint --cache --cache-location .cache/ "templates/**/*.json"': {
    code: 1,
    stdout: ['templates/web.json'],
    check: (cwd, first) => {
      expect(existsSync(join(cwd, '.cache', '.armdsclintcache'))).toBe(true);
      // The second run reuses the outcomes and reports the same.
      expect(sh('armdsc-lint --cache --cache-location .cache/ "templates/**/*.json"', cwd)).toEqual(first);
    },
  },

  'armdsc-lint templates/ --format sarif=reports/armdsc-lint.sarif --format junit=reports/armdsc-lint.xml': {
    code: 1,
    stdout: ['templates/web.json', 'dsc-vmss-node-name'],
    check: (cwd) => {
      const sarif = JSON.parse(readFileSync(join(cwd, 'reports/armdsc-lint.sarif'), 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string; suppressions?: unknown[] }> }> };
      expect(sarif.version).toBe('2.1.0');
      const results = sarif.runs[0]!.results;
      expect(results.filter((r) => !r.suppressions).map((r) => r.ruleId).sort()).toEqual(['dsc-auto-upgrade-minor-version', 'dsc-type-handler-version', 'dsc-vmss-node-name']);
      // The two suppressed findings (templates/agents.jsonc, templates/single-node.json) are results with their suppression.
      expect(results.filter((r) => r.suppressions).map((r) => r.ruleId)).toEqual(['dsc-vmss-node-name', 'dsc-vmss-node-name']);
      const junit = readFileSync(join(cwd, 'reports/armdsc-lint.xml'), 'utf8');
      expect(junit).toMatch(/^<\?xml/);
      expect(junit).toContain('<testsuite name="templates/web.json"');
    },
  },
  'armdsc-lint --format ./summary-formatter.js templates/': {
    code: 1,
    check: (_cwd, run) => expect(run.stdout).toBe('templates/sql.json: 1 error(s), 1 warning(s)\ntemplates/web.json: 1 error(s), 0 warning(s)\n'),
  },

  'armdsc-lint --rule dsc-extension-retirement:warn templates/': { code: 1, stdout: ['dsc-extension-retirement', 'retires on 2028-03-31'] },
  "armdsc-lint --rule 'dsc-consistent-type-handler-version: [warn, {scope: run}], dsc-auto-upgrade-minor-version: off' templates/": {
    code: 1,
    notStdout: ['dsc-auto-upgrade-minor-version'],
    check: (cwd) => {
      const { rules } = printConfig("--rule 'dsc-consistent-type-handler-version: [warn, {scope: run}], dsc-auto-upgrade-minor-version: off'", cwd);
      expect(rules['dsc-consistent-type-handler-version']).toEqual(['warn', { scope: 'run' }]);
      expect(rules['dsc-auto-upgrade-minor-version']).toEqual(['off']);
    },
  },
  'armdsc-lint --rule \'dsc-consistent-type-handler-version:["warn",{"scope":"run"}]\' templates/': {
    code: 1,
    check: (cwd) => {
      const { rules } = printConfig('--rule \'dsc-consistent-type-handler-version:["warn",{"scope":"run"}]\'', cwd);
      expect(rules['dsc-consistent-type-handler-version']).toEqual(['warn', { scope: 'run' }]);
    },
  },
  'armdsc-lint --print-config templates/web.json': {
    code: 0,
    check: (_cwd, run) => {
      const printed = JSON.parse(run.stdout) as Record<string, unknown> & { rules: Record<string, unknown[]> };
      expect(Object.keys(printed)).toEqual(['configFiles', 'ignored', 'rules', 'parameters']);
      expect(printed).toMatchObject({ configFiles: [], ignored: false, parameters: { files: [], pairing: true } });
      expect(Object.keys(printed.rules)).toHaveLength(26);
      expect(printed.rules['dsc-extension-retirement']).toEqual(['off']);
    },
  },

  'armdsc-lint templates/agents.jsonc': { code: 0, check: (_cwd, run) => expect(run.stdout).toBe('') },
  'armdsc-lint --no-inline-config templates/agents.jsonc': { code: 1, stdout: ['templates/agents.jsonc', 'Scale set DSC nodeName is "agent01"', 'dsc-vmss-node-name'] },
  'armdsc-lint --report-unused-disable-directives templates/': { code: 1, stdout: ['templates/web.json'], notStdout: ['Unused armdsc-lint directive', 'agents.jsonc'] },

  'armdsc-lint templates/web.json': { code: 1, stdout: [`Scale set DSC nodeName is "web0" (from parameters('nodeName') in templates/web.parameters.json)`] },
  'armdsc-lint templates/web.json --parameters env/web.parameters.prod.json': { code: 1, stdout: [`Scale set DSC nodeName is "webprod" (from parameters('nodeName') in env/web.parameters.prod.json)`] },

  'armdsc-lint --fix templates/sql.json': {
    code: 0,
    stdout: ['dsc-auto-upgrade-minor-version', '1 problem (0 errors, 1 warning)'],
    check: (cwd) => {
      const text = readFileSync(join(cwd, 'templates/sql.json'), 'utf8');
      fixedSql(text);
      // Nothing but the edit changed.
      expect(text).toBe(BASE_FILES['templates/sql.json']!.replace('"typeHandlerVersion": 2.83', '"typeHandlerVersion": "2.83"'));
    },
  },
  'armdsc-lint --fix-dry-run --format json templates/sql.json': {
    code: 0,
    check: (cwd, run) => {
      const [result] = JSON.parse(run.stdout) as JsonResult[];
      fixedSql(result!.output!);
      expect(readFileSync(join(cwd, 'templates/sql.json'), 'utf8')).toBe(BASE_FILES['templates/sql.json']);
    },
  },

  'node lint-templates.js': {
    code: 1,
    stdout: ['templates/web.json', 'dsc-vmss-node-name', 'templates/sql.json', 'dsc-type-handler-version'],
    notStdout: ['warning  ', 'dsc-auto-upgrade-minor-version'],
    check: (cwd, run) => {
      // Here (no warnings from rules at error), the errors are what --quiet prints.
      expect(run.stdout).toBe(sh('armdsc-lint --quiet templates', cwd).stdout);
    },
  },
};

function runCommand(line: string, block: Block): void {
  const { command, comment } = splitComment(line);
  const expectation = COMMANDS[command];
  if (!expectation) throw new Error(`${where(block)}: the test does not know the command \`${command}\`: add it to COMMANDS in test/docs/readme.test.ts, or mark the block <!-- not run: … -->`);
  const cwd = expectation.in === 'repository' ? root : freshWorkspace();
  const run = sh(expectation.run ?? command, cwd);
  const context = `${where(block)}: ${command}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
  const stated = /exit code (\d)/.exec(comment);
  if (stated) expect({ context, code: Number(stated[1]) }).toEqual({ context, code: expectation.code });
  expect({ context, code: run.code }).toEqual({ context, code: expectation.code });
  for (const text of expectation.stdout ?? []) expect(run.stdout).toContain(text);
  for (const text of expectation.notStdout ?? []) expect(run.stdout).not.toContain(text);
  if (expectation.stderr) for (const text of expectation.stderr) expect(run.stderr).toContain(text);
  else expect({ context, stderr: run.stderr }).toEqual({ context, stderr: '' });
  expectation.check?.(cwd, run);
}

const commandLines = (block: Block) => block.text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));

// ---------------------------------------------------------------------------------------------
// Console blocks: `$ command` and its exact output

interface ConsoleCommand {
  block: Block;
  command: string;
  expected: string;
}

function consoleCommands(): ConsoleCommand[] {
  const commands: ConsoleCommand[] = [];
  for (const block of blocks.filter((b) => b.language === 'console' && !b.notRun)) {
    for (const line of block.text.split('\n')) {
      if (line.startsWith('$ ')) commands.push({ block, command: line.slice(2), expected: '' });
      else if (commands.length === 0 || commands[commands.length - 1]!.block !== block) throw new Error(`${where(block)}: output before the first $ command`);
      else commands[commands.length - 1]!.expected += `${line}\n`;
    }
  }
  return commands;
}

// ---------------------------------------------------------------------------------------------
// Files shown in the README: what each must do beyond being used by the commands

const directiveReason = (text: string) => /armdsc-lint-disable-next-line [\w-]+ -- (.+)$/m.exec(text)?.[1];

function lintJson(path: string, cwd: string): JsonResult {
  const run = sh(`armdsc-lint --format json ${path}`, cwd);
  expect(run.code).not.toBe(2);
  return (JSON.parse(run.stdout) as JsonResult[])[0]!;
}

const FILES: Record<string, (block: Block) => void> = {
  'templates/agents.jsonc': (block) => {
    const reason = directiveReason(block.text);
    expect(reason).toBeTruthy();
    const result = lintJson('templates/agents.jsonc', base);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toEqual([expect.objectContaining({ ruleId: 'dsc-vmss-node-name', suppressions: [{ kind: 'directive', justification: reason }] })]);
  },
  'templates/single-node.json': (block) => {
    // Plain JSON: it parses without comments or trailing commas.
    const template = JSON.parse(block.text) as { resources: Array<{ metadata: { 'armdsc-lint': { justification: string } } }> };
    const justification = template.resources[0]!.metadata['armdsc-lint'].justification;
    const result = lintJson('templates/single-node.json', base);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toEqual([expect.objectContaining({ ruleId: 'dsc-vmss-node-name', suppressions: [{ kind: 'metadata', justification }] })]);
  },
  'templates/web.parameters.json': (block) => {
    expect(JSON.parse(block.text)).toMatchObject({ $schema: PARAMETERS_SCHEMA, parameters: { nodeName: { value: 'web0' } } });
  },
  // Used by `armdsc-lint --format ./summary-formatter.js templates/` and `node lint-templates.js`.
  'summary-formatter.js': () => undefined,
  'lint-templates.js': (block) => {
    expect(block.text).toContain("require('armdsc-lint')");
    expect(block.text).toContain("loadFormatter('stylish'");
  },
};

// ---------------------------------------------------------------------------------------------
// What kind of block each one is

type Kind = 'not run' | 'console' | 'commands' | 'file' | 'config' | 'synopsis' | 'unknown';

function kindOf(block: Block): Kind {
  if (block.notRun) return 'not run';
  if (isConfigBlock(block)) return 'config';
  if (block.path !== undefined) return Object.hasOwn(FILES, block.path) ? 'file' : 'unknown';
  if (block.language === 'console') return 'console';
  if (block.language === 'sh') return 'commands';
  if (block.language === 'text' && block.text === 'armdsc-lint [patterns..] [options]') return 'synopsis';
  return 'unknown';
}

describe('README.md code blocks', () => {
  it('are each run by this test or marked <!-- not run: reason -->', () => {
    expect(blocks.length).toBeGreaterThan(10);
    const unknown = blocks.filter((b) => kindOf(b) === 'unknown').map((b) => `${where(b)} (${b.language}${b.path ? ` ${b.path}` : ''})`);
    expect(unknown).toEqual([]);
    for (const block of blocks) if (block.notRun !== undefined) expect(block.notRun.trim().length).toBeGreaterThan(5);
  });

  it('has every file block and command this test expects (none left unused)', () => {
    expect(fileBlocks.map((b) => b.path).sort()).toEqual(Object.keys(FILES).sort());
    const commands = blocks.filter((b) => kindOf(b) === 'commands').flatMap((b) => commandLines(b).map((line) => splitComment(line).command));
    expect([...commands].sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  describe.each(consoleCommands().map((c) => [`${where(c.block)}: $ ${c.command}`, c] as const))('%s', (_name, { command, expected }) => {
    it('prints exactly the output shown, and exits with 1', () => {
      const run = sh(command, root);
      expect(run.stdout).toBe(expected);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
    });
  });

  const commandBlocks = blocks.filter((b) => kindOf(b) === 'commands');
  describe.each(commandBlocks.map((b) => [where(b), b] as const))('commands at %s', (_name, block) => {
    it.each(commandLines(block))('%s', (line) => runCommand(line, block), 60_000);
  });

  describe.each(blocks.filter((b) => kindOf(b) === 'file').map((b) => [`${where(b)}: ${b.path}`, b] as const))('file %s', (_name, block) => {
    it('does what the README says', () => FILES[block.path!]!(block), 30_000);
  });

  it('the synopsis is the first line of --help', () => {
    const synopsis = blocks.filter((b) => kindOf(b) === 'synopsis');
    expect(synopsis).toHaveLength(1);
    expect(sh('armdsc-lint --help', root).stdout.split('\n')[0]).toBe(synopsis[0]!.text);
  });
});

// ---------------------------------------------------------------------------------------------
// The config file example

describe('the .armdsclintrc.json example', () => {
  const configBlocks = blocks.filter((b) => kindOf(b) === 'config');
  const block = configBlocks[0]!;
  let cwd: string;

  beforeAll(() => {
    cwd = freshWorkspace();
    writeFiles(cwd, {
      [block.path!]: `${block.text}\n`,
      'legacy/old.json': BASE_FILES['templates/web.json']!,
      'generated/web.json': BASE_FILES['templates/web.json']!,
      'templates/web.generated.json': BASE_FILES['templates/web.json']!,
      'env/dev.parameters.json': parametersFile('dev0'),
    });
  });

  it('is the only config block, and valid against schema/armdsclintrc.schema.json', () => {
    expect(configBlocks).toHaveLength(1);
    const errors: ParseError[] = [];
    const config = parseJsonc(block.text, errors, { allowTrailingComma: true }) as unknown;
    expect(errors).toEqual([]);
    const schema = JSON.parse(readFileSync(join(root, 'schema', 'armdsclintrc.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate.errors ?? validate(config)).toBe(true);
  });

  it('is accepted, and sets the rules, the override, the ignores and the parameters file it shows', () => {
    const web = printConfig('', cwd);
    expect(web.configFiles).toEqual(['.armdsclintrc.json']);
    expect(web.rules['dsc-extension-retirement']).toEqual(['warn']);
    expect(web.rules['dsc-consistent-type-handler-version']).toEqual(['warn', { scope: 'run' }]);
    expect(web.rules['compute-api-version']).toEqual(['off']);
    expect(web.rules['dsc-legacy-settings']).toEqual(['error']);
    expect(web.parameters).toEqual({ files: ['env/dev.parameters.json'], pairing: true });

    const legacy = JSON.parse(sh('armdsc-lint --print-config legacy/old.json', cwd).stdout) as { rules: Record<string, unknown[]> };
    expect(legacy.rules['dsc-legacy-settings']).toEqual(['warn']);
    for (const ignored of ['generated/web.json', 'templates/web.generated.json']) {
      expect(JSON.parse(sh(`armdsc-lint --print-config ${ignored}`, cwd).stdout)).toMatchObject({ ignored: true });
    }

    const run = sh('armdsc-lint --format json', cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const files = results.map((r) => r.filePath.slice(cwd.length + 1));
    expect(files).toContain('legacy/old.json');
    expect(files).not.toContain('generated/web.json');
    expect(files).not.toContain('templates/web.generated.json');
    // The retirement notice is on, and the config's parameters file wins over the one beside the template.
    const web2 = results.find((r) => r.filePath.endsWith('templates/web.json'))!;
    expect(web2.messages.map((m) => m.ruleId)).toContain('dsc-extension-retirement');
    expect(web2.messages.map((m) => m.message).join('\n')).toContain(`"dev0" (from parameters('nodeName') in env/dev.parameters.json)`);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------
// Tables

/** The lines of a `## heading` section (up to the next heading of that level or higher). */
function section(heading: string, level = 2): string[] {
  const lines = readme.split('\n');
  const start = lines.indexOf(`${'#'.repeat(level)} ${heading}`);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const next = lines.findIndex((line, i) => i > start && new RegExp(`^#{1,${level}} `).test(line));
  return lines.slice(start + 1, next < 0 ? undefined : next);
}

interface ListedRule {
  id: string;
  severity: string;
  fixable: boolean;
  suggestions: boolean;
  description: string;
}

describe('the rules table', () => {
  const listed = JSON.parse(sh('armdsc-lint --list-rules --format json', root).stdout) as ListedRule[];

  it('is the table --list-rules --format json gives', () => {
    const fix = (rule: ListedRule) => [rule.fixable && 'fix', rule.suggestions && 'suggestions'].filter(Boolean).join(', ') || 'no';
    const expected = [
      '| rule | default | fix | description |',
      '|---|---|---|---|',
      ...listed.map((rule) => `| [${rule.id}](docs/rules/${rule.id}.md) | ${rule.severity} | ${fix(rule)} | ${rule.description} |`),
    ];
    expect(section('Rules').filter((line) => line.startsWith('|'))).toEqual(expected);
  });

  it('counts the rules right, and links pages that exist', () => {
    expect(section('Rules').join('\n')).toContain(`${listed.length} rules.`);
    for (const rule of listed) expect(existsSync(join(root, 'docs', 'rules', `${rule.id}.md`))).toBe(true);
  });
});

describe('the option tables', () => {
  const groups = [...new Set(OPTIONS.map((o) => o.group))];

  it.each(groups)('### %s lists exactly the options of that group', (group) => {
    const rows = section(group, 3).filter((line) => line.startsWith('| `'));
    const cells = rows.map((row) => row.split(' | ')[0]!.slice(2));
    const expected = OPTIONS.filter((o) => o.group === group).map((o) => {
      const flag = `\`${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` <${o.value.replace(/\|/g, '\\|')}>` : ''}\``;
      return o.negatable ? `${flag}, \`--no-${o.name}\`` : flag;
    });
    expect(cells).toEqual(expected);
  });

  it('are under ## Options, in the order of --help', () => {
    const options = section('Options').filter((line) => line.startsWith('### ')).map((line) => line.slice(4));
    expect(options).toEqual(groups);
  });
});

// ---------------------------------------------------------------------------------------------
// Blocks that cannot run here, checked against what they use

describe('blocks that are not run', () => {
  const yamlBlocks = blocks.filter((b) => b.language === 'yaml');
  const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }> };

  it('the GitHub workflow uses this action with its inputs, and uploads the SARIF file it writes', () => {
    const [workflow] = yamlBlocks.filter((b) => b.text.includes('upload-sarif'));
    expect(workflow!.notRun).toBeDefined();
    const parsed = parseYaml(workflow!.text) as { jobs: Record<string, { permissions: Record<string, string>; steps: Array<{ uses?: string; with?: Record<string, string> }> }> };
    const job = Object.values(parsed.jobs)[0]!;
    expect(job.permissions['security-events']).toBe('write');
    const lint = job.steps.find((s) => s.uses?.startsWith('armdsc-lint/armdsc-lint@'))!;
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    for (const input of Object.keys(lint.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    expect(upload.with!.sarif_file).toBe(lint.with!['sarif-file']);
  });

  it("the action's input table lists the inputs of action.yml with their defaults", () => {
    const rows = section('GitHub Actions', 3).filter((line) => /^\| `[\w-]+` \|/.test(line));
    const table = rows.map((row) => row.split(' | ').map((cell) => cell.replace(/^\| /, '')));
    expect(table.map(([name]) => name)).toEqual(Object.keys(action.inputs).map((name) => `\`${name}\``));
    for (const [name, fallback] of table) {
      const actual = action.inputs[name!.slice(1, -1)]!.default;
      expect(actual === '' ? fallback!.startsWith('(empty') : fallback === `\`${actual}\``).toBe(true);
    }
  });

  it('the pre-commit config uses hook ids that .pre-commit-hooks.yaml defines', () => {
    const [config] = yamlBlocks.filter((b) => b.text.includes('hooks:'));
    expect(config!.notRun).toBeDefined();
    const defined = (parseYaml(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string }>).map((h) => h.id);
    const used = (parseYaml(config!.text) as { repos: Array<{ hooks: Array<{ id: string }> }> }).repos.flatMap((r) => r.hooks.map((h) => h.id));
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(defined).toContain(id);
    expect(readme).toContain('[docs/git-hooks.md](docs/git-hooks.md)');
  });
});
