import { dirname, join, resolve } from 'node:path';
import type { FileAccess } from '../../../src/engine';

/** The git working tree a template is in, and the GitHub repositories its remotes name. */
export interface Repository {
  root: string;
  /** `owner/name`, lower-cased (GitHub compares them case-insensitively). */
  gitHubRemotes: ReadonlySet<string>;
}

const utf8 = new TextDecoder();

/** `https://github.com/o/r(.git)`, `git@github.com:o/r(.git)`, `ssh://git@github.com/o/r`. */
const GITHUB_REMOTE = /github\.com[/:]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/i;

function readText(files: FileAccess, path: string): string | undefined {
  const read = files.readFile(path);
  return read.ok ? utf8.decode(read.bytes) : undefined;
}

/** The config file of the repository whose `.git` is at `gitPath`: a directory, or a worktree's `gitdir:` file. */
function configPath(files: FileAccess, gitPath: string): string | undefined {
  if (files.isDirectory(gitPath)) return join(gitPath, 'config');
  const pointer = readText(files, gitPath)?.match(/^gitdir:\s*(.+?)\s*$/m)?.[1];
  if (pointer === undefined) return undefined;
  const gitDir = resolve(dirname(gitPath), pointer);
  // A linked worktree's git dir names the main repository's in `commondir`; the remotes are there.
  const common = readText(files, join(gitDir, 'commondir'))?.trim();
  return join(common ? resolve(gitDir, common) : gitDir, 'config');
}

function gitHubRemotes(config: string | undefined): Set<string> {
  const remotes = new Set<string>();
  for (const [, url] of (config ?? '').matchAll(/^\s*url\s*=\s*(.+?)\s*$/gm)) {
    const match = GITHUB_REMOTE.exec(url!);
    if (match) remotes.add(`${match[1]}/${match[2]}`.toLowerCase());
  }
  return remotes;
}

/**
 * The repository holding `folder`: the nearest folder at or above it with a `.git`. Not memoised:
 * each template reads the files itself, so they are its dependencies (the reads are cached).
 */
export function repositoryOf(files: FileAccess, folder: string): Repository | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const gitPath = join(current, '.git');
    const config = configPath(files, gitPath);
    if (config !== undefined) return { root: current, gitHubRemotes: gitHubRemotes(readText(files, config)) };
    if (dirname(current) === current) return undefined;
  }
}
