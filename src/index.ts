/**
 * armdsc-lint's public API: lint template text or files with the built-in rules. The CLI is a
 * thin layer over lintFiles().
 */
import { isDirectory } from './files';
import { join, resolve } from 'node:path';
import { applyRuleEntries, recommendedSettings, type RuleEntry } from './config/rule-settings';
import { ConfigResolver } from './config/resolve';
import { lintFile, type FileAccess, type FixType, type LintResult, type RuleSetting, type UnusedDirectivesSetting } from './engine';
import type { ParameterFileValues } from './model';
import { rules } from './registry';
import { packageVersion } from './package-info';
import type { CacheStrategy } from './runner/cache';
import { finishRun, type LintReport } from './runner/finish-run';
import { ParameterPairing } from './runner/parameter-pairing';
import { runFiles, type Concurrency } from './runner/run-files';

/** The cache file's name, in the cwd or in a directory given as the location. */
export const DEFAULT_CACHE_FILE = '.armdsclintcache';

export { ConfigError, parseRuleFlag, type RuleEntry } from './config/rule-settings';
export { FileError } from './files';
export { INTERNAL_ERROR } from './engine';
export { FIX_TYPES, type FixType, type UnusedDirectivesSetting } from './engine';
export type { Fix, LintMessage, LintResult, LintSuggestion, RuleMeta, RuleModule, SuppressedMessage, Suppression } from './engine';
export { builtInRules } from '../rules';
export { FORMAT_NAMES, FormatterError, FormatterFailed, loadFormatter, type Formatter, type FormatterContext } from './formatters';
export { DOCS_BASE_URL, rules, rulesMeta } from './registry';
export type { Concurrency } from './runner/run-files';
export type { LintReport, SkippedFile } from './runner/finish-run';
export { ConfigResolver, type ResolvedConfig } from './config/resolve';
export type { CacheStrategy } from './runner/cache';

export interface LintOptions {
  /** Rule entries over the recommended settings, e.g. `{ "dsc-sas-token": "off" }`. */
  rules?: Record<string, RuleEntry>;
  /** Compute fixed text: results carry `output` (unless lintFiles writes it, see writeFixes). */
  fix?: boolean;
  /** With `fix`: only the fixes of these types (rules' `meta.type`, or `directive`); default all. */
  fixTypes?: FixType[];
  /** Attach each remaining message's fix to it. */
  includeFixes?: boolean;
  /** Base for relative patterns and for paths in messages; default process.cwd(). */
  cwd?: string;
  /** Put the stack of an internal error into its message. */
  debug?: boolean;
  /** Honour suppression comments and metadata (false: --no-inline-config). Default true. */
  inlineConfig?: boolean;
  /** Report directives that silenced nothing: true or 'error', 'warn' (default false: not reported). */
  reportUnusedDisableDirectives?: UnusedDirectivesSetting;
}

export interface LintFilesOptions extends LintOptions {
  /** A config file that replaces the search for .armdsclintrc.json(c) files (--config). */
  configFile?: string;
  /** Search for config files from each file's folder upward (default true; false: --no-config-lookup). */
  configLookup?: boolean;
  /** Globs (relative to the cwd) of files not to lint (--ignore-pattern). */
  ignorePatterns?: string[];
  /** Honour `ignores` of config files and `ignorePatterns` (default true; false: --no-ignore). */
  ignore?: boolean;
  /** Parameters files giving templates their values, matched by name (--parameters). */
  parameters?: string[];
  /** Rules set to warn do not run (--quiet, as in ESLint 9). */
  quiet?: boolean;
  /**
   * With `fix`: write each file's fixes as soon as it is linted (safely: see README "Fixing"),
   * so no fixed text is kept; a refused write becomes a message of that file.
   */
  writeFixes?: boolean;
  /** Worker threads: a number, `auto` (default: only for large runs) or `off`. */
  concurrency?: Concurrency;
  /** A pattern that matches nothing is an error (default true), as in ESLint. */
  errorOnUnmatchedPattern?: boolean;
  /** Reuse the outcomes of unchanged files (see README "Cache"). */
  cache?: boolean;
  /** The cache file, or a directory to keep `.armdsclintcache` in (default: the cwd). */
  cacheLocation?: string;
  /** How a file counts as unchanged: same size and modification time, or same content. */
  cacheStrategy?: CacheStrategy;
  /** Told when the cache file could not be written; the results stand. */
  onCacheProblem?(problem: string): void;
}

function resolveSettings(options: LintOptions): Map<string, RuleSetting> {
  return applyRuleEntries(recommendedSettings(rules), rules, Object.entries(options.rules ?? {}));
}

/** Lint one template text (no config files, no file access). Undefined when it is not a deployment template. */
export function lintText(
  text: string,
  options: LintOptions & { filePath?: string; settings?: ReadonlyMap<string, RuleSetting>; files?: FileAccess; parameterFile?: ParameterFileValues } = {},
): LintResult | undefined {
  const filePath = options.filePath ?? '<text>';
  const outcome = lintFile({
    text,
    filePath,
    rules,
    settings: options.settings ?? resolveSettings(options),
    fix: options.fix,
    fixTypes: options.fixTypes,
    includeFixes: options.includeFixes,
    explicit: true,
    debug: options.debug,
    inlineConfig: options.inlineConfig,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    files: options.files,
    parameterFile: options.parameterFile,
  });
  if (outcome.kind === 'skipped') return undefined;
  return finishRun(rules, [outcome], options.cwd ?? process.cwd()).results[0];
}

/** The configuration lintFiles uses: config files, --rule entries, ignores, parameters files. */
export function configResolver(options: LintFilesOptions): ConfigResolver {
  return new ConfigResolver({
    cwd: options.cwd ?? process.cwd(),
    rules,
    configFile: options.configFile,
    lookup: options.configLookup ?? true,
    cliRules: Object.entries(options.rules ?? {}),
    ignorePatterns: options.ignorePatterns ?? [],
    dropWarnings: options.quiet,
  });
}

/** Lint the files matching `patterns` (files, directories, globs; none means every *.json and *.jsonc). */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<LintReport> {
  const cwd = options.cwd ?? process.cwd();
  const config = configResolver(options);
  const pairing = new ParameterPairing(cwd, options.parameters ?? []);
  const fix = options.fix ?? false;
  const outcomes = await runFiles(patterns, {
    cwd,
    rules,
    settingsFor: (path, namedCount) => {
      const resolved = config.resolve(path);
      const parameterFile = pairing.fileFor(path, namedCount, resolved.parameterFiles, resolved.pairParameterFiles);
      return { settings: resolved.settings, key: resolved.key, parameterFile };
    },
    isIgnored: options.ignore === false ? undefined : (path) => config.isIgnored(path),
    process: {
      fix,
      fixTypes: options.fixTypes,
      writeFixes: fix && (options.writeFixes ?? false),
      includeFixes: options.includeFixes ?? false,
      debug: options.debug ?? false,
      inlineConfig: options.inlineConfig ?? true,
      reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ?? false,
    },
    concurrency: options.concurrency ?? 'auto',
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern ?? true,
    cache: options.cache ? { location: cacheFilePath(cwd, options.cacheLocation), strategy: options.cacheStrategy ?? 'metadata', version: packageVersion() } : undefined,
    onCacheProblem: options.onCacheProblem,
  });
  return finishRun(rules, outcomes, cwd);
}

/**
 * The file a run with `--cache-location location` (or none) keeps its cache in. ESLint's rule: a
 * location that is a directory (or ends with a separator) holds `.armdsclintcache`.
 */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  const path = resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  if (location !== undefined && (/[\\/]$/.test(location) || isDirectory(path))) return join(path, DEFAULT_CACHE_FILE);
  return path;
}

