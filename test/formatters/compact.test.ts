import { formatters } from '../../src/formatters/all';
import { context, hostile, problems, suppressedOnly } from './results';

describe('compact', () => {
  it('prints one line per problem in ESLint compact shape, relative paths, then the number of problems', () => {
    expect(formatters.compact!(problems, context())).toBe(
      [
        'templates/web.json: line 9, col 20, Error - Token missing. (dsc-sas-token)',
        'templates/web.json: line 120, col 3, Warning - Differs here. (dsc-consistent-auto-upgrade)',
        'broken.json: line 130, col 1, Error - Parsing error: Expected a comma',
        '',
        '3 problems',
        '',
      ].join('\n'),
    );
  });

  it('says "1 problem" and escapes control characters in paths and messages', () => {
    expect(formatters.compact!(hostile, context())).toBe('evil\\x1b]0;owned\\x07.json: line 1, col 2, Warning - Value "\\x1b[2J\\x9b31m" here. (dsc-sas-token)\n\n1 problem\n');
  });

  it('prints nothing when there are no problems, suppressed ones included', () => {
    expect(formatters.compact!(suppressedOnly, context())).toBe('');
    expect(formatters.compact!([], context())).toBe('');
  });
});
