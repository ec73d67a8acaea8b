import { SaxesParser } from 'saxes';
import { formatters } from '../../src/formatters/all';
import { context, problems, result, suppressedOnly } from './results';

interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** Parse with a strict XML 1.0 parser: its well-formedness errors, and the elements with their decoded text. */
function parseXml(xml: string): { errors: string[]; elements: Element[] } {
  const parser = new SaxesParser();
  const errors: string[] = [];
  const elements: Element[] = [];
  const open: Element[] = [];
  parser.on('error', (error) => errors.push(error.message));
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  return { errors, elements };
}

describe('junit', () => {
  it('writes a test suite per file, a failing test case per problem, and a passing one for a clean file', () => {
    expect(formatters.junit!(problems, context())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="armdsc-lint" tests="4" failures="2" errors="1">',
        '  <testsuite name="clean.json" tests="1" failures="0" errors="0">',
        '    <testcase classname="clean.json" name="no problems"/>',
        '  </testsuite>',
        '  <testsuite name="templates/web.json" tests="2" failures="2" errors="0">',
        '    <testcase classname="templates/web.json" name="dsc-sas-token 9:20">',
        '      <failure message="Token missing." type="dsc-sas-token">9:20  error  Token missing.  dsc-sas-token</failure>',
        '    </testcase>',
        '    <testcase classname="templates/web.json" name="dsc-consistent-auto-upgrade 120:3">',
        '      <failure message="Differs&#10;  here." type="dsc-consistent-auto-upgrade">120:3  warning  Differs&#10;  here.  dsc-consistent-auto-upgrade</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="broken.json" tests="1" failures="0" errors="1">',
        '    <testcase classname="broken.json" name="fatal 130:1">',
        '      <error message="Parsing error: Expected a comma" type="fatal">130:1  error  Parsing error: Expected a comma</error>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('stays well-formed XML with hostile file names and messages, and keeps their text readable', () => {
    const message = `"double" 'single' ]]> <script>alert(1)</script> & \x1b[31m \x00\x0b\x7f\x9b lone \ud800 \udc00 ok \ud83d\ude00 \ufffe\uffff\r\nnext line`;
    const hostile = [result('/repo/a&b <"c">.json', [{ ruleId: 'dsc-sas-token', severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 2 }])];
    const output = formatters.junit!(hostile, context());
    const { errors, elements } = parseXml(output);
    expect(errors).toEqual([]);
    expect(output).not.toContain("'");

    const shown = `"double" 'single' ]]> <script>alert(1)</script> & \\x1b[31m \\x00\\x0b\\x7f\\x9b lone \\ud800 \\udc00 ok \ud83d\ude00 \\ufffe\\uffff\r\nnext line`;
    const failure = elements.find((e) => e.name === 'failure')!;
    expect(failure.attributes).toEqual({ message: shown, type: 'dsc-sas-token' });
    expect(failure.text).toBe(`1:1  error  ${shown}  dsc-sas-token`);
    expect(elements.find((e) => e.name === 'testsuite')!.attributes.name).toBe('a&b <"c">.json');
    expect(elements.some((e) => e.name === 'script')).toBe(false);
  });

  it('leaves suppressed messages out: the file passes', () => {
    expect(formatters.junit!(suppressedOnly, context())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="armdsc-lint" tests="1" failures="0" errors="0">',
        '  <testsuite name="a.json" tests="1" failures="0" errors="0">',
        '    <testcase classname="a.json" name="no problems"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty report for no files', () => {
    expect(formatters.junit!([], context())).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="armdsc-lint" tests="0" failures="0" errors="0">\n</testsuites>\n');
  });
});
