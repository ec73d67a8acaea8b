/**
 * Workspaces on disk, for rules that read the files a template names (DSC archives and scripts):
 * a temporary folder laid out from text, with every archive built at test time by fflate's
 * zipSync (no test-built binary is committed). In a file list, a path that runs through
 * `<name>.zip/` is an entry of that archive; in a fixture folder, a folder `<name>.zip.d/` holds
 * the entries of `<name>.zip`. Every file gets the same modification time unless one is given,
 * so messages that compare times do not depend on the order files were written in.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { strToU8, zipSync } from 'fflate';

/** The time every workspace file has unless its `mtimeMs` says otherwise. */
export const WORKSPACE_TIME_MS = Date.UTC(2024, 0, 1);

export interface WorkspaceFile {
  /** Relative, with forward slashes; `DSC/Web.zip/Web.ps1` is the entry `Web.ps1` of `DSC/Web.zip`. */
  path: string;
  content: string | Uint8Array;
  /** For an archive entry, the time of the archive (the last one given wins). */
  mtimeMs?: number;
}

export interface Workspace {
  root: string;
  /** The absolute path of a workspace file. */
  path(relativePath: string): string;
  remove(): void;
}

const bytesOf = (content: string | Uint8Array): Uint8Array => (typeof content === 'string' ? strToU8(content) : content);

/**
 * Lay out `files` in a new temporary folder: a git working tree (its root holds an empty `.git`
 * folder) as a user's checkout is, unless `gitWorkingTree` is false.
 */
export function createWorkspace(files: readonly WorkspaceFile[], { gitWorkingTree = true } = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'armdsc-workspace-'));
  if (gitWorkingTree) mkdirSync(join(root, '.git'));
  const archives = new Map<string, { entries: Record<string, Uint8Array>; mtimeMs: number }>();
  const plain: Array<{ path: string; bytes: Uint8Array; mtimeMs: number }> = [];
  for (const file of files) {
    const mtimeMs = file.mtimeMs ?? WORKSPACE_TIME_MS;
    const archiveEnd = file.path.search(/\.zip\//i);
    if (archiveEnd < 0) {
      plain.push({ path: file.path, bytes: bytesOf(file.content), mtimeMs });
      continue;
    }
    const archivePath = file.path.slice(0, archiveEnd + '.zip'.length);
    const archive = archives.get(archivePath) ?? { entries: {}, mtimeMs };
    archive.entries[file.path.slice(archivePath.length + 1)] = bytesOf(file.content);
    if (file.mtimeMs !== undefined) archive.mtimeMs = file.mtimeMs;
    archives.set(archivePath, archive);
  }
  for (const [path, archive] of archives) plain.push({ path, bytes: zipSync(archive.entries), mtimeMs: archive.mtimeMs });
  for (const file of plain) {
    const target = join(root, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
    utimesSync(target, file.mtimeMs / 1000, file.mtimeMs / 1000);
  }
  return { root, path: (relativePath) => join(root, ...relativePath.split('/')), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The files of a fixture folder as a workspace's file list (`<name>.zip.d/` folders become archives). */
export function fixtureFiles(folder: string): WorkspaceFile[] {
  const files: WorkspaceFile[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push({ path: relative(folder, full).split(sep).join('/').replace(/\.zip\.d\//i, '.zip/'), content: readFileSync(full) });
    }
  };
  walk(folder);
  return files;
}
