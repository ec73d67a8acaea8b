/**
 * The template ↔ configuration archive layer for the DSC artifact rules (`dsc-artifact-archive`,
 * `dsc-configuration-arguments`, `dsc-artifact-stale`): pure functions over bytes and text,
 * nothing read from disk or network here.
 *
 * 1. `openArchive(bytes)` lists a configuration .zip; `readEntry(entry)` inflates one entry,
 *    within the limits below (a damaged or hostile archive is a problem result, never a throw).
 * 2. `decodeScript(bytes)` turns a .ps1 into text (BOM, UTF-16, Windows-1252);
 *    `normalizeForComparison(text)` makes two copies of a script comparable.
 * 3. `scanConfigurations(text)` finds the `Configuration` declarations and their parameters.
 * 4. `closestName(name, candidates)` picks the "did you mean" suggestion.
 */
export {
  DEFAULT_ARCHIVE_LIMITS,
  MAX_ARCHIVE_BYTES,
  MAX_ARCHIVE_ENTRIES,
  MAX_ENTRY_BYTES,
  MAX_TOTAL_READ_BYTES,
  findEntry,
  normalizeEntryPath,
  openArchive,
  type ArchiveEntry,
  type ArchiveLimits,
  type ArchiveOpenResult,
  type ArchiveProblem,
  type EntryProblem,
  type EntryRead,
  type OpenedArchive,
  type Problem,
} from './archive';
export { decodeScript, normalizeForComparison, type DecodedScript, type ScriptEncoding } from './script-text';
export { maskPowerShell, scanConfigurations, type ConfigurationDeclaration, type ConfigurationParameter } from './powershell';

