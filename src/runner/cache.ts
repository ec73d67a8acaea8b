import { statSync } from 'node:fs';
import { INTERNAL_ERROR, type FileDependency, type FileOutcome } from '../engine';
import { readRegularFile, writeReportFile } from '../files';
import { contentDigest, shortHash } from '../text/digest';
import { FIX_NOT_WRITTEN, NOT_ENOUGH_MEMORY, UNREADABLE } from './process-file';

/** Bumped when the shape of the file changes: an older cache file is then ignored. */
const CACHE_FORMAT = 2;
/** What precedes the entries in a cache file; they run from there to the file's last `}`. */
const ENTRIES_MARKER = '"entries":';

/** Largest cache file read back (15 MB for the 5,785-template corpus); V8 strings end near 512 MB. */
const MAX_CACHE_FILE_SIZE = 256 * 1024 * 1024;

/**
 * Messages that hold for this run, not for the file's bytes: a refused write, a file that could not
 * be read (a permission can change without its modification time), too little memory (the next run
 * may have more), and an internal error (a bug, or a worker that died).
 */
const RUN_DEPENDENT: ReadonlySet<string> = new Set([FIX_NOT_WRITTEN, UNREADABLE, NOT_ENOUGH_MEMORY, INTERNAL_ERROR]);

/** ESLint's choices: file size and modification time, or a hash of the content. */
export type CacheStrategy = 'metadata' | 'content';

interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** sha1 of the bytes, for the content strategy. */
  hash?: string;
  /** Everything besides the file that decides its outcome: settings, options, how it was named. */
  key: string;
  dependencies: FileDependency[];
  outcome: FileOutcome;
}

/** The fields before the entries. */
interface CacheHeader {
  format: number;
  version: string;
  /** shortHash of the entries' JSON text: a cache edited, damaged or half merged is not used. */
  digest: string;
}

/**
 * Outcomes of earlier runs by file. An entry is used only when the file, every file it read (a
 * DSC archive), the settings and options that apply to it, and armdsc-lint's version are all
 * unchanged; otherwise the file is linted again. The cache file is written atomically at the end.
 */
export class LintCache {
  private readonly entries: Record<string, CacheEntry>;
  private changed = false;

  private constructor(
    readonly location: string,
    private readonly strategy: CacheStrategy,
    private readonly version: string,
    entries: Record<string, CacheEntry>,
  ) {
    this.entries = entries;
  }

  /** The cache at `location`; an absent, unreadable, older, foreign or damaged cache file starts empty. */
  static open(location: string, strategy: CacheStrategy, version: string): LintCache {
    const stored = readEntries(location, version);
    return new LintCache(location, strategy, version, Object.assign(Object.create(null) as Record<string, CacheEntry>, stored));
  }

  /** The stored outcome for `path`, when nothing it depends on has changed. */
  lookup(path: string, key: string): FileOutcome | undefined {
    const entry = this.entries[path];
    if (!entry || entry.key !== key) return undefined;
    const current = this.fingerprint(path);
    if (!current || current.size !== entry.size || (this.strategy === 'metadata' ? current.mtimeMs !== entry.mtimeMs : current.hash !== entry.hash)) return undefined;
    return entry.dependencies.every(unchanged) ? entry.outcome : undefined;
  }

  /**
   * Remember an outcome. Not kept: files that were just rewritten by --fix, and outcomes that say
   * more about the run than about the file (see RUN_DEPENDENT), which the next run must try again.
   */
  store(path: string, key: string, outcome: FileOutcome): void {
    if (outcome.kind === 'linted' && (outcome.result.output !== undefined || outcome.result.messages.some((m) => m.messageId !== undefined && RUN_DEPENDENT.has(m.messageId)))) return;
    const current = this.fingerprint(path);
    if (!current) return;
    this.entries[path] = { ...current, key, dependencies: (outcome.kind === 'linted' && outcome.dependencies) || [], outcome };
    this.changed = true;
  }

  /** Write the cache file (temporary file and rename) when anything changed; the reason when it fails. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const body = JSON.stringify(this.entries);
    const header: CacheHeader = { format: CACHE_FORMAT, version: this.version, digest: shortHash(body) };
    // The header's JSON without its closing brace, then the entries: one JSON object whose entries' text open() can hash as written.
    const written = writeReportFile(this.location, `${JSON.stringify(header).slice(0, -1)},${ENTRIES_MARKER}${body}}`);
    return written.ok ? undefined : written.problem;
  }

  private fingerprint(path: string): { size: number; mtimeMs: number; hash?: string } | undefined {
    if (this.strategy === 'content') {
      // Read as linting reads (regular files only, bounded): size, time and hash from one open file.
      const read = readRegularFile(path);
      return read.ok ? { size: read.bytes.length, mtimeMs: read.mtimeMs, hash: contentDigest(read.bytes) } : undefined;
    }
    try {
      const info = statSync(path);
      return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * The entries of the cache file at `location`, if it is one of this version whose entries hash to
 * the digest it was written with (checked before they are parsed: one of the wrong shape would
 * break the run). The text is dropped on return, so it is not held beside the entries.
 */
function readEntries(location: string, version: string): Record<string, CacheEntry> | undefined {
  const text = readCacheText(location);
  if (text === undefined) return undefined;
  try {
    const marker = text.indexOf(ENTRIES_MARKER);
    if (marker <= 0 || !text.endsWith('}')) return undefined;
    const header = JSON.parse(`${text.slice(0, marker)}${ENTRIES_MARKER}null}`) as Partial<CacheHeader>;
    if (header.format !== CACHE_FORMAT || header.version !== version || header.digest !== shortHash(text.slice(marker + ENTRIES_MARKER.length, -1))) return undefined;
    return (JSON.parse(text) as { entries: Record<string, CacheEntry> }).entries;
  } catch {
    // No cache yet, or not one of ours.
    return undefined;
  }
}

/**
 * The cache file's text, read as a template is: a FIFO or device planted at its path (/dev/zero)
 * is not waited on or read forever. Its bytes are dropped on return: held while the entries are
 * parsed, they added up to 40 MB to a warm run's peak (168-170 MB against 129 MB).
 */
function readCacheText(location: string): string | undefined {
  const read = readRegularFile(location, MAX_CACHE_FILE_SIZE);
  return read.ok ? read.bytes.toString('utf8') : undefined;
}

/** A file the outcome read is as it was (or still missing). */
function unchanged(dependency: FileDependency): boolean {
  try {
    const info = statSync(dependency.path);
    return info.size === dependency.size && info.mtimeMs === dependency.mtimeMs;
  } catch {
    return dependency.size === undefined;
  }
}
