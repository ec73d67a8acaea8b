// Synchronous calls: a run waits for each answer anyway, and node:fs/promises costs start-up time.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as Tinyglobby from 'tinyglobby';
import { FileError } from './errors';

/** What is linted when no pattern is given. */
export const DEFAULT_PATTERNS = ['**/*.json', '**/*.jsonc'];
/** Never walked into. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** How many folders below the folder a search starts in it goes: deeper ones are reported, not searched. */
export const MAX_FOLDER_DEPTH = 256;

export interface FileTarget {
  /** Absolute path. */
  path: string;
  /** Named on the command line (not found through a glob or a directory). */
  explicit: boolean;
  /** A folder the search did not enter: it lies more than MAX_FOLDER_DEPTH folders down. */
  tooDeep?: true;
}

/** `missing` when nothing is there; `unreadable` when something is but cannot be examined. */
function statOf(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A name longer than the file system allows cannot be there either.
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' ? 'missing' : 'unreadable';
  }
}

/** One target per file: two paths to the same file (a symlink, a linked directory) count once. */
function identityOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    // A dangling link or an unreadable path: reading it will say why.
    return path;
  }
}

/** tinyglobby, loaded when a directory or glob is searched: naming files needs no globber. */
function globber(): typeof Tinyglobby {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  return require('tinyglobby') as typeof Tinyglobby;
}

/**
 * The listing the globber walks with. Each directory is listed once (known by device and inode),
 * however many symbolic links lead to it, so no set of links makes the walk longer than the tree
 * it spans: not a loop, and not links that fan out and meet again (n such links make 2^n paths).
 * Linux's /proc and /sys are not listed: they hold no templates, and /proc links back to every
 * folder. A link is listed as what it leads to (a dangling one not at all), so the globber never
 * follows links itself: its loop check took a link to d10 inside one to d1 for a loop. Entries
 * come sorted, so the path a directory is first reached by does not depend on the file system.
 */
function listingEachDirectoryOnce(onTooDeep: (folder: string) => void): Tinyglobby.FileSystemAdapter {
  const listed = new Set<string>();
  const kernelDevices = new Set(['/proc', '/sys'].map((path) => identityOfFolder(path)?.dev));
  // The globber walks one level deeper per call (it recurses): the first folder listed is where it starts.
  let startDepth: number | undefined;
  const list = (folder: string): Dirent[] => {
    const depth = folder.split(/[\\/]/).filter(Boolean).length;
    startDepth ??= depth;
    if (depth - startDepth > MAX_FOLDER_DEPTH) {
      onTooDeep(folder.replace(/[\\/]+$/, ''));
      return [];
    }
    const identity = identityOfFolder(folder);
    if (!identity || listed.has(identity.key) || kernelDevices.has(identity.dev)) return [];
    listed.add(identity.key);
    const entries: Dirent[] = [];
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const shown = entry.isFile() || entry.isDirectory() ? entry : asFileOrDirectory(entry, join(folder, entry.name));
      if (shown) entries.push(shown);
    }
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
  return { readdirSync: list as unknown as typeof readdirSync };
}

/** Device and inode of a folder (exact, as bigints: Windows file ids exceed 2^53); one stat, however deep the path. */
function identityOfFolder(path: string): { dev: bigint; key: string } | undefined {
  try {
    const { dev, ino } = statSync(path, { bigint: true });
    return { dev, key: `${dev}:${ino}` };
  } catch {
    return undefined;
  }
}

/**
 * A link's entry as a directory, or as a file when it leads to anything else; undefined when it
 * leads nowhere. A FIFO, socket or device is a file too: the globber would leave it out, and
 * reading it says what it is (as for one that is named).
 */
function asFileOrDirectory(entry: Dirent, path: string): Dirent | undefined {
  let directory = false;
  if (entry.isSymbolicLink()) {
    try {
      directory = statSync(path).isDirectory();
    } catch {
      return undefined;
    }
  }
  return Object.assign(Object.create(Object.getPrototypeOf(entry) as object) as Dirent, entry, {
    isDirectory: () => directory,
    isFile: () => !directory,
    isSymbolicLink: () => false,
  });
}

/** The files matching `patterns`, and the folders too deep to search. */
function globFiles(patterns: string[], cwd: string): { files: string[]; tooDeep: string[] } {
  const tooDeep: string[] = [];
  const fs = listingEachDirectoryOnce((folder) => tooDeep.push(folder));
  const files = globber().globSync(patterns, { cwd, absolute: true, dot: true, onlyFiles: true, expandDirectories: false, ignore: ALWAYS_IGNORED, followSymbolicLinks: false, fs });
  return { files, tooDeep };
}

/**
 * Expand command-line patterns: a file (or anything else that is not a directory: reading it
 * will say what it is) is linted as named, a directory is searched for `*.json`/`*.jsonc`,
 * anything else is a glob (picomatch syntax) relative to `cwd`; no pattern searches `cwd`. A
 * path that does not exist, or a glob or directory without matches, is a FileError unless
 * `errorOnUnmatchedPattern` is false. Paths to the same file are linted once, under the first.
 */
export function expandPatterns(
  patterns: readonly string[],
  cwd: string,
  options: { errorOnUnmatchedPattern?: boolean } = {},
): FileTarget[] {
  const errorOnUnmatched = options.errorOnUnmatchedPattern ?? true;
  const found = new Map<string, FileTarget>();
  const add = (path: string, explicit: boolean): void => {
    const existing = found.get(path);
    if (!existing || (explicit && !existing.explicit)) found.set(path, { path, explicit });
  };
  const addMatches = (pattern: string, { files, tooDeep }: ReturnType<typeof globFiles>): void => {
    if (files.length === 0 && tooDeep.length === 0 && errorOnUnmatched) throw new FileError(`No files match the pattern "${pattern}".`);
    for (const path of files) add(path, false);
    for (const path of tooDeep) found.set(path, { path, explicit: false, tooDeep: true });
  };
  if (patterns.length === 0) addMatches(DEFAULT_PATTERNS.join('", "'), globFiles(DEFAULT_PATTERNS, cwd));
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const info = statOf(absolute);
    if (info === 'unreadable' || (typeof info === 'object' && !info.isDirectory())) add(absolute, true);
    else if (typeof info === 'object') addMatches(pattern, globFiles(DEFAULT_PATTERNS, absolute));
    else if (globber().isDynamicPattern(pattern)) addMatches(pattern, globFiles([pattern], cwd));
    else if (errorOnUnmatched) throw new FileError(`No such file or directory: ${pattern}`);
  }
  const sorted = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byIdentity = new Map<string, FileTarget>();
  for (const target of sorted) {
    const identity = identityOf(target.path);
    const first = byIdentity.get(identity);
    if (!first) byIdentity.set(identity, target);
    else if (target.explicit) first.explicit = true;
  }
  return [...byIdentity.values()];
}
