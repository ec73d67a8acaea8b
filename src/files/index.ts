export { FileError } from './errors';
export { ALWAYS_IGNORED, DEFAULT_PATTERNS, expandPatterns, MAX_FOLDER_DEPTH, type FileTarget } from './expand';
export { RunFileAccess } from './file-access';
export { describeFileError, isDirectory, MAX_FILE_SIZE, readRegularFile, readTemplateFile, tooLarge, type ReadFile, type ReadOutcome } from './read';
export { replacesAnyOf, writeFixedFile, writeReportFile, writesThrough, type WriteHooks, type WriteOutcome } from './write';
