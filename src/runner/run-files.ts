import { availableParallelism } from 'node:os';
import type { FileOutcome, RuleModule, RuleSetting } from '../engine';
import { expandPatterns, RunFileAccess, type FileTarget } from '../files';
import { LintCache, type CacheStrategy } from './cache';
import { WorkerPool, workerScriptAvailable } from './pool';
import { processFile, type ProcessOptions } from './process-file';

/** `auto` uses worker threads only for runs this large, where starting them pays off. */
export const AUTO_CONCURRENCY_MIN_FILES = 200;

export type Concurrency = number | 'auto' | 'off';

/** The settings of one file, and a key that is equal exactly when two files' settings are. */
export interface FileSettings {
  settings: ReadonlyMap<string, RuleSetting>;
  key: string;
}

export interface RunFilesOptions {
  cwd: string;
  rules: ReadonlyMap<string, RuleModule>;
  settingsFor(path: string): FileSettings;
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
  if (concurrency === 'auto') return fileCount >= AUTO_CONCURRENCY_MIN_FILES && cores > 1 && workerScriptAvailable() ? Math.min(cores, 4) : 0;
  return Math.min(concurrency, fileCount);
}

/**
 * Expand the patterns and process every file, in this thread or in worker threads; the outcomes
 * come back in the order of the sorted paths either way.
 */
export async function runFiles(patterns: readonly string[], options: RunFilesOptions): Promise<FileOutcome[]> {
  const targets = await expandPatterns(patterns, options.cwd, { errorOnUnmatchedPattern: options.errorOnUnmatchedPattern });
  const cache = options.cache && LintCache.open(options.cache.location, options.cache.strategy, options.cache.version);
  const processKey = JSON.stringify([options.process.fix, options.process.includeFixes]);
  const jobs = targets.map((target) => {
    const { settings, key } = options.settingsFor(target.path);
    const cacheKey = `${key}|${processKey}|${target.explicit}`;
    return { target, settings, key, cacheKey, cached: cache?.lookup(target.path, cacheKey) };
  });
  const toLint = jobs.filter((job) => !job.cached);
  const workers = workerCount(options.concurrency, toLint.length);
  let linted: FileOutcome[];
  if (workers === 0) {
    const files = new RunFileAccess();
    linted = toLint.map((job) => processFile(job.target, options.rules, job.settings, options.process, files));
  } else {
    const pool = new WorkerPool(workers, options.process);
    try {
      linted = await Promise.all(toLint.map((job) => pool.process(job.target, job.key, job.settings)));
    } finally {
      await pool.close();
    }
  }
  toLint.forEach((job, i) => {
    job.cached = linted[i];
    cache?.store(job.target.path, job.cacheKey, linted[i]!);
  });
  const problem = cache?.save();
  if (problem) options.onCacheProblem?.(problem);
  return jobs.map((job) => job.cached!);
}

export type { FileTarget };
