import type { LintResult } from '../../src/engine';
import { formatters } from '../../src/formatters';

function result(filePath: string, messages: LintResult['messages']): LintResult {
  const errors = messages.filter((m) => m.severity === 2).length;
  return { filePath, messages, errorCount: errors, warningCount: messages.length - errors, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, suppressedMessages: [] };
}

const context = (color: boolean) => ({ cwd: '/repo', color, rulesMeta: {}, version: '0.0.0' });

describe('stylish', () => {
  const results = [
    result('/repo/clean.json', []),
    result('/repo/templates/a.json', [
      { ruleId: 'dsc-sas-token', severity: 2, message: 'Token missing.', line: 9, column: 20, endLine: 9, endColumn: 40 },
      { ruleId: 'dsc-consistent-auto-upgrade', severity: 1, message: 'Differs\nhere.', line: 120, column: 3, endLine: 120, endColumn: 9 },
      { ruleId: null, severity: 2, fatal: true, message: 'Parsing error: Expected a comma', line: 130, column: 1, endLine: 130, endColumn: 2 },
    ]),
  ];

  it('aligns columns, keeps messages on one line, and ends lines without trailing spaces', () => {
    expect(formatters.stylish!(results, context(false))).toBe(
      [
        '',
        'templates/a.json',
        '  9:20   error    Token missing.                   dsc-sas-token',
        '  120:3  warning  Differs here.                    dsc-consistent-auto-upgrade',
        '  130:1  error    Parsing error: Expected a comma',
        '',
        '\u2716 3 problems (2 errors, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there are no problems', () => {
    expect(formatters.stylish!([result('/repo/clean.json', [])], context(false))).toBe('');
  });

  it('colours by severity and keeps the alignment of the visible text', () => {
    const coloured = formatters.stylish!(results, context(true));
    expect(coloured).toContain('\x1b[31merror\x1b[39m');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(formatters.stylish!(results, context(false)));
  });
});
