/**
 * The real DSC archives and scripts in shared/artifacts/cases, found by walking up from this
 * folder (the shared folder sits beside the repository, or beside the folder of worktrees).
 * Tests over them are skipped when it is absent.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

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
  const walk = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.name.toLowerCase().endsWith(extension) ? [path.relative(root, full)] : [];
    });
  return walk(root).sort();
}
