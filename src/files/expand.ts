import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { FileError } from './errors';

/** What is linted when no pattern is given. */
export const DEFAULT_PATTERNS = ['**/*.json', '**/*.jsonc'];
/** Never walked into. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface FileTarget {
  /** Absolute path. */
  path: string;
  /** Named on the command line (not found through a glob or a directory). */
  explicit: boolean;
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileError(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

async function globFiles(patterns: string[], cwd: string): Promise<string[]> {
  return glob(patterns, { cwd, absolute: true, dot: true, onlyFiles: true, expandDirectories: false, ignore: ALWAYS_IGNORED });
}

/**
 * Expand command-line patterns: a file is linted as named, a directory is searched for
 * `*.json`/`*.jsonc`, anything else is a glob (picomatch syntax) relative to `cwd`; no pattern
 * searches `cwd`. A path that does not exist, or a glob or directory without matches, is a
 * FileError.
 */
export async function expandPatterns(patterns: readonly string[], cwd: string): Promise<FileTarget[]> {
  const found = new Map<string, FileTarget>();
  const add = (path: string, explicit: boolean): void => {
    const existing = found.get(path);
    if (!existing || (explicit && !existing.explicit)) found.set(path, { path, explicit });
  };
  const addMatches = (pattern: string, matches: string[]): void => {
    if (matches.length === 0) throw new FileError(`No files match the pattern "${pattern}".`);
    for (const path of matches) add(path, false);
  };
  if (patterns.length === 0) addMatches(DEFAULT_PATTERNS.join('", "'), await globFiles(DEFAULT_PATTERNS, cwd));
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const info = await statOrUndefined(absolute);
    if (info?.isFile()) add(absolute, true);
    else if (info?.isDirectory()) addMatches(pattern, await globFiles(DEFAULT_PATTERNS, absolute));
    else if (isDynamicPattern(pattern)) addMatches(pattern, await globFiles([pattern], cwd));
    else throw new FileError(`No such file or directory: ${pattern}`);
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
