import type { FileAccess, FileDependency, ReadResult } from '../engine';
import { isDirectory, readRegularFile } from './read';

/** Bytes of referenced files kept for the run at most; archives are kilobytes to a few megabytes. */
const MAX_CACHED_BYTES = 128 * 1024 * 1024;

/**
 * File access for the rules of one run: every file is read at most once and memoised values are
 * shared by all files of the run; each file's view records what it read, as its dependencies.
 */
export class RunFileAccess {
  private readonly reads = new Map<string, { result: ReadResult; dependency: FileDependency }>();
  private readonly memos = new Map<string, unknown>();
  /** Whether each path asked about is a directory: rules ask for the same few (`.git` above each template) per extension. */
  private readonly directories = new Map<string, boolean>();
  private cachedBytes = 0;

  /** A view for one linted file; `dependencies()` lists what it read. */
  forFile(): { access: FileAccess; dependencies(): FileDependency[] } {
    const used = new Map<string, FileDependency>();
    const access: FileAccess = {
      readFile: (path) => {
        const { result, dependency } = this.read(path);
        used.set(path, dependency);
        return result;
      },
      isDirectory: (path) => this.rememberedIsDirectory(path),
      memo: <T>(key: string, compute: () => T): T => {
        if (!this.memos.has(key)) this.memos.set(key, compute());
        return this.memos.get(key) as T;
      },
    };
    return { access, dependencies: () => [...used.values()] };
  }

  private rememberedIsDirectory(path: string): boolean {
    let answer = this.directories.get(path);
    if (answer === undefined) {
      answer = isDirectory(path);
      this.directories.set(path, answer);
    }
    return answer;
  }

  private read(path: string): { result: ReadResult; dependency: FileDependency } {
    let entry = this.reads.get(path);
    if (!entry) {
      const outcome = readRegularFile(path);
      entry = outcome.ok
        ? { result: outcome, dependency: { path, size: outcome.bytes.length, mtimeMs: outcome.mtimeMs } }
        : { result: { ok: false, problem: outcome.kind }, dependency: { path, size: undefined, mtimeMs: undefined } };
      // Memory stays bounded: past the limit, what was kept is dropped (and read again if needed).
      if (outcome.ok && (this.cachedBytes += outcome.bytes.length) > MAX_CACHED_BYTES) {
        this.reads.clear();
        this.memos.clear();
        this.cachedBytes = outcome.bytes.length;
      }
      this.reads.set(path, entry);
    }
    return entry;
  }
}
