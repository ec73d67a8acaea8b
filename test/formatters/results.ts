import type { LintMessage, LintResult, SuppressedMessage } from '../../src/engine';
import type { FormatterContext } from '../../src/formatters';

/** A result with ESLint's counters worked out from its messages. */
export function result(filePath: string, messages: LintMessage[], suppressedMessages: SuppressedMessage[] = []): LintResult {
  const count = (severity: 1 | 2, fixable = false) => messages.filter((m) => m.severity === severity && (!fixable || m.fix !== undefined)).length;
  return {
    filePath,
    messages,
    errorCount: count(2),
    warningCount: count(1),
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    suppressedMessages,
  };
}

export function context(overrides: Partial<FormatterContext> = {}): FormatterContext {
  return { cwd: '/repo', color: false, rulesMeta: {}, version: '1.2.3', ...overrides };
}

/** Problems of every kind the line formats print: two rules, two severities, a fatal error. */
export const problems: LintResult[] = [
  result('/repo/clean.json', []),
  result('/repo/templates/web.json', [
    { ruleId: 'dsc-sas-token', severity: 2, message: 'Token missing.', line: 9, column: 20, endLine: 9, endColumn: 40 },
    { ruleId: 'dsc-consistent-auto-upgrade', severity: 1, message: 'Differs\n  here.', line: 120, column: 3, endLine: 121, endColumn: 9 },
  ]),
  result('/repo/broken.json', [{ ruleId: null, severity: 2, fatal: true, message: 'Parsing error: Expected a comma', line: 130, column: 1, endLine: 130, endColumn: 2 }]),
];

/** A warning in a file whose name and message carry terminal escape sequences. */
export const hostile: LintResult[] = [
  result('/repo/evil\x1b]0;owned\x07.json', [{ ruleId: 'dsc-sas-token', severity: 1, message: 'Value "\x1b[2J\x9b31m" here.', line: 1, column: 2, endLine: 1, endColumn: 3 }]),
];

/** A message silenced in the template itself: formats for humans do not show it. */
export const suppressedOnly: LintResult[] = [
  result('/repo/a.json', [], [{ ruleId: 'dsc-sas-token', severity: 2, message: 'Token missing.', line: 1, column: 1, endLine: 1, endColumn: 2, suppressions: [{ kind: 'directive', justification: 'public storage' }] }]),
];
