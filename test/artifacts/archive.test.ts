import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { deflateSync, strFromU8, strToU8, zipSync } from 'fflate';
import {
  crc32,
  findEntry,
  MAX_ARCHIVE_BYTES,
  MAX_ARCHIVE_ENTRIES,
  MAX_ENTRY_BYTES,
  MAX_TOTAL_READ_BYTES,
  normalizeEntryPath,
  openArchive,
  type ArchiveEntry,
  type ArchiveOpenResult,
  type EntryRead,
  type OpenedArchive,
} from '../../src/artifacts/archive';
import { buildZip, deflatedEntry, storedEntry, zeroBombSize, zeroBombStream, type BuiltEntry } from './zip-builder';
import { casePath, describeWithCases } from './shared-cases';

const MiB = 1024 * 1024;

function opened(result: ArchiveOpenResult): OpenedArchive {
  if (!result.ok) throw new Error(`expected an archive, got ${result.problem}: ${result.detail}`);
  return result;
}

function entryNamed(archive: OpenedArchive, name: string): ArchiveEntry {
  const entry = archive.entries.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no entry ${name}`);
  return entry;
}

function text(read: EntryRead): string {
  if (!read.ok) throw new Error(`expected bytes, got ${read.problem}: ${read.detail}`);
  return strFromU8(read.bytes);
}

/** An archive of one deflated entry whose data is `stream` and whose header declares `declared` bytes. */
function lyingArchive(stream: Uint8Array, declared: number): OpenedArchive {
  return opened(openArchive(buildZip([{ name: 'Bomb.ps1', data: stream, method: 8, crc32: 0, uncompressedSize: declared }])));
}

describe('openArchive: listing', () => {
  it('lists the entries fflate writes, with declared sizes, and reads each one back', () => {
    const script = 'configuration Web { }\r\n'.repeat(50);
    const archive = opened(openArchive(zipSync({ 'Web.ps1': strToU8(script), 'xWeb/xWeb.psd1': strToU8('@{}') })));
    expect(archive.entries.map(({ name, path, isDirectory, uncompressedSize }) => ({ name, path, isDirectory, uncompressedSize }))).toEqual([
      { name: 'Web.ps1', path: 'Web.ps1', isDirectory: false, uncompressedSize: script.length },
      { name: 'xWeb/xWeb.psd1', path: 'xWeb/xWeb.psd1', isDirectory: false, uncompressedSize: 3 },
    ]);
    expect(text(archive.readEntry(entryNamed(archive, 'Web.ps1')))).toBe(script);
    expect(text(archive.readEntry(entryNamed(archive, 'xWeb/xWeb.psd1')))).toBe('@{}');
  });

  it('normalises backslashes, leading ./ and / into root-relative paths and marks directories', () => {
    const names = ['Modules\\xWeb\\xWeb.psm1', './Web.ps1', '/abs/Tool.ps1', '.\\Lead.ps1', 'Modules\\', 'Other/'];
    const archive = opened(openArchive(buildZip(names.map((name) => storedEntry(name, '')))));
    expect(archive.entries.map(({ name, path, isDirectory }) => [name, path, isDirectory])).toEqual([
      ['Modules\\xWeb\\xWeb.psm1', 'Modules/xWeb/xWeb.psm1', false],
      ['./Web.ps1', 'Web.ps1', false],
      ['/abs/Tool.ps1', 'abs/Tool.ps1', false],
      ['.\\Lead.ps1', 'Lead.ps1', false],
      ['Modules\\', 'Modules', true],
      ['Other/', 'Other', true],
    ]);
  });

  it('reads an archive with an empty central directory as no entries', () => {
    expect(opened(openArchive(zipSync({}))).entries).toEqual([]);
  });

  it('finds the end record behind an archive comment', () => {
    const archive = opened(openArchive(buildZip([deflatedEntry('A.ps1', 'a')], { comment: 'built by hand' })));
    expect(text(archive.readEntry(entryNamed(archive, 'A.ps1')))).toBe('a');
  });

  it('takes the end record that ends the file over a look-alike inside the comment', () => {
    // The fake record declares no comment, so it would fit; only the real one ends the file.
    const fake = 'PK\u0005\u0006' + 'x'.repeat(16) + '\u0000\u0000' + 'tail';
    const archive = opened(openArchive(buildZip([deflatedEntry('A.ps1', 'a')], { comment: fake })));
    expect(archive.entries.map((entry) => entry.path)).toEqual(['A.ps1']);
  });

  it('reads an archive with bytes appended after it', () => {
    const bytes = buildZip([deflatedEntry('A.ps1', 'a')]);
    const appended = new Uint8Array(bytes.length + 5);
    appended.set(bytes);
    const archive = opened(openArchive(appended));
    expect(text(archive.readEntry(entryNamed(archive, 'A.ps1')))).toBe('a');
  });

  it('decodes names: UTF-8 when flagged or valid, one character per byte otherwise', () => {
    const archive = opened(
      openArchive(
        buildZip([
          storedEntry('', '', { nameBytes: Uint8Array.of(0x43, 0x61, 0x66, 0xe9, 0x2e, 0x70, 0x73, 0x31) }),
          storedEntry('Café.ps1', '', { flags: 0x0800 }),
          storedEntry('Ünflagged.ps1', ''),
        ]),
      ),
    );
    expect(archive.entries.map((entry) => entry.name)).toEqual(['Caf\u00e9.ps1', 'Café.ps1', 'Ünflagged.ps1']);
  });

  it('reads zip64 end records and extra fields', () => {
    const archive = opened(openArchive(buildZip([storedEntry('A.ps1', 'alpha'), deflatedEntry('B.ps1', 'beta'.repeat(100))], { zip64: true })));
    expect(archive.entries.map((entry) => [entry.path, entry.uncompressedSize])).toEqual([
      ['A.ps1', 5],
      ['B.ps1', 400],
    ]);
    expect(text(archive.readEntry(entryNamed(archive, 'B.ps1')))).toBe('beta'.repeat(100));
  });

  it('inflates nothing until asked: a damaged entry does not stop the others from being listed or read', () => {
    const damaged: BuiltEntry = { ...deflatedEntry('Broken.ps1', 'x'.repeat(100)), data: Uint8Array.of(0xff, 0xff, 0xff, 0xff) };
    const archive = opened(openArchive(buildZip([damaged, deflatedEntry('Good.ps1', 'good')])));
    expect(archive.entries.map((entry) => entry.path)).toEqual(['Broken.ps1', 'Good.ps1']);
    expect(text(archive.readEntry(entryNamed(archive, 'Good.ps1')))).toBe('good');
    expect(archive.readEntry(entryNamed(archive, 'Broken.ps1'))).toMatchObject({ ok: false, problem: 'corrupt' });
  });
});

describe('openArchive: damaged input is a problem, never a throw', () => {
  const sample = zipSync({ 'Web.ps1': strToU8('configuration Web { }'), 'x/y.txt': strToU8('y'.repeat(300)) });

  it('zero-length input', () => {
    expect(openArchive(new Uint8Array(0))).toEqual({ ok: false, problem: 'corrupt', detail: expect.stringContaining('no end-of-central-directory') });
  });

  it('every truncation of a real archive', () => {
    for (let length = 0; length < sample.length; length++) {
      expect(openArchive(sample.subarray(0, length))).toMatchObject({ ok: false, problem: 'corrupt' });
    }
  });

  it('an end record declaring more entries than the directory holds', () => {
    const result = openArchive(buildZip([storedEntry('A.ps1', 'a')], { declaredEntryCount: 2 }));
    expect(result).toEqual({ ok: false, problem: 'corrupt', detail: 'central directory entry 2 of 2 is missing' });
  });

  it('a bad CRC', () => {
    const archive = opened(openArchive(buildZip([deflatedEntry('A.ps1', 'configuration A {}', { crc32: 0x1234 })])));
    expect(archive.readEntry(entryNamed(archive, 'A.ps1'))).toEqual({ ok: false, problem: 'corrupt', detail: '"A.ps1" fails its CRC check' });
  });

  it('a local header that is not where the directory says', () => {
    const bytes = buildZip([storedEntry('A.ps1', 'a')]);
    bytes[0] = 0; // break the local header signature
    const archive = opened(openArchive(bytes));
    expect(archive.readEntry(entryNamed(archive, 'A.ps1'))).toEqual({ ok: false, problem: 'corrupt', detail: 'the local header of "A.ps1" is missing' });
  });

  it('deflate data that ends early, at any point', () => {
    const content = strToU8('configuration A { param($x) }\n'.repeat(400));
    const full = deflateSync(content, { level: 1 });
    for (let length = 0; length < full.length; length += 7) {
      const archive = opened(openArchive(buildZip([{ name: 'A.ps1', data: full.subarray(0, length), method: 8, crc32: crc32(content), uncompressedSize: content.length }])));
      expect(archive.readEntry(archive.entries[0]!)).toMatchObject({ ok: false, problem: 'corrupt' });
    }
  });

  it('data that inflates to fewer bytes than declared', () => {
    const archive = opened(openArchive(buildZip([deflatedEntry('A.ps1', 'short', { uncompressedSize: 6 })])));
    expect(archive.readEntry(entryNamed(archive, 'A.ps1'))).toEqual({ ok: false, problem: 'corrupt', detail: '"A.ps1" holds 5 bytes, not the 6 declared' });
  });

  it('a stored entry whose sizes differ', () => {
    const archive = opened(openArchive(buildZip([storedEntry('A.ps1', 'abc', { uncompressedSize: 2 })])));
    expect(archive.readEntry(entryNamed(archive, 'A.ps1'))).toEqual({ ok: false, problem: 'corrupt', detail: '"A.ps1" is stored, yet its two sizes differ' });
  });

  it('encrypted entries and unknown compression methods are unsupported', () => {
    const archive = opened(openArchive(buildZip([storedEntry('Secret.ps1', 'a', { flags: 1 }), storedEntry('Bzip.ps1', 'a', { method: 12 })])));
    expect(archive.readEntry(entryNamed(archive, 'Secret.ps1'))).toEqual({ ok: false, problem: 'unsupported', detail: '"Secret.ps1" is encrypted' });
    expect(archive.readEntry(entryNamed(archive, 'Bzip.ps1'))).toEqual({
      ok: false,
      problem: 'unsupported',
      detail: '"Bzip.ps1" uses compression method 12 (only stored and deflate are read)',
    });
  });

  it('an entry of another archive', () => {
    const first = opened(openArchive(sample));
    const second = opened(openArchive(sample));
    expect(second.readEntry(first.entries[0]!)).toEqual({ ok: false, problem: 'corrupt', detail: '"Web.ps1" is not an entry of this archive' });
  });

  it('random bytes, and random changes to a real archive, never throw', () => {
    const readAll = (bytes: Uint8Array): void => {
      const result = openArchive(bytes);
      if (result.ok) for (const entry of result.entries) result.readEntry(entry);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => readAll(bytes)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(sample.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (changes) => {
        const bytes = sample.slice();
        for (const [offset, value] of changes) bytes[offset] = value;
        readAll(bytes);
      }),
    );
  });
});

describe('limits', () => {
  it(`MAX_ARCHIVE_ENTRIES (${MAX_ARCHIVE_ENTRIES}): one more entry is refused, that many are listed`, () => {
    const entries = (count: number): BuiltEntry[] => Array.from({ length: count }, (_, index) => storedEntry(`f${index}.txt`, ''));
    expect(opened(openArchive(buildZip(entries(MAX_ARCHIVE_ENTRIES)))).entries).toHaveLength(MAX_ARCHIVE_ENTRIES);
    expect(openArchive(buildZip(entries(MAX_ARCHIVE_ENTRIES + 1)))).toEqual({
      ok: false,
      problem: 'too-many-entries',
      detail: `the archive declares ${MAX_ARCHIVE_ENTRIES + 1} entries, more than the ${MAX_ARCHIVE_ENTRIES} read`,
    });
  });

  it('a declared entry count is refused before the directory is walked', () => {
    const result = openArchive(buildZip([storedEntry('A.ps1', 'a')], { declaredEntryCount: 0xfffe }));
    expect(result).toMatchObject({ ok: false, problem: 'too-many-entries' });
  });

  it(`MAX_ARCHIVE_BYTES (${MAX_ARCHIVE_BYTES}): a larger input is refused unread`, () => {
    expect(openArchive(new Uint8Array(MAX_ARCHIVE_BYTES + 1))).toEqual({
      ok: false,
      problem: 'too-large',
      detail: `the archive has ${MAX_ARCHIVE_BYTES + 1} bytes, more than the ${MAX_ARCHIVE_BYTES} read`,
    });
  });

  it(`MAX_ENTRY_BYTES (${MAX_ENTRY_BYTES}): an entry of that size is read, one declaring a byte more is refused`, () => {
    const largest = new Uint8Array(MAX_ENTRY_BYTES);
    const archive = opened(openArchive(buildZip([deflatedEntry('Largest.ps1', largest), deflatedEntry('TooLarge.ps1', 'tiny', { uncompressedSize: MAX_ENTRY_BYTES + 1 })])));
    const read = archive.readEntry(entryNamed(archive, 'Largest.ps1'));
    expect(read.ok && read.bytes.length).toBe(MAX_ENTRY_BYTES);
    expect(archive.readEntry(entryNamed(archive, 'TooLarge.ps1'))).toEqual({
      ok: false,
      problem: 'too-large',
      detail: `"TooLarge.ps1" declares ${MAX_ENTRY_BYTES + 1} bytes, more than the ${MAX_ENTRY_BYTES} read from one entry`,
    });
  });

  it(`MAX_TOTAL_READ_BYTES (${MAX_TOTAL_READ_BYTES}): reads stop once one archive has given that much`, () => {
    const entry = deflatedEntry('Big.ps1', new Uint8Array(MAX_ENTRY_BYTES));
    const perRead = MAX_TOTAL_READ_BYTES / MAX_ENTRY_BYTES;
    const archive = opened(openArchive(buildZip([entry, { ...entry, name: 'Other.ps1' }])));
    const big = entryNamed(archive, 'Big.ps1');
    for (let index = 0; index < perRead; index++) expect(archive.readEntry(big).ok).toBe(true);
    expect(archive.readEntry(entryNamed(archive, 'Other.ps1'))).toEqual({
      ok: false,
      problem: 'too-large',
      detail: `reading "Other.ps1" (${MAX_ENTRY_BYTES} bytes) would pass the ${MAX_TOTAL_READ_BYTES} bytes read from one archive`,
    });
  });

  it('a failed read uses up its declared size of the total too', () => {
    const archive = opened(openArchive(buildZip([deflatedEntry('Bad.ps1', 'abcdef', { crc32: 1 }), deflatedEntry('Good.ps1', 'abcdef')]), { maxTotalReadBytes: 11 }));
    expect(archive.readEntry(entryNamed(archive, 'Bad.ps1'))).toMatchObject({ ok: false, problem: 'corrupt' });
    expect(archive.readEntry(entryNamed(archive, 'Good.ps1'))).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('limits can be lowered per call', () => {
    const bytes = buildZip([deflatedEntry('A.ps1', 'abcdef'), deflatedEntry('B.ps1', 'abcdef')]);
    expect(openArchive(bytes, { maxEntries: 1 })).toMatchObject({ ok: false, problem: 'too-many-entries' });
    expect(openArchive(bytes, { maxArchiveBytes: bytes.length - 1 })).toMatchObject({ ok: false, problem: 'too-large' });
    const archive = opened(openArchive(bytes, { maxEntryBytes: 5 }));
    expect(archive.readEntry(entryNamed(archive, 'A.ps1'))).toMatchObject({ ok: false, problem: 'too-large' });
    const budgeted = opened(openArchive(bytes, { maxTotalReadBytes: 11 }));
    expect(budgeted.readEntry(entryNamed(budgeted, 'A.ps1')).ok).toBe(true);
    expect(budgeted.readEntry(entryNamed(budgeted, 'B.ps1'))).toMatchObject({ ok: false, problem: 'too-large' });
  });
});

describe('zip bombs whose headers lie', () => {
  // 32 MB of deflate data that inflates to about 5 GB: a reader that does not stop at the
  // declared size runs out of memory instead of returning.
  const repeats = 2_500_000;
  const bomb = zeroBombStream(repeats);

  it('the test stream really is a bomb', () => {
    expect(zeroBombSize(repeats)).toBeGreaterThan(5e9);
    expect(bomb.length).toBeLessThan(33 * MiB);
  });

  it('stops at the declared size when the data inflates past it', () => {
    const archive = lyingArchive(bomb, 1000);
    expect(archive.readEntry(archive.entries[0]!)).toEqual({ ok: false, problem: 'corrupt', detail: '"Bomb.ps1" inflates past its declared 1000 bytes' });
  });

  it('stops at the entry limit when the header declares just that much', () => {
    const archive = lyingArchive(bomb, MAX_ENTRY_BYTES);
    expect(archive.readEntry(archive.entries[0]!)).toEqual({ ok: false, problem: 'corrupt', detail: `"Bomb.ps1" inflates past its declared ${MAX_ENTRY_BYTES} bytes` });
  });

  it('does not start when the header declares more than the limit', () => {
    const archive = lyingArchive(bomb, 0xfffffff0);
    expect(archive.readEntry(archive.entries[0]!)).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('reads a highly compressed entry that inflates to exactly its declared size', () => {
    const zeros = new Uint8Array(zeroBombSize(100));
    const archive = opened(openArchive(buildZip([{ name: 'Zeros.bin', data: zeroBombStream(100), method: 8, crc32: crc32(zeros), uncompressedSize: zeros.length }])));
    const read = archive.readEntry(archive.entries[0]!);
    expect(read.ok && read.bytes).toEqual(zeros);
  });
});

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('normalizeEntryPath and findEntry', () => {
  it('normalises a path', () => {
    expect(normalizeEntryPath('.\\./\\DSC\\x.ps1')).toBe('DSC/x.ps1');
    expect(normalizeEntryPath('dir//')).toBe('dir');
  });

  it('finds a file entry case-insensitively, by normalised path, and never a directory', () => {
    const archive = opened(openArchive(buildZip([storedEntry('Scripts\\', ''), storedEntry('Scripts\\Web.PS1', 'w'), storedEntry('Root.ps1', 'r')])));
    expect(findEntry(archive.entries, 'scripts/web.ps1')?.name).toBe('Scripts\\Web.PS1');
    expect(findEntry(archive.entries, './root.PS1')?.name).toBe('Root.ps1');
    expect(findEntry(archive.entries, 'Scripts')).toBeUndefined();
    expect(findEntry(archive.entries, 'Web.ps1')).toBeUndefined();
  });
});

describeWithCases('real archives, read in place', () => {
  const rootFiles = (archive: OpenedArchive): string[] => archive.entries.filter((entry) => !entry.isDirectory && !entry.path.includes('/')).map((entry) => entry.path);

  it('active-directory-new-domain-ha-2-dc/DSC/CreateADPDC.zip: the script at the root beside its module folders', () => {
    const archive = opened(openArchive(readFileSync(casePath('Azure__AzureStack-QuickStart-Templates/active-directory-new-domain-ha-2-dc/DSC/CreateADPDC.zip'))));
    expect(archive.entries).toHaveLength(140);
    expect(archive.entries.filter((entry) => entry.isDirectory)).toHaveLength(51);
    expect(rootFiles(archive)).toEqual(['CreateADPDC.ps1']);
    const read = archive.readEntry(findEntry(archive.entries, 'CreateADPDC.ps1')!);
    expect(read.ok && [read.bytes.length, ...read.bytes.subarray(0, 3)]).toEqual([3332, 0xef, 0xbb, 0xbf]);
    for (const entry of archive.entries) expect(archive.readEntry(entry).ok).toBe(true);
  });

  it('bootstorm-vm-boot-time/VMBootAll.zip: two root scripts', () => {
    const archive = opened(openArchive(readFileSync(casePath('Azure__AzureStack-QuickStart-Templates/bootstorm-vm-boot-time/VMBootAll.zip'))));
    expect(archive.entries.map((entry) => [entry.path, entry.uncompressedSize])).toEqual([
      ['VMBootAll.ps1', 11005],
      ['VMBootAllScript.ps1', 36272],
    ]);
    expect(text(archive.readEntry(entryNamed(archive, 'VMBootAll.ps1')))).toContain('Configuration ConfigureVMBootAll');
  });

  it('ad-non-ha/CreateADPDC.ps1.zip: a UTF-16LE script', () => {
    const archive = opened(openArchive(readFileSync(casePath('Azure__AzureStack-QuickStart-Templates/ad-non-ha/CreateADPDC.ps1.zip'))));
    expect(rootFiles(archive)).toEqual(['CreateADPDC.ps1']);
    const read = archive.readEntry(findEntry(archive.entries, 'CreateADPDC.ps1')!);
    expect(read.ok && [read.bytes.length, ...read.bytes.subarray(0, 2)]).toEqual([5288, 0xff, 0xfe]);
  });
});
