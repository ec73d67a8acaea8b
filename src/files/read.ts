import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { decodeBytes, decodesExactly, type TextEncodingInfo } from '../parse';

/**
 * Largest file read, in bytes. ARM itself takes templates up to 4 MB; 64 MB leaves room for
 * generated templates while bounding what one file can cost.
 */
export const MAX_FILE_SIZE = 64 * 1024 * 1024;

/** A file as read, with what is needed to write a fix back safely. */
export interface ReadFile {
  path: string;
  text: string;
  encoding: TextEncodingInfo;
  /** The bytes as read, to detect a change on disk before writing. */
  bytes: Buffer;
  /** Encoding the text again gives exactly these bytes; otherwise a fix would change other bytes. */
  readonly roundTrips: boolean;
}

/** Why a file was not read: what kind of trouble, and the reason in words. */
export interface ReadRefusal {
  ok: false;
  kind: 'missing' | 'not-a-file' | 'too-large' | 'unreadable';
  problem: string;
}

export type ReadOutcome = { ok: true; file: ReadFile } | ReadRefusal;
export type BytesOutcome = { ok: true; bytes: Buffer; mtimeMs: number } | ReadRefusal;

const FILE_KIND: Array<[(mode: number) => boolean, string]> = [
  [(mode) => (mode & constants.S_IFMT) === constants.S_IFDIR, 'a directory'],
  [(mode) => (mode & constants.S_IFMT) === constants.S_IFIFO, 'a FIFO (named pipe)'],
  [(mode) => (mode & constants.S_IFMT) === constants.S_IFCHR, 'a character device'],
  [(mode) => (mode & constants.S_IFMT) === constants.S_IFBLK, 'a block device'],
  [(mode) => (mode & constants.S_IFMT) === constants.S_IFSOCK, 'a socket'],
];

function refusal(path: string, error: unknown): ReadRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  // A path through a file (ENOTDIR) cannot exist either.
  const missing = (code === 'ENOENT' && !path.includes('\ufffd')) || code === 'ENOTDIR';
  return { ok: false, kind: missing ? 'missing' : 'unreadable', problem: describeFileError(path, error) };
}

/** Why a path under a file cannot be opened or created (ENOTDIR; EEXIST from mkdir). */
export const PATH_THROUGH_A_FILE = 'a part of its path is a file, not a folder';

/** Why a path could not be opened or read, in words. */
export function describeFileError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      // Node turns bytes that are not UTF-8 into U+FFFD, so such a name cannot be opened again.
      return path.includes('\ufffd') ? 'its name is not valid UTF-8, so it cannot be opened' : 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENXIO':
      return 'it is a socket, or a FIFO or device with no process at the other end';
    case 'ELOOP':
      return 'its symbolic links form a loop';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENAMETOOLONG':
      return 'its name is longer than the file system allows';
    case 'ENOTDIR':
      return PATH_THROUGH_A_FILE;
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'there is no space left on the disk (or in the quota)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'EBUSY':
      return 'it is busy (in use by another program)';
    case 'EIO':
      return 'the disk reported an input/output error';
    default:
      return `${(error as Error).message ?? String(error)}`;
  }
}

/**
 * Read a regular file of at most `limit` bytes: a FIFO, device or directory is refused without
 * blocking on it. Never throws: a file that cannot be read gives the reason.
 */
export function readRegularFile(path: string, limit = MAX_FILE_SIZE): BytesOutcome {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return refusal(path, error);
  }
  try {
    const info = fstatSync(fd);
    const kind = FILE_KIND.find(([test]) => test(info.mode));
    if (kind) return { ok: false, kind: 'not-a-file', problem: `it is ${kind[1]}, not a regular file` };
    if (info.size > limit) return { ok: false, kind: 'too-large', problem: tooLarge(info.size, limit) };
    const bytes = readAtMost(fd, info.size, limit + 1);
    if (bytes.length > limit) return { ok: false, kind: 'too-large', problem: tooLarge(bytes.length, limit) };
    return { ok: true, bytes, mtimeMs: info.mtimeMs };
  } catch (error) {
    return refusal(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is a directory (following links); false when it cannot be told. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Read a template file (see readRegularFile), decoded from UTF-8 or UTF-16 with a BOM. */
export function readTemplateFile(path: string): ReadOutcome {
  const read = readRegularFile(path);
  if (!read.ok) return read;
  const decoded = decodeBytes(read.bytes);
  const encoding = { encoding: decoded.encoding, bom: decoded.bom };
  let roundTrips: boolean | undefined;
  const file: ReadFile = {
    path,
    text: decoded.text,
    encoding,
    bytes: read.bytes,
    // Asked only before writing a fix: encoding every file again would cost every run.
    get roundTrips() {
      roundTrips ??= decodesExactly(read.bytes, decoded);
      return roundTrips;
    },
  };
  return { ok: true, file };
}

/** Why a file (of `size` bytes, when known) is not read. */
export function tooLarge(size?: number, limit = MAX_FILE_SIZE): string {
  const shown = size === undefined ? '' : ` (${(size / 1024 / 1024).toFixed(1)} MB)`;
  return `it is larger than ${limit / 1024 / 1024} MB${shown}${limit === MAX_FILE_SIZE ? '; ARM takes templates up to 4 MB' : ''}`;
}

/**
 * Read until end of file or `limit` bytes, whichever comes first (a file may grow while read).
 * The first buffer has the size the file had when opened (plus one byte, to see growth), so a
 * small file costs one small allocation.
 */
function readAtMost(fd: number, expected: number, limit: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(expected + 1, limit));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (buffer.length >= limit) break;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    const count = readSync(fd, buffer, total, buffer.length - total, null);
    if (count === 0) break;
    total += count;
  }
  return buffer.subarray(0, total);
}
