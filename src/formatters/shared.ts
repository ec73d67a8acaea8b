import { relative, sep } from 'node:path';
import type { LintMessage, LintResult } from '../engine';
import { escapeControlCharacters, singleLine } from './escape';

/**
 * Where a format needs a rule id for a message that has none (a file that does not parse or
 * cannot be read, or an internal error), it uses this one.
 */
export const FATAL_RULE_ID = 'fatal';
/** The SARIF rule of armdsc-lint's own messages that are not fatal (directives, parameters files, refused writes). */
export const CORE_RULE_ID = 'armdsc-lint';

/** A result's path relative to cwd, with `/` between segments; the path itself if it is cwd. */
export function relativePath(cwd: string, filePath: string): string {
  const path = relative(cwd, filePath);
  return path === '' ? filePath : path.split(sep).join('/');
}

export function severityName(severity: LintMessage['severity']): 'error' | 'warning' {
  return severity === 2 ? 'error' : 'warning';
}

/** The capitalised name ESLint's compact and unix formats print. */
export function severityTitle(severity: LintMessage['severity']): 'Error' | 'Warning' {
  return severity === 2 ? 'Error' : 'Warning';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A problem as the one-line formats print it: path and message already escaped. */
export interface ProblemLine {
  path: string;
  text: string;
  message: LintMessage;
}

/** One line per problem, then ESLint's `N problems` summary; nothing when there are no problems. */
export function lineReport(results: readonly LintResult[], cwd: string, formatLine: (problem: ProblemLine) => string): string {
  let output = '';
  let total = 0;
  for (const result of results) {
    const path = escapeControlCharacters(relativePath(cwd, result.filePath));
    for (const message of result.messages) output += `${formatLine({ path, text: singleLine(message.message), message })}\n`;
    total += result.messages.length;
  }
  return total === 0 ? '' : `${output}\n${plural(total, 'problem')}\n`;
}
