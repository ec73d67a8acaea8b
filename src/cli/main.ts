import { relative, resolve } from 'node:path';
import yargs from 'yargs';
import { ConfigError, FileError, INTERNAL_ERROR, lintFiles, parseRuleFlag, rules, rulesMeta, type CacheStrategy, type Concurrency, type LintResult, type RuleEntry } from '../index';
import { writeReportFile } from '../files';
import { formatters } from '../formatters';
import { packageVersion } from '../package-info';

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** stdout is a terminal (colour is then on by default). */
  isTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

interface Arguments {
  patterns: string[];
  '--'?: string[];
  format: string;
  outputFile?: string;
  quiet: boolean;
  maxWarnings: number;
  rule: string[];
  fix: boolean;
  fixDryRun: boolean;
  color?: boolean;
  concurrency: Concurrency;
  errorOnUnmatchedPattern: boolean;
  cache: boolean;
  cacheLocation?: string;
  cacheStrategy: CacheStrategy;
  debug: boolean;
}

/** A mistake in how the CLI was called: one line on stderr, exit code 2. */
class UsageError extends Error {}

const DOCUMENT_KIND_NOTE: Record<string, string> = {
  parameters: 'a deployment parameters file',
  other: 'not a deployment template',
};

/** An option given once: yargs collects a repeated option into an array. */
function single(name: string, value: unknown): unknown {
  if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times; give it once`);
  return value;
}

function parseMaxWarnings(value: unknown): number {
  const text = String(single('max-warnings', value));
  if (!/^(-1|\d+)$/.test(text)) throw new UsageError(`--max-warnings takes a whole number of warnings (or -1 for no limit), not '${text}'`);
  return Number(text);
}

function parseConcurrency(value: unknown): Concurrency {
  const text = String(single('concurrency', value));
  if (text === 'auto' || text === 'off') return text;
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--concurrency takes a number of worker threads, 'auto' or 'off', not '${text}'`);
  return Number(text);
}

function buildParser(version: string) {
  return yargs()
    .scriptName('armdsc-lint')
    .parserConfiguration({ 'populate--': true })
    .command(
      '$0 [patterns..]',
      'Lint Azure Resource Manager templates for PowerShell DSC extension mistakes.\nPatterns are files, directories or globs; without any, every *.json and *.jsonc below the current directory.',
      (command) => command.positional('patterns', { type: 'string', array: true, default: [] }),
    )
    .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Output format: ${Object.keys(formatters).join(', ')}`, coerce: (v: unknown) => single('format', v) })
    .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout', coerce: (v: unknown) => single('output-file', v) })
    .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only: rules set to warn do not run' })
    .option('max-warnings', { type: 'string', default: '-1', describe: 'Exit with code 1 when there are more warnings than this (-1: no limit)', coerce: parseMaxWarnings })
    // One value per --rule (an array option would swallow the patterns after it); repeats collect.
    .option('rule', {
      type: 'string',
      default: [],
      coerce: (value: string | string[]) => (Array.isArray(value) ? value : [value]),
      describe: 'Set a rule: id:off|warn|error, or id:["warn",{…options}] (repeatable)',
    })
    .option('fix', { type: 'boolean', default: false, describe: 'Fix problems and write the files' })
    .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Compute fixes without writing them (see them with --format json)' })
    .option('color', { type: 'boolean', describe: 'Force colour on or off (--no-color); NO_COLOR always turns it off' })
    .option('concurrency', { type: 'string', default: 'auto', describe: 'Worker threads: a number, auto (only for large runs) or off', coerce: parseConcurrency })
    .option('cache', { type: 'boolean', default: false, describe: 'Reuse the results of unchanged files from the last run' })
    .option('cache-location', { type: 'string', describe: 'The cache file, or a directory for .armdsclintcache (default: .armdsclintcache)', coerce: (v: unknown) => single('cache-location', v) })
    .option('cache-strategy', { type: 'string', choices: ['metadata', 'content'], default: 'metadata', describe: 'A file is unchanged when its size and time, or its content, are', coerce: (v: unknown) => single('cache-strategy', v) })
    .option('error-on-unmatched-pattern', { type: 'boolean', default: true, describe: 'A pattern that matches no file is an error (--no-error-on-unmatched-pattern)' })
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of internal errors' })
    .strict()
    .version(version)
    .help()
    .alias('help', 'h')
    .wrap(100)
    .exitProcess(false);
}

/** Parse argv; `output` is set when yargs answered by itself (--help, --version). */
async function parseArguments(argv: readonly string[]): Promise<{ args?: Arguments; output?: string }> {
  const parser = buildParser(packageVersion());
  return new Promise((resolvePromise, reject) => {
    void parser.parse([...argv], {}, (error: Error | undefined, parsed: Record<string, unknown>, output: string) => {
      if (error) reject(error instanceof UsageError ? error : new UsageError(error.message));
      else if (output) resolvePromise({ output });
      else resolvePromise({ args: parsed as unknown as Arguments });
    });
  });
}

function ruleEntries(flags: readonly string[]): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const flag of flags) {
    const [id, entry] = parseRuleFlag(flag);
    entries[id] = entry;
  }
  return entries;
}

/**
 * --quiet, as in ESLint 9: rules set to warn do not run at all (so --fix fixes errors only), and
 * warnings are neither shown nor counted.
 */
function withoutWarnRules(entries: Record<string, RuleEntry>): Record<string, RuleEntry> {
  const quiet: Record<string, RuleEntry> = { ...entries };
  for (const [id, rule] of rules) {
    const entry = Object.hasOwn(entries, id) ? entries[id] : rule.meta.severity;
    const severity = Array.isArray(entry) ? entry[0] : entry;
    if (severity === 'warn' || severity === 1 || severity === '1') quiet[id] = 'off';
  }
  return quiet;
}

function useColor(args: Arguments, io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (args.outputFile !== undefined) return false;
  return args.color ?? io.isTTY;
}

/** The patterns: positionals, then every name after `--` (never an option there). */
function patternsOf(args: Arguments): string[] {
  return [...args.patterns, ...(args['--'] ?? []).map(String)];
}

/** yargs drops a bare '-' silently, which would lint the whole directory instead: refuse it first. */
function refuseBareDash(argv: readonly string[]): void {
  if (argv.includes('-')) throw new UsageError("'-' (standard input) needs --stdin; a file named '-' can be given as ./-");
}

async function run(args: Arguments, io: CliIo): Promise<number> {
  const formatter = Object.hasOwn(formatters, args.format) ? formatters[args.format] : undefined;
  if (!formatter) throw new UsageError(`Unknown format '${args.format}'. Formats: ${Object.keys(formatters).join(', ')}`);
  if (args.fix && args.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const patterns = patternsOf(args);
  const entries = ruleEntries(args.rule);

  const report = await lintFiles(patterns, {
    cwd: io.cwd,
    rules: args.quiet ? withoutWarnRules(entries) : entries,
    fix: args.fix || args.fixDryRun,
    writeFixes: args.fix,
    includeFixes: args.format === 'json' || args.format === 'sarif',
    concurrency: args.concurrency,
    errorOnUnmatchedPattern: args.errorOnUnmatchedPattern,
    cache: args.cache,
    cacheLocation: args.cacheLocation,
    cacheStrategy: args.cacheStrategy,
    onCacheProblem: (problem) => io.stderr(`armdsc-lint: warning: the cache was not saved: ${problem}\n`),
    debug: args.debug,
  });
  for (const skipped of report.skipped) {
    if (skipped.explicit) io.stderr(`armdsc-lint: skipped ${relative(io.cwd, skipped.filePath)}: ${DOCUMENT_KIND_NOTE[skipped.documentKind]}\n`);
  }

  const errorCount = report.results.reduce((sum, r) => sum + r.errorCount, 0);
  const warningCount = report.results.reduce((sum, r) => sum + r.warningCount, 0);
  const text = formatter(report.results, { cwd: io.cwd, color: useColor(args, io), rulesMeta: rulesMeta(), version: packageVersion() });
  if (args.outputFile !== undefined) {
    const written = writeReportFile(resolve(io.cwd, args.outputFile), text);
    if (!written.ok) throw new FileError(`Cannot write ${args.outputFile}: ${written.problem}`);
  } else if (text) {
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  if (hasInternalError(report.results)) {
    io.stderr('armdsc-lint: an internal error stopped some checks (see the messages above); this is a bug in armdsc-lint.\n');
    return 2;
  }
  const tooManyWarnings = args.maxWarnings >= 0 && warningCount > args.maxWarnings;
  if (tooManyWarnings) io.stderr(`armdsc-lint found too many warnings (maximum: ${args.maxWarnings}).\n`);
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

function hasInternalError(results: readonly LintResult[]): boolean {
  return results.some((result) => result.messages.some((m) => m.messageId === INTERNAL_ERROR));
}

/**
 * Run the CLI. Returns the exit code: 0 clean (warnings within --max-warnings), 1 lint errors,
 * files that cannot be parsed or read, or too many warnings, 2 usage, configuration, path or
 * internal errors (after every result is reported).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    refuseBareDash(argv);
    const { args, output } = await parseArguments(argv);
    if (!args) {
      io.stdout(`${output}\n`);
      return 0;
    }
    debug = args.debug;
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof FileError) {
      const hint = error instanceof UsageError ? ' (see armdsc-lint --help)' : '';
      io.stderr(`armdsc-lint: ${error.message}${hint}\n`);
    } else {
      io.stderr(`armdsc-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (debug && error instanceof Error) io.stderr(`${error.stack}\n`);
    }
    return 2;
  }
}
