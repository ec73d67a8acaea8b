/** A report longer than V8's longest string fails in one line (FormatterFailed: exit 2), not as an internal error. */
import { FormatterFailed, loadFormatter, type LintResult } from '../../src/index';

it('a built-in format whose report would pass the longest string fails with a message that says so', async () => {
  // Three messages of 2^28 characters (one string, shared) make a report over 2^29 - 24.
  const text = 'x'.repeat(2 ** 28);
  const message = { ruleId: 'template-duplicate-keys', severity: 2 as const, message: text, line: 1, column: 1, endLine: 1, endColumn: 2 };
  const results: LintResult[] = [
    { filePath: '/work/a.json', messages: [message, message, message], suppressedMessages: [], errorCount: 3, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 },
  ];
  const compact = await loadFormatter('compact', '/work');
  const formatting = compact(results, { cwd: '/work', color: false, rulesMeta: {}, version: '1.0.0' });
  await expect(formatting).rejects.toThrow(FormatterFailed);
  await expect(formatting).rejects.toThrow(
    'The compact report is longer than the longest string Node.js can hold (about 512 MB of text): lint fewer files at a time, or with fewer rules',
  );
});
