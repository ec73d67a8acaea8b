import { availableParallelism } from 'node:os';
import type { FileOutcome, RuleModule, RuleSetting } from '../engine';
import { expandPatterns, RunFileAccess, type FileTarget } from '../files';
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
  const jobs = targets.map((target) => ({ target, ...options.settingsFor(target.path) }));
  const workers = workerCount(options.concurrency, jobs.length);
  if (workers === 0) {
    const files = new RunFileAccess();
    return jobs.map((job) => processFile(job.target, options.rules, job.settings, options.process, files));
  }
  const pool = new WorkerPool(workers, options.process);
  try {
    return await Promise.all(jobs.map((job) => pool.process(job.target, job.key, job.settings)));
  } finally {
    await pool.close();
  }
}

export type { FileTarget };
