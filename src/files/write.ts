import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { encodeText, encodingName } from '../parse';
import { randomHex } from '../text/digest';
import { describeFileError, PATH_THROUGH_A_FILE, readRegularFile, type ReadFile } from './read';

export type WriteOutcome = { ok: true } | { ok: false; problem: string };

/** Test seam: runs between the first check and the replace, where a concurrent edit could land. */
export interface WriteHooks {
  beforeReplace?(target: string): void;
}

/**
 * Write fixed text back to the file it was read from, changing nothing but the edits:
 *
 * - a file whose bytes do not survive decoding and encoding again (invalid UTF-8, an odd UTF-16
 *   byte) is not written, since every undecodable byte would change;
 * - a symbolic link is written through, to its target; a read-only file is not written;
 * - the file must still hold the bytes that were linted, checked once before the new content is
 *   prepared and again immediately before it replaces the old one (an edit saved in the
 *   microseconds between that second check and the rename is the remaining window);
 * - a file with one link is replaced atomically: a temporary file beside it gets the new bytes,
 *   the old file's mode and (where permitted) owner, is flushed to disk and renamed over it;
 * - a file with several hard links is rewritten in place (truncate and write through one open
 *   descriptor, after the same check), so every link keeps seeing it; that write is not atomic.
 *
 * Never throws: a refusal or failure gives the reason.
 */
export function writeFixedFile(file: ReadFile, output: string, hooks: WriteHooks = {}): WriteOutcome {
  if (!file.roundTrips) {
    return { ok: false, problem: `its bytes are not valid ${encodingName(file.encoding)}, and writing the fixed text would change them` };
  }
  let target: string;
  let info: Stats;
  try {
    target = realpathSync(file.path);
    info = lstatSync(target);
  } catch (error) {
    return { ok: false, problem: describeFileError(file.path, error) };
  }
  // Checked on the mode bits, not by trying: root may write to any file.
  if ((info.mode & 0o222) === 0) return { ok: false, problem: 'it is read-only' };
  const bytes = encodeText(output, file.encoding);
  // Read as it was linted: what replaced the file meanwhile (a FIFO, a device) is not waited on or read forever.
  const unchanged = (): boolean => {
    const now = readRegularFile(target);
    return now.ok && now.bytes.equals(file.bytes);
  };
  if (!unchanged()) return { ok: false, problem: 'it changed on disk while being linted' };
  try {
    return info.nlink > 1 ? rewriteInPlace(target, file, bytes, hooks) : replaceAtomically(target, info, bytes, unchanged, hooks);
  } catch (error) {
    return { ok: false, problem: describeFileError(file.path, error) };
  }
}

function rewriteInPlace(target: string, file: ReadFile, bytes: Buffer, hooks: WriteHooks): WriteOutcome {
  hooks.beforeReplace?.(target);
  // Not blocking: a FIFO put in the file's place is not waited on.
  const fd = openSync(target, constants.O_RDWR | constants.O_NONBLOCK);
  try {
    // Checked through the descriptor that writes, so no other file can be swapped in between.
    if (!fstatSync(fd).isFile() || !readFileSync(fd).equals(file.bytes)) return { ok: false, problem: 'it changed on disk while being linted' };
    ftruncateSync(fd, 0);
    writeAll(fd, bytes, 0);
    fsyncSync(fd);
    return { ok: true };
  } finally {
    closeSync(fd);
  }
}

function replaceAtomically(target: string, info: Stats, bytes: Buffer, unchanged: () => boolean, hooks: WriteHooks): WriteOutcome {
  const temporary = temporaryPath(target);
  const fd = openSync(temporary, 'wx', 0o600);
  let renamed = false;
  try {
    try {
      writeAll(fd, bytes, 0);
      fchmodSync(fd, info.mode & 0o7777);
      try {
        fchownSync(fd, info.uid, info.gid);
      } catch {
        // Only root may give a file away: otherwise the new file stays ours, as an editor's save would.
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    hooks.beforeReplace?.(target);
    if (!unchanged()) return { ok: false, problem: 'it changed on disk while being linted' };
    renameSync(temporary, target);
    renamed = true;
    return { ok: true };
  } finally {
    if (!renamed) removeQuietly(temporary);
  }
}

/**
 * Write a report (not a template) to `path` without following a symbolic link there: a
 * temporary file beside it is renamed over the path, so a planted link is replaced, not written
 * through. Parent directories are created. A stream (see writesThrough) is written into instead.
 */
export function writeReportFile(path: string, text: string): WriteOutcome {
  try {
    if (writesThrough(path)) {
      writeThrough(path, text);
      return { ok: true };
    }
    mkdirSync(dirname(path), { recursive: true });
    const temporary = temporaryPath(path);
    const fd = openSync(temporary, 'wx', 0o666);
    try {
      writeAll(fd, Buffer.from(text, 'utf8'), 0);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(temporary, path);
    } catch (error) {
      removeQuietly(temporary);
      throw error;
    }
    return { ok: true };
  } catch (error) {
    // The folders exist by now (or mkdir threw): a missing entry means the folder takes no new files (/proc).
    const { code, syscall } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return { ok: false, problem: `no file can be created in ${dirname(path)}` };
    // mkdir of a folder on the path that is a file.
    if (code === 'EEXIST' && syscall === 'mkdir') return { ok: false, problem: PATH_THROUGH_A_FILE };
    return { ok: false, problem: describeFileError(path, error) };
  }
}

/** Folders whose entries belong to the system, never to a checkout. */
const SYSTEM_FOLDER = /^\/(?:dev|proc)(?:\/|$)/;

/**
 * Whether a report to `path` is written into what is there rather than replacing it: an existing
 * device, FIFO or socket (`-o /dev/null`, a named pipe), or an entry of /dev or /proc
 * (`/dev/stdout`, `/dev/fd/3`), even one that leads to a regular file (standard output redirected
 * to a file). No checkout can plant a link there, and replacing one would put a regular file in
 * its place: as root, a new /dev/null.
 */
export function writesThrough(path: string): boolean {
  let info: Stats;
  try {
    info = statSync(path);
  } catch {
    return false;
  }
  return (!info.isFile() && !info.isDirectory()) || SYSTEM_FOLDER.test(realFolder(dirname(path)));
}

/**
 * Appended, not truncated: /dev/stdout may lead to a file the shell opened with `>>`. Opened
 * without blocking, so a FIFO that no one reads is refused (ENXIO) rather than waited on.
 */
function writeThrough(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK);
  try {
    writeAll(fd, Buffer.from(text, 'utf8'), null);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether writing a report to `path` (temporary file and rename) would replace one of `files`:
 * compared by directory entry, with the folders' symbolic links resolved. Only files of the same
 * name have their folders resolved, so a run of thousands of files pays for a few. Names that
 * differ only in case are one entry where the file system folds case (macOS, Windows): there the
 * existing `path` is the very file, so they are compared by device and inode.
 */
export function replacesAnyOf(path: string, files: readonly string[]): boolean {
  const folders = new Map<string, string>();
  const name = basename(path).toLowerCase();
  const entry = replacedEntry(path, folders);
  return files.some((file) => {
    if (basename(file).toLowerCase() !== name) return false;
    const other = replacedEntry(file, folders);
    return other === entry || (other.toLowerCase() === entry.toLowerCase() && sameFile(path, file));
  });
}

/** Both paths name one existing file (same device and inode, exact as bigints: Windows file ids exceed 2^53). */
function sameFile(a: string, b: string): boolean {
  try {
    const [first, second] = [lstatSync(a, { bigint: true }), lstatSync(b, { bigint: true })];
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}

/** The directory entry `path` names, its folder's real path remembered in `folders`. */
function replacedEntry(path: string, folders: Map<string, string>): string {
  const folder = dirname(path);
  let real = folders.get(folder);
  if (real === undefined) {
    real = realFolder(folder);
    folders.set(folder, real);
  }
  return join(real, basename(path));
}

/** The folder's real path (symbolic links resolved), or the path itself where it cannot be resolved. */
function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomHex(6)}.tmp`);
}

/** Lets a write wait for a full pipe to drain (Atomics.wait blocks this thread only). */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Write all of `bytes` at `position`, or where the descriptor stands (null: a pipe or device, which may be full for a moment). */
function writeAll(fd: number, bytes: Buffer, position: number | null): void {
  for (let written = 0; written < bytes.length; ) {
    try {
      written += writeSync(fd, bytes, written, bytes.length - written, position === null ? null : position + written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 5);
    }
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
