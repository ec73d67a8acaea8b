/**
 * The real-template corpus beside this repository (../shared/corpus/templates): tests over it are
 * skipped when it is not checked out. Also the directory walk those tests and the fixture tests use.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'templates');

export const describeWithCorpus = existsSync(CORPUS) ? describe : describe.skip;
export const itWithCorpus = existsSync(CORPUS) ? it : it.skip;

/** Every regular file below `directory`, at any depth. */
export function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}
