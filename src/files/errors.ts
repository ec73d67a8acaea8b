/** A path problem the user must fix (missing, unreadable, matches nothing): exit code 2. */
export class FileError extends Error {}
