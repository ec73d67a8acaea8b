import type { SourceFile, SourceLocation } from '../parse';
import { escapeControlCharacters } from '../text/escape';
import type { Fix, LintMessage, LintResult, RuleMeta, SuppressedMessage } from './types';

/**
 * Replace `{{ name }}` placeholders; unknown names are left in place, as ESLint does. Control
 * characters in the data (which comes from template text) are escaped, so no message can carry a
 * line break or a terminal escape sequence.
 */
export function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? escapeControlCharacters(String(data[name])) : whole));
}

export function messageText(meta: RuleMeta, messageId: string, data: Record<string, string | number> | undefined): string {
  const messages = meta.messages as Record<string, string>;
  const template = Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
  if (template === undefined) throw new Error(`Rule '${meta.id}' reported unknown messageId '${messageId}'`);
  return interpolate(template, data);
}

/** A fatal message of this file (it could not be linted, or not completely), at its start. */
export function fatalMessage(messageId: string, ruleId: string | null, message: string): LintMessage {
  return { ruleId, severity: 2, fatal: true, message, messageId, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** A message as found, with its fix and suggestions still to be computed. */
export interface PendingMessage {
  message: LintMessage;
  computeFix?: () => Fix;
  suggestions?: Array<{ messageId: string; desc: string; computeFix: () => Fix }>;
}

/** The messageId of a file that does not parse. */
export const PARSE_ERROR = 'parse-error';

/** Messages for syntax errors: one fatal message each, at the error's position. */
export function parseErrorMessages(source: SourceFile): PendingMessage[] {
  return source.errors.map((error) => ({
    message: {
      ruleId: null,
      severity: 2,
      fatal: true,
      message: `Parsing error: ${error.message}`,
      messageId: PARSE_ERROR,
      ...source.locationOf(error.offset, error.length),
    },
  }));
}

export function locatedMessage(
  ruleId: string,
  severity: 1 | 2,
  meta: RuleMeta,
  messageId: string,
  data: Record<string, string | number> | undefined,
  location: SourceLocation,
): LintMessage {
  const milder = severity === 2 && (meta.warnings as readonly string[] | undefined)?.includes(messageId);
  return { ruleId, severity: milder ? 1 : severity, message: messageText(meta, messageId, data), messageId, ...location };
}

export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '');
}

/** A result with ESLint's counters. */
export function makeResult(
  filePath: string,
  messages: LintMessage[],
  fixable: (m: LintMessage) => boolean,
  output?: string,
  suppressedMessages: SuppressedMessage[] = [],
): LintResult {
  const result: LintResult = {
    filePath,
    messages,
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    suppressedMessages,
  };
  for (const message of messages) {
    if (message.severity === 2) {
      result.errorCount++;
      if (message.fatal) result.fatalErrorCount++;
      if (fixable(message)) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (fixable(message)) result.fixableWarningCount++;
    }
  }
  if (output !== undefined) result.output = output;
  return result;
}

/** Add messages found after the result was made (the cross-file phase, a refused write; never fixable). */
export function appendMessages(result: LintResult, extra: readonly LintMessage[]): LintResult {
  if (extra.length === 0) return result;
  const errors = extra.filter((m) => m.severity === 2).length;
  return {
    ...result,
    messages: [...result.messages, ...extra].sort(compareMessages),
    errorCount: result.errorCount + errors,
    warningCount: result.warningCount + extra.length - errors,
    fatalErrorCount: result.fatalErrorCount + extra.filter((m) => m.fatal).length,
  };
}
