/**
 * Builds zip archives byte by byte, so tests control what fflate's zipSync would always get
 * right: declared sizes, CRCs, flags, compression methods, zip64 records. Data is deflated by
 * Node's zlib, an implementation independent of the fflate that reads it.
 */
import { deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';
import { crc32 } from '../../src/artifacts/archive';

export interface BuiltEntry {
  name: string;
  /** The bytes written as the entry's data (already compressed when `method` is 8). */
  data: Uint8Array;
  method: number;
  crc32: number;
  uncompressedSize: number;
  flags?: number;
  /** Name bytes as stored, instead of `name` in UTF-8. */
  nameBytes?: Uint8Array;
}

/** An entry deflated from `content`, with true sizes and CRC; override fields to make it lie. */
export function deflatedEntry(name: string, content: string | Uint8Array, overrides: Partial<BuiltEntry> = {}): BuiltEntry {
  const raw = typeof content === 'string' ? strToU8(content) : content;
  return { name, data: deflateRawSync(raw), method: 8, crc32: crc32(raw), uncompressedSize: raw.length, ...overrides };
}

export function storedEntry(name: string, content: string | Uint8Array, overrides: Partial<BuiltEntry> = {}): BuiltEntry {
  const raw = typeof content === 'string' ? strToU8(content) : content;
  return { name, data: raw, method: 0, crc32: crc32(raw), uncompressedSize: raw.length, ...overrides };
}

class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];
  private written = 0;

  get length(): number {
    return this.written;
  }

  u16(value: number): this {
    this.pending.push(value & 0xff, (value >>> 8) & 0xff);
    this.written += 2;
    return this;
  }

  u32(value: number): this {
    return this.u16(value & 0xffff).u16(Math.floor(value / 0x10000) & 0xffff);
  }

  u64(value: number): this {
    return this.u32(value % 0x1_0000_0000).u32(Math.floor(value / 0x1_0000_0000));
  }

  bytes(values: Uint8Array): this {
    this.flush();
    this.chunks.push(values);
    this.written += values.length;
    return this;
  }

  toBytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.written);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  private flush(): void {
    this.chunks.push(Uint8Array.from(this.pending));
    this.pending = [];
  }
}

export interface BuildOptions {
  /** Write every size and offset through zip64 records. */
  zip64?: boolean;
  /** Entry count written in the end record (default: the real count). */
  declaredEntryCount?: number;
  /** Archive comment after the end record. */
  comment?: string;
}

/** Local headers, data, central directory and end record for `entries`. */
export function buildZip(entries: readonly BuiltEntry[], options: BuildOptions = {}): Uint8Array {
  const out = new ByteWriter();
  const offsets: number[] = [];
  for (const entry of entries) {
    offsets.push(out.length);
    const name = entry.nameBytes ?? strToU8(entry.name);
    out.u32(0x04034b50).u16(20).u16(entry.flags ?? 0).u16(entry.method).u16(0).u16(0);
    out.u32(entry.crc32).u32(entry.data.length).u32(entry.uncompressedSize).u16(name.length).u16(0);
    out.bytes(name).bytes(entry.data);
  }
  const directoryStart = out.length;
  entries.forEach((entry, index) => {
    const name = entry.nameBytes ?? strToU8(entry.name);
    const big = options.zip64 === true;
    const extra = new ByteWriter();
    if (big) extra.u16(0x0001).u16(24).u64(entry.uncompressedSize).u64(entry.data.length).u64(offsets[index]!);
    out.u32(0x02014b50).u16(45).u16(45).u16(entry.flags ?? 0).u16(entry.method).u16(0).u16(0).u32(entry.crc32);
    out.u32(big ? 0xffffffff : entry.data.length).u32(big ? 0xffffffff : entry.uncompressedSize);
    out.u16(name.length).u16(extra.length).u16(0).u16(0).u16(0).u32(0).u32(big ? 0xffffffff : offsets[index]!);
    out.bytes(name).bytes(extra.toBytes());
  });
  const directorySize = out.length - directoryStart;
  const count = options.declaredEntryCount ?? entries.length;
  if (options.zip64) {
    const record = out.length;
    out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(count).u64(count).u64(directorySize).u64(directoryStart);
    out.u32(0x07064b50).u32(0).u64(record).u32(1);
  }
  const big = options.zip64 === true;
  out.u32(0x06054b50).u16(0).u16(0).u16(big ? 0xffff : count).u16(big ? 0xffff : count);
  const comment = strToU8(options.comment ?? '');
  out.u32(big ? 0xffffffff : directorySize).u32(big ? 0xffffffff : directoryStart).u16(comment.length).bytes(comment);
  return out.toBytes();
}

/** A raw deflate stream, bit by bit: one fixed-Huffman block of a literal 0 and `matches` length-258/distance-1 matches. */
function fixedHuffmanZeros(matches: number): Uint8Array {
  const bytes: number[] = [];
  let bitBuffer = 0;
  let bitCount = 0;
  const put = (value: number, count: number): void => {
    bitBuffer |= value << bitCount;
    bitCount += count;
    while (bitCount >= 8) {
      bytes.push(bitBuffer & 0xff);
      bitBuffer >>>= 8;
      bitCount -= 8;
    }
  };
  // Huffman codes are sent most significant bit first; header fields least significant first.
  const putCode = (code: number, length: number): void => {
    for (let bit = length - 1; bit >= 0; bit--) put((code >>> bit) & 1, 1);
  };
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE = fixed Huffman
  putCode(0x30, 8); // literal 0
  for (let index = 0; index < matches; index++) {
    putCode(0xc5, 8); // length code 285: 258 bytes
    putCode(0, 5); // distance code 0: 1 byte back
  }
  putCode(0, 7); // end of block (256)
  if (bitCount > 0) bytes.push(bitBuffer & 0xff);
  return Uint8Array.from(bytes);
}

const BOMB_PREFIX_BYTES = 2;
const BOMB_PERIOD_BYTES = 13; // eight 13-bit matches

/**
 * A valid raw deflate stream of `1 + 258 * 8 * (repeats + 1)` zero bytes, about 1:1270 in size.
 * The matches start at bit 11 and take 104 bits (13 bytes) per eight, so after the first two
 * bytes the stream repeats with a period of 13 bytes: built by copying, not bit by bit.
 */
export function zeroBombStream(repeats: number): Uint8Array {
  const small = fixedHuffmanZeros(8);
  const period = fixedHuffmanZeros(16).subarray(BOMB_PREFIX_BYTES, BOMB_PREFIX_BYTES + BOMB_PERIOD_BYTES);
  const stream = new Uint8Array(small.length + repeats * BOMB_PERIOD_BYTES);
  stream.set(small.subarray(0, BOMB_PREFIX_BYTES));
  const periodsEnd = BOMB_PREFIX_BYTES + repeats * BOMB_PERIOD_BYTES;
  if (repeats > 0) {
    stream.set(period, BOMB_PREFIX_BYTES);
    for (let filled = BOMB_PERIOD_BYTES; filled < periodsEnd - BOMB_PREFIX_BYTES; filled *= 2) {
      stream.copyWithin(BOMB_PREFIX_BYTES + filled, BOMB_PREFIX_BYTES, Math.min(BOMB_PREFIX_BYTES + filled, periodsEnd - filled));
    }
  }
  stream.set(small.subarray(BOMB_PREFIX_BYTES), periodsEnd);
  return stream;
}

/** Uncompressed size of `zeroBombStream(repeats)`. */
export const zeroBombSize = (repeats: number): number => 1 + 258 * 8 * (repeats + 1);
