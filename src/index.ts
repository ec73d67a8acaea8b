/**
 * armdsc-lint's public API: lint template text or files with the built-in rules. The CLI is a
 * thin layer over lintFiles().
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyRuleEntries, recommendedSettings, type RuleEntry } from './config/rule-settings';
import {
  appendMessages,
  fatalMessage,
  INTERNAL_ERROR,
  lintFile,
  runCrossFilePhase,
  type FileOutcome,
  type LintMessage,
  type LintResult,
  type RuleSetting,
} from './engine';
import type { DocumentKind } from './model';
import { rules } from './registry';
import { packageVersion } from './package-info';
import type { CacheStrategy } from './runner/cache';
import { runFiles, type Concurrency } from './runner/run-files';

/** The cache file's name, in the cwd or in a directory given as the location. */
export const DEFAULT_CACHE_FILE = '.armdsclintcache';

export { ConfigError, parseRuleFlag, type RuleEntry } from './config/rule-settings';
export { FileError } from './files';
export { INTERNAL_ERROR } from './engine';
export type { Fix, LintMessage, LintResult, LintSuggestion, RuleMeta, RuleModule, SuppressedMessage, Suppression } from './engine';
export { builtInRules } from '../rules';
export { DOCS_BASE_URL, rules, rulesMeta } from './registry';
export type { Concurrency } from './runner/run-files';
export type { CacheStrategy } from './runner/cache';

export interface LintOptions {
  /** Rule entries over the recommended settings, e.g. `{ "dsc-sas-token": "off" }`. */
  rules?: Record<string, RuleEntry>;
  /** Compute fixed text: results carry `output` (unless lintFiles writes it, see writeFixes). */
  fix?: boolean;
  /** Attach each remaining message's fix to it. */
  includeFixes?: boolean;
  /** Base for relative patterns and for paths in messages; default process.cwd(). */
  cwd?: string;
  /** Put the stack of an internal error into its message. */
  debug?: boolean;
}

export interface LintFilesOptions extends LintOptions {
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

export interface SkippedFile {
  filePath: string;
  /** Named on the command line rather than found by a glob or directory. */
  explicit: boolean;
  documentKind: DocumentKind;
}

export interface LintReport {
  results: LintResult[];
  /** JSON files that are not deployment templates. */
  skipped: SkippedFile[];
}

function resolveSettings(options: LintOptions): Map<string, RuleSetting> {
  return applyRuleEntries(recommendedSettings(rules), rules, Object.entries(options.rules ?? {}));
}

/** Lint one template text. Undefined when the text is not a deployment template. */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResult | undefined {
  const filePath = options.filePath ?? '<text>';
  const outcome = lintFile({ text, filePath, rules, settings: resolveSettings(options), fix: options.fix, includeFixes: options.includeFixes, explicit: true, debug: options.debug });
  if (outcome.kind === 'skipped') return undefined;
  return finishRun([outcome], options.cwd ?? process.cwd()).results[0];
}

/** Lint the files matching `patterns` (files, directories, globs; none means every *.json and *.jsonc). */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<LintReport> {
  const cwd = options.cwd ?? process.cwd();
  const settings = resolveSettings(options);
  const settingsKey = JSON.stringify([...settings]);
  const outcomes = await runFiles(patterns, {
    cwd,
    rules,
    settingsFor: () => ({ settings, key: settingsKey }),
    process: { fix: options.fix ?? false, writeFixes: (options.fix ?? false) && (options.writeFixes ?? false), includeFixes: options.includeFixes ?? false, debug: options.debug ?? false },
    concurrency: options.concurrency ?? 'auto',
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern ?? true,
    cache: options.cache ? { location: cacheFile(cwd, options.cacheLocation), strategy: options.cacheStrategy ?? 'metadata', version: packageVersion() } : undefined,
    onCacheProblem: options.onCacheProblem,
  });
  return finishRun(outcomes, cwd);
}

/** ESLint's rule: a location that is a directory (or ends with a separator) holds `.armdsclintcache`. */
function cacheFile(cwd: string, location: string | undefined): string {
  const path = resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  if (location !== undefined && (/[\\/]$/.test(location) || isDirectory(path))) return join(path, DEFAULT_CACHE_FILE);
  return path;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The cross-file phase over every file's run facts; its messages join each file's result. */
function finishRun(outcomes: readonly FileOutcome[], cwd: string): LintReport {
  const linted = outcomes.filter((o): o is Extract<FileOutcome, { kind: 'linted' }> => o.kind === 'linted');
  const { messages, failures } = runCrossFilePhase(
    rules,
    linted.map((o) => ({ filePath: o.result.filePath, runFacts: o.runFacts })),
    cwd,
  );
  for (const { ruleId, error } of failures) {
    // The run's internal error is reported in the first file that took part in it.
    const first = linted.find((o) => Object.hasOwn(o.runFacts, ruleId));
    if (!first) continue;
    const detail = error instanceof Error ? error.message : String(error);
    const list: LintMessage[] = messages.get(first.result.filePath) ?? [];
    list.push(fatalMessage(INTERNAL_ERROR, ruleId, `Internal error in rule '${ruleId}' comparing the files of the run: ${detail}. This is a bug in armdsc-lint.`));
    messages.set(first.result.filePath, list);
  }
  return {
    results: linted.map((o) => appendMessages(o.result, messages.get(o.result.filePath) ?? [])),
    skipped: outcomes.flatMap((o) =>
      o.kind === 'skipped' ? [{ filePath: o.filePath, explicit: o.explicit, documentKind: o.documentKind }] : [],
    ),
  };
}
