/**
 * Reading a DSC configuration archive (.zip) held in memory.
 *
 * The central directory is parsed here, so listing an archive inflates nothing; one entry is
 * inflated when it is asked for, by Node's zlib, whose output limit stops it at the entry's
 * declared size or the size limit, whichever is smaller: a header that lies is caught, and every
 * entry's CRC is checked.
 */
import type * as Zlib from 'node:zlib';

/** Most entries an archive may declare; a DSC archive with its modules has a few hundred. */
export const MAX_ARCHIVE_ENTRIES = 10_000;
/** Largest archive accepted, in bytes; bounds the central directory walk. */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
/** Largest entry read, in (declared and actual) uncompressed bytes; DSC scripts are kilobytes. */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
/** Most uncompressed bytes read from one opened archive, all reads together. */
export const MAX_TOTAL_READ_BYTES = 64 * 1024 * 1024;

export interface ArchiveLimits {
  maxEntries: number;
  maxArchiveBytes: number;
  maxEntryBytes: number;
  maxTotalReadBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxEntries: MAX_ARCHIVE_ENTRIES,
  maxArchiveBytes: MAX_ARCHIVE_BYTES,
  maxEntryBytes: MAX_ENTRY_BYTES,
  maxTotalReadBytes: MAX_TOTAL_READ_BYTES,
});

export interface ArchiveEntry {
  /** The name exactly as stored in the central directory. */
  readonly name: string;
  /** The name with backslashes turned into '/', without leading './' or '/' or a trailing '/'. */
  readonly path: string;
  readonly isDirectory: boolean;
  /** Uncompressed size as the central directory declares it (not yet verified). */
  readonly uncompressedSize: number;
  readonly compressedSize: number;
}

export type ArchiveProblem = 'corrupt' | 'too-many-entries' | 'too-large';
/** `unsupported`: a compression method other than stored or deflate, or an encrypted entry. */
export type EntryProblem = 'corrupt' | 'too-large' | 'unsupported';

export interface Problem<Kind extends string> {
  ok: false;
  problem: Kind;
  /** A readable sentence for messages and logs. */
  detail: string;
}

export type EntryRead = { ok: true; bytes: Uint8Array } | Problem<EntryProblem>;

export interface OpenedArchive {
  ok: true;
  entries: readonly ArchiveEntry[];
  /**
   * Inflate one entry of this archive and verify its size and CRC. Each call counts against the
   * archive's total read limit.
   */
  readEntry(entry: ArchiveEntry): EntryRead;
}

export type ArchiveOpenResult = OpenedArchive | Problem<ArchiveProblem>;

/** Where an entry's data is and how to check it; kept out of the public entry object. */
interface EntryLocation {
  localHeaderOffset: number;
  method: number;
  flags: number;
  crc32: number;
}

const SIGNATURE = {
  localHeader: 0x04034b50,
  centralHeader: 0x02014b50,
  endOfCentralDirectory: 0x06054b50,
  zip64EndOfCentralDirectory: 0x06064b50,
  zip64Locator: 0x07064b50,
} as const;

const END_RECORD_SIZE = 22;
const MAX_COMMENT_LENGTH = 0xffff;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const ZIP64_EXTRA_ID = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

class ZipFormatError extends Error {}

function problem<Kind extends string>(kind: Kind, detail: string): Problem<Kind> {
  return { ok: false, problem: kind, detail };
}

/** Little-endian reads that fail with ZipFormatError instead of reading past the end. */
class ByteReader {
  constructor(readonly bytes: Uint8Array) {}

  private check(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.bytes.length) throw new ZipFormatError(`a record at byte ${offset} runs past the end of the file`);
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.bytes[offset]! | (this.bytes[offset + 1]! << 8);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return (this.u16(offset) | (this.u16(offset + 2) << 16)) >>> 0;
  }

  /** A 64-bit field as a number; sizes past 2^53 do not occur below our limits, they fail those checks. */
  u64(offset: number): number {
    return this.u32(offset) + this.u32(offset + 4) * 0x1_0000_0000;
  }

  slice(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.bytes.subarray(offset, offset + length);
  }
}

interface CentralDirectory {
  entryCount: number;
  offset: number;
  zip64: boolean;
}

/**
 * The end record is the last thing in the file but for its comment. The signature can also
 * occur inside a comment, so the record whose comment ends the file exactly wins; failing that,
 * the last one whose comment fits (some tools append data after the archive).
 */
function findEndRecord(reader: ByteReader): number {
  const { length } = reader.bytes;
  const lowest = Math.max(0, length - END_RECORD_SIZE - MAX_COMMENT_LENGTH);
  let fitting: number | undefined;
  for (let offset = length - END_RECORD_SIZE; offset >= lowest; offset--) {
    if (reader.u32(offset) !== SIGNATURE.endOfCentralDirectory) continue;
    const recordEnd = offset + END_RECORD_SIZE + reader.u16(offset + 20);
    if (recordEnd === length) return offset;
    if (recordEnd < length) fitting ??= offset;
  }
  if (fitting !== undefined) return fitting;
  throw new ZipFormatError('no end-of-central-directory record (not a zip file, or truncated)');
}

function readCentralDirectoryLocation(reader: ByteReader): CentralDirectory {
  const end = findEndRecord(reader);
  if (reader.u16(end + 4) !== 0 || reader.u16(end + 6) !== 0) throw new ZipFormatError('a multi-volume (spanned) archive');
  const entryCount = reader.u16(end + 10);
  const offset = reader.u32(end + 16);
  const locator = end - 20;
  const usesZip64 = entryCount === 0xffff || offset === 0xffffffff;
  if (!usesZip64 || locator < 0 || reader.u32(locator) !== SIGNATURE.zip64Locator) return { entryCount, offset, zip64: false };
  const record = reader.u64(locator + 8);
  if (reader.u32(record) !== SIGNATURE.zip64EndOfCentralDirectory) throw new ZipFormatError('the zip64 end record is missing');
  return { entryCount: reader.u64(record + 32), offset: reader.u64(record + 48), zip64: true };
}

interface CentralFields {
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Replace 0xFFFFFFFF fields by their values from the zip64 extra field, in the order the format fixes. */
function applyZip64Extra(reader: ByteReader, extraStart: number, extraLength: number, fields: CentralFields): CentralFields {
  const order = ['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const;
  if (!order.some((field) => fields[field] === 0xffffffff)) return fields;
  for (let at = extraStart; at + 4 <= extraStart + extraLength; at += 4 + reader.u16(at + 2)) {
    if (reader.u16(at) !== ZIP64_EXTRA_ID) continue;
    const resolved = { ...fields };
    let valueAt = at + 4;
    for (const field of order) {
      if (fields[field] !== 0xffffffff) continue;
      resolved[field] = reader.u64(valueAt);
      valueAt += 8;
    }
    return resolved;
  }
  throw new ZipFormatError('a zip64 size without its zip64 extra field');
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * Names flagged UTF-8, or valid UTF-8 anyway, are decoded as UTF-8. Other names come from a
 * legacy code page that the archive does not record; byte-per-character keeps them distinct.
 */
function decodeName(bytes: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8_NAME) return utf8Lenient.decode(bytes);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  }
}

/** The name as a forward-slash path relative to the archive root. */
export function normalizeEntryPath(name: string): string {
  let path = name.replace(/\\/g, '/');
  for (;;) {
    if (path.startsWith('./')) path = path.slice(2);
    else if (path.startsWith('/')) path = path.slice(1);
    else break;
  }
  return path.replace(/\/+$/, '');
}

function readEntries(reader: ByteReader, directory: CentralDirectory, locations: WeakMap<ArchiveEntry, EntryLocation>): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let at = directory.offset;
  for (let index = 0; index < directory.entryCount; index++) {
    if (reader.u32(at) !== SIGNATURE.centralHeader) throw new ZipFormatError(`central directory entry ${index + 1} of ${directory.entryCount} is missing`);
    const flags = reader.u16(at + 8);
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const commentLength = reader.u16(at + 32);
    const name = decodeName(reader.slice(at + CENTRAL_HEADER_SIZE, nameLength), flags);
    const fields = applyZip64Extra(reader, at + CENTRAL_HEADER_SIZE + nameLength, extraLength, {
      compressedSize: reader.u32(at + 20),
      uncompressedSize: reader.u32(at + 24),
      localHeaderOffset: reader.u32(at + 42),
    });
    const path = normalizeEntryPath(name);
    const entry: ArchiveEntry = {
      name,
      path,
      isDirectory: /[/\\]$/.test(name),
      uncompressedSize: fields.uncompressedSize,
      compressedSize: fields.compressedSize,
    };
    locations.set(entry, { localHeaderOffset: fields.localHeaderOffset, method: reader.u16(at + 10), flags, crc32: reader.u32(at + 16) });
    entries.push(entry);
    at += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The zip (IEEE 802.3) CRC-32 of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index++) crc = CRC32_TABLE[(crc ^ bytes[index]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; overflow: true } | { ok: false; overflow: false; detail: string };

/** Inflate `compressed`, giving up as soon as the output would exceed `maxBytes`. */
function inflateAtMost(compressed: Uint8Array, maxBytes: number): Inflated {
  // zlib is loaded when the first entry is inflated: templates without archives never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  const { inflateRawSync } = require('node:zlib') as typeof Zlib;
  try {
    // zlib allows no limit of 0; an entry declared empty that inflates to a byte fails the size check.
    return { ok: true, bytes: inflateRawSync(compressed, { maxOutputLength: Math.max(maxBytes, 1) }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, overflow: true };
    return { ok: false, overflow: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

interface ReadBudget {
  remaining: number;
}

function readEntryData(reader: ByteReader, entry: ArchiveEntry, location: EntryLocation, limits: ArchiveLimits, budget: ReadBudget): EntryRead {
  const label = JSON.stringify(entry.name);
  if (location.flags & FLAG_ENCRYPTED) return problem('unsupported', `${label} is encrypted`);
  if (location.method !== METHOD_STORED && location.method !== METHOD_DEFLATE) {
    return problem('unsupported', `${label} uses compression method ${location.method} (only stored and deflate are read)`);
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return problem('too-large', `${label} declares ${entry.uncompressedSize} bytes, more than the ${limits.maxEntryBytes} read from one entry`);
  }
  if (entry.uncompressedSize > budget.remaining) {
    return problem('too-large', `reading ${label} (${entry.uncompressedSize} bytes) would pass the ${limits.maxTotalReadBytes} bytes read from one archive`);
  }
  // Reserved before inflating, so failed reads of a hostile archive use up its budget too.
  budget.remaining -= entry.uncompressedSize;
  const local = location.localHeaderOffset;
  if (reader.u32(local) !== SIGNATURE.localHeader) return problem('corrupt', `the local header of ${label} is missing`);
  const dataStart = local + LOCAL_HEADER_SIZE + reader.u16(local + 26) + reader.u16(local + 28);
  const compressed = reader.slice(dataStart, entry.compressedSize);
  // The declared size caps the inflation: more output than declared is a lying header, not data.
  const cap = entry.uncompressedSize;
  let bytes: Uint8Array;
  if (location.method === METHOD_STORED) {
    if (entry.compressedSize !== entry.uncompressedSize) return problem('corrupt', `${label} is stored, yet its two sizes differ`);
    bytes = compressed;
  } else {
    const inflated = inflateAtMost(compressed, cap);
    if (!inflated.ok) {
      return problem('corrupt', inflated.overflow ? `${label} inflates past its declared ${cap} bytes` : `${label} does not inflate: ${inflated.detail}`);
    }
    bytes = inflated.bytes;
  }
  if (bytes.length !== entry.uncompressedSize) return problem('corrupt', `${label} holds ${bytes.length} bytes, not the ${entry.uncompressedSize} declared`);
  if (crc32(bytes) !== location.crc32) return problem('corrupt', `${label} fails its CRC check`);
  return { ok: true, bytes };
}

/**
 * List a zip archive's entries from its central directory. Nothing is inflated until
 * `readEntry`; nothing touches the disk. Never throws: a damaged or hostile archive is a problem
 * result.
 */
export function openArchive(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): ArchiveOpenResult {
  const effective: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  if (bytes.length > effective.maxArchiveBytes) return problem('too-large', `the archive has ${bytes.length} bytes, more than the ${effective.maxArchiveBytes} read`);
  const reader = new ByteReader(bytes);
  const locations = new WeakMap<ArchiveEntry, EntryLocation>();
  let entries: ArchiveEntry[];
  try {
    const directory = readCentralDirectoryLocation(reader);
    if (directory.entryCount > effective.maxEntries) {
      return problem('too-many-entries', `the archive declares ${directory.entryCount} entries, more than the ${effective.maxEntries} read`);
    }
    entries = readEntries(reader, directory, locations);
  } catch (error) {
    if (error instanceof ZipFormatError) return problem('corrupt', error.message);
    throw error;
  }
  const budget: ReadBudget = { remaining: effective.maxTotalReadBytes };
  const readEntry = (entry: ArchiveEntry): EntryRead => {
    const location = locations.get(entry);
    if (!location) return problem('corrupt', `${JSON.stringify(entry.name)} is not an entry of this archive`);
    try {
      return readEntryData(reader, entry, location, effective, budget);
    } catch (error) {
      if (error instanceof ZipFormatError) return problem('corrupt', error.message);
      throw error;
    }
  };
  return { ok: true, entries, readEntry };
}

/**
 * The entry at `path` (compared as normalised paths, case-insensitively: the DSC extension
 * unpacks the archive onto a Windows file system). Directories are not returned.
 */
export function findEntry(entries: readonly ArchiveEntry[], path: string): ArchiveEntry | undefined {
  const wanted = normalizeEntryPath(path).toLowerCase();
  return entries.find((entry) => !entry.isDirectory && entry.path.toLowerCase() === wanted);
}
