import { arch, platform, release } from 'node:os';
import { basename, relative, resolve } from 'node:path';
import { cacheFilePath, ConfigError, configResolver, FileError, FIX_TYPES, INTERNAL_ERROR, lintFiles, lintText, parseRuleFlag, rules, rulesMeta, type CacheStrategy, type Concurrency, type FixType, type UnusedDirectivesSetting, type LintFilesOptions, type LintReport, type LintResult, type RuleEntry } from '../index';
import { isDirectory, MAX_FILE_SIZE, replacesAnyOf, RunFileAccess, tooLarge, writeReportFile, writesThrough } from '../files';
import { CONFIG_FILE_NAMES } from '../config/config-file';
import { severityOf } from '../config/rule-settings';
import { readParameterFile } from '../files/parameter-file';
import { ParameterPairing } from '../runner/parameter-pairing';
import { maxWorkers } from '../runner/run-files';
import { fileProblem, FIX_NOT_WRITTEN, memoryShortfall, NOT_ENOUGH_MEMORY, UNREADABLE } from '../runner/process-file';
import { appendMessages, fatalOutcome } from '../engine';
import { decodeBytes, decodesExactly, encodeText, encodingName, type TextEncodingInfo } from '../parse';
import { FORMAT_NAMES, FormatterError, FormatterFailed, loadFormatter } from '../formatters';
import { packageRoot, packageVersion } from '../package-info';
import { helpText, parseArguments, UsageError, type ParsedOptions } from './arguments';

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** stdout is a terminal (colour is then on by default). */
  isTTY: boolean;
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  /** The bytes piped in, for --stdin: all of them, or the first `limit` and more (reading stops there). */
  readStdin?(limit: number): Promise<Uint8Array>;
  /** Copy what readStdin left unread to standard output, unchanged. */
  copyRestOfStdin?(): Promise<void>;
}

/** What --stdin read: its bytes (only the first of them when `complete` is false), and how they decoded. */
interface StdinInput {
  bytes: Uint8Array;
  complete: boolean;
  encoding?: TextEncodingInfo;
}

const SKIP_NOTE: Record<string, string> = {
  parameters: 'a deployment parameters file',
  other: 'not a deployment template',
  ignored: 'ignored by the configuration (ignores or --ignore-pattern; --no-ignore lints it)',
};

/** What a formatter writes to: standard output, or a file. */
interface Output {
  format: string;
  file: string | undefined;
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return -1;
  if (!/^(-1|\d+)$/.test(value)) throw new UsageError(`--max-warnings takes a whole number of warnings (or -1 for no limit), not '${value}'`);
  return Number(value);
}

/** --report-unused-disable-directives (errors) or --report-unused-disable-directives-severity, as in ESLint. */
function unusedDirectivesSetting(options: ParsedOptions): UnusedDirectivesSetting {
  const severity = options['report-unused-disable-directives-severity'] as string | undefined;
  if (severity === undefined) return options['report-unused-disable-directives'] === true;
  if (options['report-unused-disable-directives'] === true) {
    throw new UsageError('--report-unused-disable-directives and --report-unused-disable-directives-severity cannot be used together');
  }
  const level = severityOf(severity);
  if (level === undefined) throw new UsageError(`--report-unused-disable-directives-severity takes off, warn or error (or 0, 1, 2), not '${severity}'`);
  return level;
}

function parseFixTypes(values: string[] | undefined): FixType[] | undefined {
  if (values === undefined) return undefined;
  const types = values.flatMap((value) => value.split(',')).map((type) => type.trim());
  const wrong = types.find((type) => !(FIX_TYPES as readonly string[]).includes(type));
  if (wrong !== undefined) throw new UsageError(`--fix-type takes ${FIX_TYPES.join(', ')} (comma-separated or repeated), not '${wrong}'`);
  return types as FixType[];
}

function parseConcurrency(value: string | undefined, io: CliIo): Concurrency {
  if (value === undefined || value === 'auto' || value === 'off') return value ?? 'auto';
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--concurrency takes a number of worker threads, 'auto' or 'off', not '${value}'`);
  const most = maxWorkers();
  if (Number(value) > most) io.stderr(`armdsc-lint: warning: --concurrency ${value} is more worker threads than a run starts here (one per core, at least 16): using ${most}\n`);
  return Number(value);
}

function parseCacheStrategy(value: string | undefined): CacheStrategy {
  if (value === undefined || value === 'metadata' || value === 'content') return value ?? 'metadata';
  throw new UsageError(`--cache-strategy is 'metadata' or 'content', not '${value}'`);
}

/**
 * The outputs: each `--format name=file` writes to its file; the last plain `--format name`
 * (ESLint: the last one wins) goes to standard output, or to --output-file. stylish by default.
 */
function outputsOf(options: ParsedOptions): Output[] {
  const specs = (options.format as string[] | undefined) ?? [];
  const files: Output[] = [];
  let terminal = 'stylish';
  for (const spec of specs) {
    const equals = spec.indexOf('=');
    // A Windows drive letter or a path with '=' in a folder is not name=file: only a known name before '='.
    if (equals > 0 && FORMAT_NAMES.includes(spec.slice(0, equals))) files.push({ format: spec.slice(0, equals), file: spec.slice(equals + 1) });
    else terminal = spec;
  }
  for (const output of files) if (!output.file) throw new UsageError(`--format ${output.format}= needs a file name after '='`);
  return [{ format: terminal, file: options['output-file'] as string | undefined }, ...files];
}

function ruleEntries(flags: readonly string[]): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const flag of flags) for (const [id, entry] of parseRuleFlag(flag)) entries[id] = entry;
  return entries;
}

/** NO_COLOR wins, then --color/--no-color, then FORCE_COLOR, then whether stdout is a terminal. */
function useColor(options: ParsedOptions, io: CliIo, file: string | undefined): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (file !== undefined) return false;
  if (typeof options.color === 'boolean') return options.color;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.isTTY;
}

function lintOptions(options: ParsedOptions, io: CliIo, includeFixes: boolean): LintFilesOptions {
  return {
    cwd: io.cwd,
    rules: ruleEntries((options.rule as string[] | undefined) ?? []),
    configFile: options.config as string | undefined,
    configLookup: options['config-lookup'] !== false,
    ignorePatterns: (options['ignore-pattern'] as string[] | undefined) ?? [],
    ignore: options.ignore !== false,
    parameters: (options.parameters as string[] | undefined) ?? [],
    quiet: options.quiet === true,
    fix: options.fix === true || options['fix-dry-run'] === true,
    fixTypes: parseFixTypes(options['fix-type'] as string[] | undefined),
    writeFixes: options.fix === true && options.stdin !== true,
    includeFixes,
    inlineConfig: options['inline-config'] !== false,
    reportUnusedDisableDirectives: unusedDirectivesSetting(options),
    concurrency: parseConcurrency(options.concurrency as string | undefined, io),
    errorOnUnmatchedPattern: options['error-on-unmatched-pattern'] !== false,
    cache: options.cache === true,
    cacheLocation: options['cache-location'] as string | undefined,
    cacheStrategy: parseCacheStrategy(options['cache-strategy'] as string | undefined),
    onCacheProblem: (problem) => io.stderr(`armdsc-lint: warning: the cache was not saved: ${problem}\n`),
    debug: options.debug === true,
  };
}

/** --stdin: one template from standard input, linted as the file --stdin-filename names. */
async function lintStdin(options: ParsedOptions, io: CliIo, lint: LintFilesOptions): Promise<{ report: LintReport; input: StdinInput }> {
  if (!io.readStdin) throw new UsageError('--stdin: no standard input to read');
  const name = (options['stdin-filename'] as string | undefined) ?? '<stdin>';
  const filePath = name === '<stdin>' ? name : resolve(io.cwd, name);
  /** Standard input not linted: one fatal message, and the bytes as read for --fix to print back. */
  const refused = (messageId: string, message: string, input: StdinInput) => ({ report: { results: [fatalOutcome(filePath, messageId, message).result], skipped: [], referencedPaths: [] }, input });
  const bytes = await io.readStdin(MAX_FILE_SIZE + 1);
  if (bytes.length > MAX_FILE_SIZE) return refused(UNREADABLE, `Cannot read standard input: ${tooLarge()}.`, { bytes, complete: false });
  const decoded = decodeBytes(bytes);
  // Standard input may be as large as a file, and running out of memory would end the run just the same.
  const shortfall = memoryShortfall(decoded.text.length);
  if (shortfall) return refused(NOT_ENOUGH_MEMORY, shortfall, { bytes, complete: true });

  // The config (and, for a named path, the files beside it) that would apply to a file at that path apply to the text.
  const resolved = configResolver(lint).resolve(name === '<stdin>' ? resolve(io.cwd, 'stdin.json') : filePath);
  const view = name === '<stdin>' ? undefined : new RunFileAccess().forFile();
  const files = view?.access;
  const pairing = files && new ParameterPairing(io.cwd, lint.parameters ?? []).fileFor(filePath, 1, resolved.parameterFiles, resolved.pairParameterFiles);
  const parameters = pairing && files ? readParameterFile(files, pairing.path, pairing.shownAs) : undefined;
  const lintWith = (fix: boolean | undefined) => lintText(decoded.text, { ...lint, fix, filePath, settings: resolved.settings, files, parameterFile: parameters?.ok ? parameters.file : undefined });
  let result = lintWith(lint.fix);
  // As with a file: printing fixed text for bytes that do not decode exactly would change every byte that did not.
  if (result?.output !== undefined && options.fix === true && !decodesExactly(bytes, decoded)) {
    const unfixed = lintWith(false);
    result = unfixed && appendMessages(unfixed, [fileProblem(FIX_NOT_WRITTEN, `Fixes were not applied: standard input is not valid ${encodingName(decoded)}, and printing the fixed text would change its other bytes.`)]);
  }
  const input = { bytes, complete: true, encoding: decoded };
  const referencedPaths = (view?.dependencies() ?? []).map((dependency) => dependency.path);
  return { report: { results: result ? [result] : [], skipped: result ? [] : [{ filePath, explicit: true, documentKind: 'other' }], referencedPaths }, input };
}

/** --stdin --fix: standard output gets the bytes piped in, changed only where fixes applied (encoded as they were read). */
async function printFixedStdin(input: StdinInput, output: string | undefined, io: CliIo): Promise<void> {
  io.stdout(output !== undefined && input.encoding ? encodeText(output, input.encoding) : input.bytes);
  if (!input.complete) await io.copyRestOfStdin?.();
}

async function writeReports(report: LintReport, outputs: Output[], options: ParsedOptions, io: CliIo): Promise<void> {
  // `-o templates/main.json` would replace a template (or its parameters file, or a DSC archive) with the report.
  const inputs = [...report.results, ...report.skipped].map((file) => file.filePath);
  const configFile = options.config as string | undefined;
  for (const output of outputs) {
    if (output.file === undefined) continue;
    const path = resolve(io.cwd, output.file);
    if (replacesAnyOf(path, inputs)) throw new FileError(`Cannot write the report to ${output.file}: it is a file this run lints`);
    if (replacesAnyOf(path, report.referencedPaths)) throw new FileError(`Cannot write the report to ${output.file}: it is a file this run reads (a parameters file or DSC archive)`);
    if (CONFIG_FILE_NAMES.includes(basename(path)) || (configFile !== undefined && replacesAnyOf(path, [resolve(io.cwd, configFile)]))) {
      throw new FileError(`Cannot write the report to ${output.file}: it is an armdsc-lint config file`);
    }
  }
  const formatters = await Promise.all(outputs.map((output) => loadFormatter(output.format, io.cwd)));
  const meta = rulesMeta();
  for (const [i, output] of outputs.entries()) {
    const text = await formatters[i]!(report.results, { cwd: io.cwd, color: useColor(options, io, output.file), rulesMeta: meta, version: packageVersion() });
    if (output.file !== undefined) {
      const written = writeReportFile(resolve(io.cwd, output.file), text);
      if (!written.ok) throw new FileError(`Cannot write ${output.file}: ${written.problem}`);
    } else if (text) {
      // With --stdin --fix, standard output carries the fixed text: the report goes to standard error.
      const write = options.stdin === true && options.fix === true ? io.stderr : io.stdout;
      write(text.endsWith('\n') ? text : `${text}\n`);
    }
  }
}

async function run(options: ParsedOptions, patterns: string[], io: CliIo): Promise<number> {
  if (options.fix && options['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (options['fix-type'] !== undefined && !options.fix && !options['fix-dry-run']) throw new UsageError('--fix-type needs --fix or --fix-dry-run');
  if (patterns.includes('-') && options.stdin !== true) throw new UsageError("'-' (standard input) needs --stdin; a file named '-' can be given as ./-");
  if (options.stdin === true && patterns.some((p) => p !== '-')) throw new UsageError('--stdin lints standard input: give no file patterns with it');
  if (options['stdin-filename'] !== undefined && options.stdin !== true) throw new UsageError('--stdin-filename needs --stdin');
  const maxWarnings = parseMaxWarnings(options['max-warnings'] as string | undefined);
  const outputs = outputsOf(options);
  // Two reports into one file (compared as a report replaces files): the second would silently replace the first.
  const written: Array<{ path: string; by: string }> = [];
  for (const output of outputs) {
    if (output.file === undefined) continue;
    const path = resolve(io.cwd, output.file);
    // A stream (/dev/null, a pipe) takes one report after the other.
    if (writesThrough(path)) continue;
    // Known before a long run, not after it.
    if (isDirectory(path)) throw new FileError(`Cannot write ${output.file}: it is a directory`);
    const earlier = written.find((other) => replacesAnyOf(path, [other.path]));
    if (earlier) throw new UsageError(`${earlier.by} and the ${output.format} format would both write ${output.file}: give each report its own file`);
    written.push({ path, by: output === outputs[0] ? '--output-file' : `the ${output.format} format` });
  }
  if (options.cache === true) {
    const cache = cacheFilePath(io.cwd, options['cache-location'] as string | undefined);
    const overCache = written.find((report) => replacesAnyOf(report.path, [cache]));
    if (overCache) throw new UsageError(`${overCache.by} would write the cache file ${relative(io.cwd, cache) || cache}: give the report another file`);
  }
  const includeFixes = outputs.some((o) => o.format === 'json' || o.format === 'sarif' || !FORMAT_NAMES.includes(o.format));
  const lint = lintOptions(options, io, includeFixes);

  if (options['print-config'] !== undefined) {
    const file = resolve(io.cwd, options['print-config'] as string);
    const resolver = configResolver(lint);
    const resolved = resolver.resolve(file);
    const severity = ['off', 'warn', 'error'];
    const printed = {
      configFiles: resolved.configFiles.map((path) => relative(io.cwd, path) || path),
      ignored: lint.ignore !== false && resolver.isIgnored(file),
      rules: Object.fromEntries([...resolved.settings].sort(([a], [b]) => a.localeCompare(b)).map(([id, setting]) => [id, [severity[setting.severity], ...setting.options]])),
      parameters: { files: resolved.parameterFiles.map((path) => relative(io.cwd, path)), pairing: resolved.pairParameterFiles },
    };
    io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
    return 0;
  }
  if (options['list-rules'] === true) {
    io.stdout(listRules(outputs[0]!.format === 'json'));
    return 0;
  }

  const stdin = options.stdin === true ? await lintStdin(options, io, lint) : undefined;
  const linted = stdin ? stdin.report : await lintFiles(patterns, lint);
  // --quiet: rules set to warn did not run; warnings of rules set to error are not shown either.
  const report = options.quiet === true ? { ...linted, results: linted.results.map(errorsOnly) } : linted;
  for (const skipped of report.skipped) {
    if (skipped.documentKind === 'ignored' && options['warn-ignored'] === false) continue;
    if (skipped.explicit) io.stderr(`armdsc-lint: skipped ${relative(io.cwd, skipped.filePath) || skipped.filePath}: ${SKIP_NOTE[skipped.documentKind]}\n`);
  }
  // --stdin --fix: the fixed text (or the input, when nothing was fixed) on standard output, as ESLint's --fix-dry-run gives it.
  if (stdin && options.fix === true) await printFixedStdin(stdin.input, report.results[0]?.output, io);
  await writeReports(report, outputs, options, io);

  if (hasInternalError(report.results)) {
    io.stderr('armdsc-lint: an internal error stopped some checks (see the messages above); this is a bug in armdsc-lint.\n');
    return 2;
  }
  if (options['exit-on-fatal-error'] === true && report.results.some((r) => r.fatalErrorCount > 0)) return 2;
  const errorCount = report.results.reduce((sum, r) => sum + r.errorCount, 0);
  const warningCount = report.results.reduce((sum, r) => sum + r.warningCount, 0);
  const tooManyWarnings = maxWarnings >= 0 && warningCount > maxWarnings;
  if (tooManyWarnings) io.stderr(`armdsc-lint found too many warnings (maximum: ${maxWarnings}).\n`);
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

function errorsOnly(result: LintResult): LintResult {
  if (result.warningCount === 0) return result;
  return { ...result, messages: result.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 };
}

function hasInternalError(results: readonly LintResult[]): boolean {
  return results.some((result) => result.messages.some((m) => m.messageId === INTERNAL_ERROR));
}

/** --list-rules: id, default severity, fixable, description (or the same as JSON). */
function listRules(asJson: boolean): string {
  const rows = [...rules.values()]
    .map(({ meta }) => ({
      id: meta.id,
      severity: meta.recommended === false ? 'off' : meta.severity === 'error' ? 'error' : 'warn',
      type: meta.type,
      fixable: meta.fixable === true,
      suggestions: meta.hasSuggestions === true,
      description: meta.docs.description,
      url: meta.docs.url,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (asJson) return `${JSON.stringify(rows, null, 2)}\n`;
  const width = Math.max(...rows.map((r) => r.id.length));
  return `${rows.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(5)}  ${r.fixable ? 'fix' : '   '}  ${r.description}`).join('\n')}\n`;
}

function envInfo(): string {
  return [`armdsc-lint: v${packageVersion()} (${packageRoot() ?? 'unknown location'})`, `Node.js: ${process.version}`, `OS: ${platform()} ${release()} ${arch()}`].join('\n') + '\n';
}

/**
 * Run the CLI. Returns the exit code: 0 clean (warnings within --max-warnings), 1 lint errors,
 * files that cannot be parsed or read, or too many warnings, 2 usage, configuration, path or
 * internal errors (after every result is reported).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const { options, patterns } = parseArguments(argv);
    if (options.help === true) {
      io.stdout(helpText());
      return 0;
    }
    if (options.version === true) {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    if (options['env-info'] === true) {
      io.stdout(envInfo());
      return 0;
    }
    return await run(options, patterns, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof FormatterError) {
      io.stderr(`armdsc-lint: ${error.message} (see armdsc-lint --help)\n`);
    } else if (error instanceof ConfigError || error instanceof FileError || error instanceof FormatterFailed) {
      io.stderr(`armdsc-lint: ${error.message}\n`);
      if (debug && error.cause instanceof Error) io.stderr(`${error.cause.stack}\n`);
    } else {
      io.stderr(`armdsc-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (debug && error instanceof Error) io.stderr(`${error.stack}\n`);
    }
    return 2;
  }
}
