import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import yargs from 'yargs';
import { ConfigError, FileError, lintFiles, outputFixes, parseRuleFlag, RuleError, rulesMeta, type LintResult, type RuleEntry } from '../index';
import { formatters } from '../formatters';
import { packageVersion } from './version';

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
  format: string;
  outputFile?: string;
  quiet: boolean;
  maxWarnings: number;
  rule: string[];
  fix: boolean;
  fixDryRun: boolean;
  color?: boolean;
  debug: boolean;
}

/** A mistake in how the CLI was called: one line on stderr, exit code 2. */
class UsageError extends Error {}

const DOCUMENT_KIND_NOTE: Record<string, string> = {
  parameters: 'a deployment parameters file',
  other: 'not a deployment template',
};

function buildParser(version: string) {
  return yargs()
    .scriptName('armdsc-lint')
    .command(
      '$0 [patterns..]',
      'Lint Azure Resource Manager templates for PowerShell DSC extension mistakes.\nPatterns are files, directories or globs; without any, every *.json and *.jsonc below the current directory.',
      (command) => command.positional('patterns', { type: 'string', array: true, default: [] }),
    )
    .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Output format: ${Object.keys(formatters).join(', ')}` })
    .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
    .option('max-warnings', { type: 'number', default: -1, describe: 'Exit with code 1 when there are more warnings than this (-1: no limit)' })
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
      if (error) reject(new UsageError(error.message));
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

/** --quiet: warnings are neither shown nor counted in the report (they still count for --max-warnings). */
function errorsOnly(result: LintResult): LintResult {
  return { ...result, messages: result.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 };
}

function useColor(args: Arguments, io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (args.outputFile !== undefined) return false;
  return args.color ?? io.isTTY;
}

async function run(args: Arguments, io: CliIo): Promise<number> {
  const formatter = formatters[args.format];
  if (!formatter) throw new UsageError(`Unknown format '${args.format}'. Formats: ${Object.keys(formatters).join(', ')}`);
  if (args.fix && args.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');

  const report = await lintFiles(args.patterns, {
    cwd: io.cwd,
    rules: ruleEntries(args.rule),
    fix: args.fix || args.fixDryRun,
    includeFixes: args.format === 'json',
  });
  for (const skipped of report.skipped) {
    if (skipped.explicit) io.stderr(`armdsc-lint: skipped ${relative(io.cwd, skipped.filePath)}: ${DOCUMENT_KIND_NOTE[skipped.documentKind]}\n`);
  }
  if (args.fix) outputFixes(report);

  const errorCount = report.results.reduce((sum, r) => sum + r.errorCount, 0);
  const warningCount = report.results.reduce((sum, r) => sum + r.warningCount, 0);
  const shown = args.quiet ? report.results.map(errorsOnly) : report.results;
  const text = formatter(shown, { cwd: io.cwd, color: useColor(args, io), rulesMeta: rulesMeta(), version: packageVersion() });
  if (args.outputFile !== undefined) {
    const target = resolve(io.cwd, args.outputFile);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    } catch (error) {
      throw new FileError(`Cannot write ${args.outputFile}: ${(error as Error).message}`);
    }
  } else if (text) {
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  const tooManyWarnings = args.maxWarnings >= 0 && warningCount > args.maxWarnings;
  if (tooManyWarnings) io.stderr(`armdsc-lint found too many warnings (maximum: ${args.maxWarnings}).\n`);
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * Run the CLI. Returns the exit code: 0 clean (warnings within --max-warnings), 1 lint errors,
 * unparsable files or too many warnings, 2 usage, configuration, path or internal errors.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
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
      const detail = error instanceof RuleError || error instanceof Error ? error.message : String(error);
      io.stderr(`armdsc-lint: internal error: ${detail}\n`);
      if (debug && error instanceof Error) io.stderr(`${(error instanceof RuleError && error.cause instanceof Error ? error.cause : error).stack}\n`);
    }
    return 2;
  }
}
