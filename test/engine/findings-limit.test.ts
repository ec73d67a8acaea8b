/**
 * At most MAX_FINDINGS_PER_FILE findings of a file are kept; past that they are counted, and one
 * note at the first finding not kept says how many. A 15 MB template of repeated keys gave 2.5
 * million findings: 3.2 GB, and an internal error ("Invalid string length") for the whole run.
 */
import { lintText, type LintMessage, type LintResult } from '../../src/index';
import { MAX_FINDINGS_PER_FILE, TOO_MANY_FINDINGS } from '../../src/engine/lint-file';

const HEADER = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []';

/**
 * A template whose `variables` repeat the key "a" `count + 1` times, one per line from line 4, with
 * `between(n)` on a line of its own before the n-th repetition (1-based, not the first key). The
 * rule reports every key but the last, which is the one ARM keeps: `count` findings.
 */
function repeatedKeys(count: number, between: (n: number) => string | undefined = () => undefined): string {
  const lines = ['{', `  ${HEADER},`, '  "variables": {', '    "a": 1'];
  for (let n = 1; n <= count; n++) {
    const extra = between(n);
    if (extra !== undefined) lines.push(extra);
    lines.push(`    ,"a": 1`);
  }
  lines.push('  }', '}');
  return lines.join('\n');
}

function lint(text: string, options: Parameters<typeof lintText>[1] = {}): LintResult {
  const result = lintText(text, { filePath: 'keys.json', rules: { 'template-duplicate-keys': 'error' }, ...options });
  if (!result) throw new Error('not linted as a template');
  return result;
}

const notes = (messages: LintMessage[]) => messages.filter((m) => m.messageId === TOO_MANY_FINDINGS);

describe('the findings of one file are limited', () => {
  it('keeps the first findings and says, at the first one not kept, how many more there are', () => {
    const result = lint(repeatedKeys(MAX_FINDINGS_PER_FILE + 5));
    expect(result.messages).toHaveLength(MAX_FINDINGS_PER_FILE + 1);
    expect(result.messages.filter((m) => m.ruleId === 'template-duplicate-keys')).toHaveLength(MAX_FINDINGS_PER_FILE);
    const [note] = notes(result.messages);
    // The first finding not kept is the 10,001st key: line 4 + 10,000, at its key.
    expect(note).toEqual({
      ruleId: null,
      severity: 2,
      messageId: TOO_MANY_FINDINGS,
      message: '5 more findings in this file are not shown (armdsc-lint shows at most 10,000 of a file); the first of them is here.',
      line: 4 + MAX_FINDINGS_PER_FILE,
      column: 6,
      endLine: 4 + MAX_FINDINGS_PER_FILE,
      endColumn: 9,
    });
    // Every finding counts, shown or not, so an omitted error still fails the run.
    expect(result.errorCount).toBe(MAX_FINDINGS_PER_FILE + 5);
  });

  it('adds no note at the limit itself', () => {
    const result = lint(repeatedKeys(MAX_FINDINGS_PER_FILE));
    expect(result.messages).toHaveLength(MAX_FINDINGS_PER_FILE);
    expect(notes(result.messages)).toEqual([]);
  });

  it('gives the note the severity of the worst finding it stands for', () => {
    const result = lint(repeatedKeys(MAX_FINDINGS_PER_FILE + 1), { rules: { 'template-duplicate-keys': 'warn' } });
    expect(notes(result.messages).map((m) => [m.severity, m.message])).toEqual([
      [1, '1 more finding in this file is not shown (armdsc-lint shows at most 10,000 of a file); the first of them is here.'],
    ]);
    expect([result.errorCount, result.warningCount]).toEqual([0, MAX_FINDINGS_PER_FILE + 1]);
  });

  it('counts the findings past the limit by their own severities', () => {
    // 10,003 duplicate keys at warn, then an expression error in the outputs: 3 warnings and the error are not shown.
    const text = repeatedKeys(MAX_FINDINGS_PER_FILE + 3).replace(/\n {2}\}\n\}$/, '\n  },\n  "outputs": { "o": { "type": "string", "value": "[concat(\'a\']" } }\n}');
    const result = lint(text, { rules: { 'template-duplicate-keys': 'warn', 'expression-syntax': 'error' } });
    expect(notes(result.messages).map((m) => [m.severity, m.message])).toEqual([
      [2, '4 more findings in this file are not shown (armdsc-lint shows at most 10,000 of a file); the first of them is here.'],
    ]);
    expect(result.messages).toHaveLength(MAX_FINDINGS_PER_FILE + 1);
    expect([result.errorCount, result.warningCount]).toEqual([1, MAX_FINDINGS_PER_FILE + 3]);
  });

  it('does not count a suppressed finding past the limit, and still counts its directive as used', () => {
    const directiveAt = MAX_FINDINGS_PER_FILE + 2;
    const text = repeatedKeys(MAX_FINDINGS_PER_FILE + 3, (n) => (n === directiveAt ? '    // armdsc-lint-disable-next-line template-duplicate-keys -- generated' : undefined));
    const result = lint(text, { reportUnusedDisableDirectives: true });
    expect(notes(result.messages).map((m) => m.message)).toEqual([
      '2 more findings in this file are not shown (armdsc-lint shows at most 10,000 of a file); the first of them is here.',
    ]);
    expect(result.messages.filter((m) => m.ruleId === null)).toHaveLength(1);
  });

  it('keeps as many suppressed findings, and adds no note for the rest of them', () => {
    const text = repeatedKeys(MAX_FINDINGS_PER_FILE + 3).replace('"variables": {', '/* armdsc-lint-disable template-duplicate-keys */ "variables": {');
    const result = lint(text);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toHaveLength(MAX_FINDINGS_PER_FILE);
  });
});
