/**
 * Property tests (fast-check): random mutations of the fixtures — truncation, character flips,
 * splices of other fixtures, random expressions, random nesting — never throw out of the engine,
 * never make a rule fail (no internal-error message), put every message inside its file, and
 * leave the CLI with exit code 0 or 1; and the same for mutated real templates with every rule on.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { builtInRules, INTERNAL_ERROR, lintText, type LintResult } from '../../src/index';
import { decodeBytes, LineIndex, parseSource } from '../../src/parse';
import { CORPUS, describeWithCorpus, filesUnder } from '../support/corpus';
import { mutate, mutation, texts } from '../support/mutations';
import { runCli, workspace } from '../support/cli';

function expectInsideFile(result: LintResult, text: string): void {
  const lines = new LineIndex(text);
  const lineLength = (line: number) => (line < lines.lineCount ? lines.lineStart(line + 1) : text.length) - lines.lineStart(line);
  for (const m of result.messages) {
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.endLine).toBeLessThanOrEqual(lines.lineCount);
    expect(m.endLine > m.line || m.endColumn >= m.column).toBe(true);
    expect(m.column).toBeGreaterThanOrEqual(1);
    expect(m.column).toBeLessThanOrEqual(lineLength(m.line) + 1);
    expect(m.endColumn).toBeLessThanOrEqual(lineLength(m.endLine) + 1);
  }
}

describe('mutated fixtures', () => {
  it('never throw, never make a rule fail, and keep every message inside the file', () => {
    let linted = 0;
    let withFindings = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, changes) => {
        const text = changes.reduce(mutate, texts[which % texts.length]!);
        const result = lintText(text, { filePath: 'mutated.json' });
        if (!result) return;
        linted++;
        if (result.messages.some((m) => m.ruleId !== null)) withFindings++;
        expect(result.messages.filter((m) => m.messageId === INTERNAL_ERROR)).toEqual([]);
        expectInsideFile(result, text);
        // Fixing never makes a file that does not parse, and its messages lie inside the fixed text.
        const fixed = lintText(text, { filePath: 'mutated.json', fix: true })!;
        if (fixed.output !== undefined) expect(parseSource(fixed.output).errors).toEqual([]);
        expectInsideFile(fixed, fixed.output ?? text);
      }),
      { numRuns: 500 },
    );
    // The mutations must reach the rules, not only the parser.
    expect(texts.length).toBeGreaterThan(80);
    expect(linted).toBeGreaterThan(250);
    expect(withFindings).toBeGreaterThan(40);
  });

  it('leave the CLI with exit code 0 or 1', async () => {
    const cwd = workspace({});
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutation, async (which, change) => {
        writeFileSync(join(cwd, 'mutated.json'), mutate(texts[which % texts.length]!, change));
        const run = await runCli(['mutated.json', '--fix-dry-run', '--format', 'json'], cwd);
        expect([0, 1]).toContain(run.code);
      }),
      { numRuns: 60 },
    );
  });
});

describeWithCorpus('mutated corpus templates, with every rule on', () => {
  it('never make a rule fail, fix only into text that parses, and keep every message inside the file', () => {
    // Read here, not in the describe body: a skipped describe still runs its body.
    // Every tenth real template under 200 KB: about 570 of them, larger and more varied than the fixtures.
    const sample = filesUnder(CORPUS)
      .filter((path) => path.endsWith('.json') && statSync(path).size < 200_000)
      .filter((_, i) => i % 10 === 0)
      .map((path) => decodeBytes(readFileSync(path)).text);
    const everyRule = Object.fromEntries(builtInRules.map((rule) => [rule.meta.id, 'warn' as const]));
    let linted = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, changes) => {
        const text = changes.reduce(mutate, sample[which % sample.length]!);
        const result = lintText(text, { filePath: 'mutated.json', fix: true, rules: everyRule });
        if (!result) return;
        linted++;
        expect(result.messages.filter((m) => m.messageId === INTERNAL_ERROR)).toEqual([]);
        if (result.output !== undefined) expect(parseSource(result.output).errors).toEqual([]);
        expectInsideFile(result, result.output ?? text);
      }),
      { numRuns: 1000, seed: 20261201 },
    );
    expect(sample.length).toBeGreaterThan(400);
    expect(linted).toBeGreaterThan(900);
  });
});
