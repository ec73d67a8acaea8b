import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import type { FileOutcome, RuleModule, RuleSetting } from '../engine';
import { expandPatterns, FileError, replacesAnyOf, RunFileAccess, type FileTarget } from '../files';
import { LintCache, type CacheStrategy } from './cache';
import { referencedPaths } from './finish-run';
import { WorkerPool, workerScriptAvailable } from './pool';
import { processFile, type FileJob, type ProcessOptions } from './process-file';

/** `auto` uses worker threads only for runs this large, where starting them pays off. */
export const AUTO_CONCURRENCY_MIN_FILES = 200;
/** … and only on machines with this many cores. */
export const AUTO_CONCURRENCY_MIN_CORES = 3;

export type Concurrency = number | 'auto' | 'off';

/** The settings of one file, and a key that is equal exactly when two files' settings are. */
export interface FileSettings {
  settings: ReadonlyMap<string, RuleSetting>;
  key: string;
  /** The parameters file that gives this template its values, if any. */
  parameterFile?: FileJob['parameterFile'];
}

export interface RunFilesOptions {
  cwd: string;
  rules: ReadonlyMap<string, RuleModule>;
  /** `namedCount`: how many files were named on the command line (not found by a glob or folder). */
  settingsFor(path: string, namedCount: number): FileSettings;
  /** Files the configuration ignores; those named on the command line are reported as skipped. */
  isIgnored?(path: string): boolean;
  process: ProcessOptions;
  concurrency: Concurrency;
  errorOnUnmatchedPattern: boolean;
  /** Reuse the outcomes of unchanged files from this cache file. */
  cache?: { location: string; strategy: CacheStrategy; version: string };
  /** Told when the cache file could not be written (the run's results stand). */
  onCacheProblem?(problem: string): void;
}

/** How many worker threads a run of `fileCount` files uses (0: lint in this thread). */
export function workerCount(concurrency: Concurrency, fileCount: number): number {
  if (concurrency === 'off') return 0;
  const cores = availableParallelism();
  // Measured on 2 cores (bench/run.js): two workers beside the main thread and V8's own GC threads
  // gained at most 1.2x and lost time when the machine was busy, so auto leaves a core free and
  // starts workers only with three cores or more.
  if (concurrency === 'auto') return fileCount >= AUTO_CONCURRENCY_MIN_FILES && cores >= AUTO_CONCURRENCY_MIN_CORES && workerScriptAvailable() ? Math.min(cores - 1, 4) : 0;
  // Each worker is a V8 heap of its own (tens of MB before its first file): `--concurrency 10000` must not exhaust memory.
  return Math.min(concurrency, fileCount, maxWorkers());
}

/** The most worker threads a run starts: one per core, and at least 16 so that a small machine can still try more. */
export function maxWorkers(): number {
  return Math.max(availableParallelism(), 16);
}

/**
 * Expand the patterns and process every file, in this thread or in worker threads; the outcomes
 * come back in the order of the sorted paths either way.
 */
export async function runFiles(patterns: readonly string[], options: RunFilesOptions): Promise<FileOutcome[]> {
  const found = expandPatterns(patterns, options.cwd, { errorOnUnmatchedPattern: options.errorOnUnmatchedPattern });
  const ignored: FileOutcome[] = [];
  const targets = found.filter((target) => {
    if (!options.isIgnored?.(target.path)) return true;
    if (target.explicit) ignored.push({ kind: 'skipped', filePath: target.path, explicit: true, documentKind: 'ignored' });
    return false;
  });
  // The cache file is replaced at the end of the run: it must not be one of the files found (linted or ignored).
  if (options.cache && replacesAnyOf(options.cache.location, found.map((target) => target.path))) {
    throw new FileError(`Cannot keep the cache in ${relative(options.cwd, options.cache.location)}: it is a file this run lints`);
  }
  const cache = options.cache && LintCache.open(options.cache.location, options.cache.strategy, options.cache.version);
  const processKey = JSON.stringify([options.process]);
  const namedCount = targets.filter((target) => target.explicit).length;
  const jobs = targets.map((target) => {
    const { settings, key, parameterFile } = options.settingsFor(target.path, namedCount);
    const job: FileJob = parameterFile ? { target, parameterFile } : { target };
    const cacheKey = `${key}|${processKey}|${target.explicit}|${parameterFile?.path ?? ''}`;
    return { job, settings, key, cacheKey, outcome: cache?.lookup(target.path, cacheKey) };
  });
  const toLint = jobs.filter((entry) => !entry.outcome);
  const workers = workerCount(options.concurrency, toLint.length);
  let linted: FileOutcome[];
  if (workers === 0) {
    const files = new RunFileAccess();
    linted = toLint.map((entry) => processFile(entry.job, options.rules, entry.settings, options.process, files));
  } else {
    const pool = new WorkerPool(workers, options.process);
    try {
      linted = await Promise.all(toLint.map((entry) => pool.process(entry.job, entry.key, entry.settings)));
    } finally {
      await pool.close();
    }
  }
  toLint.forEach((entry, i) => {
    entry.outcome = linted[i];
    cache?.store(entry.job.target.path, entry.cacheKey, linted[i]!);
  });
  const outcomes = [...jobs.map((entry) => entry.outcome!), ...ignored];
  if (cache) {
    // Known only now: a template may have read the cache's path as its parameters file or DSC archive.
    const read = replacesAnyOf(cache.location, referencedPaths(outcomes));
    const problem = read ? `${relative(options.cwd, cache.location)} is a file this run reads (a parameters file or DSC archive)` : cache.save();
    if (problem) options.onCacheProblem?.(problem);
  }
  return outcomes;
}

export type { FileTarget };
