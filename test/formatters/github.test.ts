import { formatters } from '../../src/formatters/all';
import { context, hostile, problems, result, suppressedOnly } from './results';

describe('github', () => {
  it('prints one workflow command per problem, with columns only when the range is on one line', () => {
    expect(formatters.github!(problems, context())).toBe(
      [
        '::error file=templates/web.json,line=9,endLine=9,col=20,endColumn=40,title=dsc-sas-token::Token missing. [dsc-sas-token]',
        '::warning file=templates/web.json,line=120,endLine=121,title=dsc-consistent-auto-upgrade::Differs%0A  here. [dsc-consistent-auto-upgrade]',
        '::error file=broken.json,line=130,endLine=130,col=1,endColumn=2,title=armdsc-lint::Parsing error: Expected a comma',
        '',
      ].join('\n'),
    );
  });

  it('escapes % CR LF in the message, and also : and , in property values', () => {
    const tricky = [result('/repo/a,b:c%d\r\n.json', [{ ruleId: 'dsc-sas-token', severity: 2, message: '100% sure:\r\na, b', line: 1, column: 1, endLine: 1, endColumn: 2 }])];
    expect(formatters.github!(tricky, context())).toBe(
      '::error file=a%2Cb%3Ac%25d%0D%0A.json,line=1,endLine=1,col=1,endColumn=2,title=dsc-sas-token::100%25 sure:%0D%0Aa, b [dsc-sas-token]\n',
    );
  });

  it('shows other control characters as visible escapes', () => {
    expect(formatters.github!(hostile, context())).toBe(
      '::warning file=evil\\x1b]0;owned\\x07.json,line=1,endLine=1,col=2,endColumn=3,title=dsc-sas-token::Value "\\x1b[2J\\x9b31m" here. [dsc-sas-token]\n',
    );
  });

  it('does not annotate suppressed messages, and prints nothing without problems', () => {
    expect(formatters.github!(suppressedOnly, context())).toBe('');
  });
});
