/**
 * The real DSC archives and scripts in shared/artifacts/cases, found by walking up from this
 * folder (the shared folder sits beside the repository, or beside the folder of worktrees).
 * Tests over them are skipped when it is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { filesUnder } from '../support/corpus';

function findCases(): string | undefined {
  for (let directory = __dirname; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'shared', 'artifacts', 'cases');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(directory) === directory) return undefined;
  }
}

export const CASES = findCases();

export const describeWithCases = CASES === undefined ? describe.skip : describe;

/** The absolute path of a file under the cases folder. */
export function casePath(relative: string): string {
  if (CASES === undefined) throw new Error('shared/artifacts/cases is absent');
  return path.join(CASES, relative);
}

/** Every file under the cases folder whose name ends with `extension`, relative to it, sorted. */
export function caseFiles(extension: string): string[] {
  if (CASES === undefined) return [];
  const root = CASES;
  return filesUnder(root)
    .filter((file) => file.toLowerCase().endsWith(extension))
    .map((file) => path.relative(root, file))
    .sort();
}
