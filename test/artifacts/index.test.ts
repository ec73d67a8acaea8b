import * as artifacts from '../../src/artifacts';

describe('src/artifacts public API', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(artifacts).sort()).toEqual([
      'DEFAULT_ARCHIVE_LIMITS',
      'MAX_ARCHIVE_BYTES',
      'MAX_ARCHIVE_ENTRIES',
      'MAX_ENTRY_BYTES',
      'MAX_TOTAL_READ_BYTES',
      'decodeScript',
      'findEntry',
      'maskPowerShell',
      'normalizeEntryPath',
      'normalizeForComparison',
      'openArchive',
      'scanConfigurations',
    ]);
  });

  it('the default limits are the named constants', () => {
    expect(artifacts.DEFAULT_ARCHIVE_LIMITS).toEqual({
      maxEntries: artifacts.MAX_ARCHIVE_ENTRIES,
      maxArchiveBytes: artifacts.MAX_ARCHIVE_BYTES,
      maxEntryBytes: artifacts.MAX_ENTRY_BYTES,
      maxTotalReadBytes: artifacts.MAX_TOTAL_READ_BYTES,
    });
    expect([artifacts.MAX_ARCHIVE_ENTRIES, artifacts.MAX_ARCHIVE_BYTES, artifacts.MAX_ENTRY_BYTES, artifacts.MAX_TOTAL_READ_BYTES]).toEqual([10_000, 256 * 2 ** 20, 16 * 2 ** 20, 64 * 2 ** 20]);
    expect(Object.isFrozen(artifacts.DEFAULT_ARCHIVE_LIMITS)).toBe(true);
  });
});
