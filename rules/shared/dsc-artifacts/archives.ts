/**
 * Configuration archives and scripts, read through the run's file access. An archive is opened
 * once per run however many extensions name it (memoised by path, size and modification time),
 * a script is decoded and scanned once, and only when a rule asks: listing an archive inflates
 * nothing.
 */
import { decodeScript, findEntry, normalizeEntryPath, openArchive, scanConfigurations } from '../../../src/artifacts';
import type { ArchiveEntry, ConfigurationDeclaration } from '../../../src/artifacts';
import type { FileAccess, ReadResult } from '../../../src/engine';

/** A decoded script; its Configurations are scanned on first use. */
export interface Script {
  text: string;
  configurations(): readonly ConfigurationDeclaration[];
}

/** `corrupt`: the entry is damaged; other problems (past our limits, unsupported method) are not findings. */
export type ScriptRead = { ok: true; script: Script } | { ok: false; corrupt: boolean; detail: string };

export interface OpenedArchive {
  kind: 'opened';
  path: string;
  mtimeMs: number;
  entries: readonly ArchiveEntry[];
  /** The entry inflated and decoded (once); a damaged entry gives the reason. */
  script(entry: ArchiveEntry): ScriptRead;
}

/**
 * A file where the archive should be: opened; `not-a-zip` (damaged, or not a zip at all); or
 * `unread` (past our size limits, or not readable here), which no rule reports.
 */
export type FoundArchive = OpenedArchive | { kind: 'not-a-zip'; path: string; detail: string } | { kind: 'unread'; path: string };

function scriptOf(text: string): Script {
  let configurations: readonly ConfigurationDeclaration[] | undefined;
  return { text, configurations: () => (configurations ??= scanConfigurations(text)) };
}

function open(path: string, read: Extract<ReadResult, { ok: true }>): FoundArchive {
  const opened = openArchive(read.bytes);
  if (!opened.ok) return opened.problem === 'corrupt' ? { kind: 'not-a-zip', path, detail: opened.detail } : { kind: 'unread', path };
  const scripts = new Map<ArchiveEntry, ScriptRead>();
  const script = (entry: ArchiveEntry): ScriptRead => {
    let result = scripts.get(entry);
    if (!result) {
      const bytes = opened.readEntry(entry);
      result = bytes.ok ? { ok: true, script: scriptOf(decodeScript(bytes.bytes).text) } : { ok: false, corrupt: bytes.problem === 'corrupt', detail: bytes.detail };
      scripts.set(entry, result);
    }
    return result;
  };
  return { kind: 'opened', path, mtimeMs: read.mtimeMs, entries: opened.entries, script };
}

/** The first candidate that is a file, opened; undefined when there is none. */
export function findArchive(files: FileAccess, candidates: readonly string[]): FoundArchive | undefined {
  for (const path of candidates) {
    const read = files.readFile(path);
    if (read.ok) return files.memo(`dsc-artifacts:archive:${path}:${read.bytes.length}:${read.mtimeMs}`, () => open(path, read));
    if (read.problem !== 'missing' && read.problem !== 'not-a-file') return { kind: 'unread', path };
  }
  return undefined;
}

/**
 * The script entry the DSC extension runs: at the archive's root (entry names compared
 * case-insensitively, as on Windows). When it is not there: the entries of that name under a
 * folder, else the scripts that are at the root.
 */
export type RootScript = { kind: 'found'; entry: ArchiveEntry } | { kind: 'in-folder'; paths: string[] } | { kind: 'absent'; rootScripts: string[] };

export function rootScript(archive: OpenedArchive, name: string): RootScript {
  const wanted = normalizeEntryPath(name);
  const entry = findEntry(archive.entries, wanted);
  if (entry) return { kind: 'found', entry };
  const files = archive.entries.filter((candidate) => !candidate.isDirectory);
  const baseName = wanted.slice(wanted.lastIndexOf('/') + 1).toLowerCase();
  const inFolder = files.filter((candidate) => candidate.path.toLowerCase().endsWith(`/${baseName}`)).map((candidate) => candidate.path);
  if (inFolder.length > 0) return { kind: 'in-folder', paths: inFolder };
  return { kind: 'absent', rootScripts: files.filter((candidate) => !candidate.path.includes('/') && /\.ps1$/i.test(candidate.path)).map((candidate) => candidate.path) };
}

export interface ScriptFile {
  path: string;
  mtimeMs: number;
  script: Script;
}

/** A script file on disk (beside an archive), decoded once per run; undefined when there is none. */
export function readScriptFile(files: FileAccess, path: string): ScriptFile | undefined {
  const read = files.readFile(path);
  if (!read.ok) return undefined;
  const script = files.memo(`dsc-artifacts:script:${path}:${read.bytes.length}:${read.mtimeMs}`, () => scriptOf(decodeScript(read.bytes).text));
  return { path, mtimeMs: read.mtimeMs, script };
}
