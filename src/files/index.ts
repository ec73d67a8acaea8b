export { FileError } from './errors';
export { ALWAYS_IGNORED, DEFAULT_PATTERNS, expandPatterns, type FileTarget } from './expand';
export { readTemplateFile, writeFixedFile, type ReadFile } from './read-write';
