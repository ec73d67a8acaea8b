/**
 * Lints every real template in ../shared/corpus/templates (when that checkout is present): no
 * crash, and every reported position lies inside its file.
 */
import { readFileSync } from 'node:fs';
import { lintFiles, type LintReport } from '../../src/index';
import { decodeBytes, LineIndex, parseSource } from '../../src/parse';
import { CORPUS, describeWithCorpus } from '../support/corpus';


describeWithCorpus('the real-template corpus (../shared/corpus)', () => {
  let report: LintReport;

  beforeAll(async () => {
    report = await lintFiles([CORPUS], { cwd: CORPUS });
  }, 120_000);

  it('lints every file as a template without crashing, but those with nothing beside a $schema', () => {
    expect(report.results.length + report.skipped.length).toBeGreaterThan(5000);
    // Editors' and linters' test inputs: a $schema with no template section (only test keys, or nothing).
    const sections = new Set(['contentversion', 'resources', 'parameters', 'variables', 'functions', 'outputs']);
    const withSections = report.skipped.filter(({ filePath }) => {
      const root = parseSource(decodeBytes(readFileSync(filePath)).text).root;
      return root?.kind !== 'object' || root.properties.some((p) => sections.has(p.key.value.toLowerCase()));
    });
    expect(withSections).toEqual([]);
    expect(report.skipped.length).toBeLessThan(100);
  });

  it('puts every message inside its file', () => {
    const outside: string[] = [];
    for (const result of report.results) {
      if (result.messages.length === 0) continue;
      const text = decodeBytes(readFileSync(result.filePath)).text;
      const lines = new LineIndex(text);
      const lineLength = (line: number) => (line < lines.lineCount ? lines.lineStart(line + 1) : text.length) - lines.lineStart(line);
      for (const m of result.messages) {
        const inside =
          m.line >= 1 && m.endLine <= lines.lineCount && (m.endLine > m.line || m.endColumn >= m.column) &&
          m.column >= 1 && m.column <= lineLength(m.line) + 1 && m.endColumn <= lineLength(m.endLine) + 1;
        if (!inside) outside.push(`${result.filePath}:${m.line}:${m.column} ${m.ruleId}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('reports syntax errors only for the files that really do not parse', () => {
    const broken = report.results.filter((r) => r.fatalErrorCount > 0);
    // 21 corpus files are documentation snippets with placeholders ("...") or a stray rule body.
    expect(broken.length).toBe(21);
    expect(broken.every((r) => r.messages.every((m) => m.fatal))).toBe(true);
  });
});
