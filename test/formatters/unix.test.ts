import { formatters } from '../../src/formatters/all';
import { context, hostile, problems, suppressedOnly } from './results';

describe('unix', () => {
  it('prints path:line:col: message [Severity/rule-id] per problem, then the number of problems', () => {
    expect(formatters.unix!(problems, context())).toBe(
      [
        'templates/web.json:9:20: Token missing. [Error/dsc-sas-token]',
        'templates/web.json:120:3: Differs here. [Warning/dsc-consistent-auto-upgrade]',
        'broken.json:130:1: Parsing error: Expected a comma [Error]',
        '',
        '3 problems',
        '',
      ].join('\n'),
    );
  });

  it('shows paths outside the working directory relative to it', () => {
    expect(formatters.unix!(problems.slice(2), context({ cwd: '/repo/templates' }))).toBe('../broken.json:130:1: Parsing error: Expected a comma [Error]\n\n1 problem\n');
  });

  it('escapes control characters in paths and messages', () => {
    expect(formatters.unix!(hostile, context())).toBe('evil\\x1b]0;owned\\x07.json:1:2: Value "\\x1b[2J\\x9b31m" here. [Warning/dsc-sas-token]\n\n1 problem\n');
  });

  it('prints nothing when there are no problems, suppressed ones included', () => {
    expect(formatters.unix!(suppressedOnly, context())).toBe('');
  });
});
