import { formatters } from '../../src/formatters/all';
import { context as baseContext, hostile, result } from './results';

const context = (color: boolean) => baseContext({ color });

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

  it('shows control characters in file names and messages as visible escapes', () => {
    expect(formatters.stylish!(hostile, context(false))).toBe(
      ['', 'evil\\x1b]0;owned\\x07.json', '  1:2  warning  Value "\\x1b[2J\\x9b31m" here.  dsc-sas-token', '', '\u2716 1 problem (0 errors, 1 warning)', ''].join('\n'),
    );
  });

  it('collapses a line break inside a long whitespace run, and keeps a long run without one', () => {
    const spaces = ' '.repeat(200_000);
    const long = [
      result('/repo/a.json', [{ ruleId: 'dsc-sas-token', severity: 2, message: `a${spaces}b`, line: 1, column: 1, endLine: 1, endColumn: 2 }]),
      result('/repo/b.json', [{ ruleId: 'dsc-sas-token', severity: 2, message: `c${spaces}\r\n\t${spaces}d`, line: 2, column: 1, endLine: 2, endColumn: 2 }]),
    ];
    // Long runs of spaces shown by their length, so that a failure prints a readable diff.
    const countedSpaces = (text: string) => text.replace(/ {10,}/g, (run) => `<${run.length} spaces>`);
    expect(countedSpaces(formatters.stylish!(long, context(false)))).toBe(
      ['', 'a.json', '  1:1  error  a<200000 spaces>b  dsc-sas-token', '', 'b.json', '  2:1  error  c d  dsc-sas-token', '', '\u2716 2 problems (2 errors, 0 warnings)', ''].join('\n'),
    );
  });
});
