/**
 * Property tests (fast-check): random mutations of the fixtures — truncation, character flips,
 * splices of other fixtures, random expressions, random nesting — never throw out of the engine,
 * never make a rule fail (no internal-error message), put every message inside its file, and
 * leave the CLI with exit code 0 or 1.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { INTERNAL_ERROR, lintText, type LintResult } from '../../src/index';
import { decodeBytes, LineIndex, parseSource } from '../../src/parse';
import { runCli, workspace } from '../support/cli';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templateFiles(path);
    return /\.jsonc?$/.test(name) && !/\.(expected|fixed)\.json$/.test(name) ? [path] : [];
  });
}

const texts = templateFiles(FIXTURES).map((path) => decodeBytes(readFileSync(path)).text);

const EXPRESSIONS = [
  "[concat(parameters('a'), variables('b'))]",
  "[if(parameters('flag'), 'localhost', variables('name'))]",
  "[format('{0}{1}', parameters('x'), copyIndex())]",
  "[variables('names')[copyIndex()]]",
  "[uri(parameters('_artifactsLocation'), concat('DSC/x.zip', parameters('_artifactsLocationSasToken')))]",
  '[concat(',
  "[reference(resourceId('Microsoft.Compute/virtualMachines', 'vm')).osProfile.computerName]",
  "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 's'), '2019-06-01').keys[0].value]",
  '[[not an expression]',
  "[replace(replace('aaaa', 'a', 'aa'), 'a', 'aa')]",
];

/** A mutation of a fixture text. */
// Weighted so that about half the mutations keep the text parseable and reach the rules.
const mutation = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), char: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\n', '/', '*', '\u201d', '\u0000', 'x') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), from: fc.nat(), start: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 400 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('expression' as const), at: fc.nat(), expression: fc.constantFrom(...EXPRESSIONS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 400 }), array: fc.boolean() }) },
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, change: Mutation): string {
  const position = (at: number) => Math.floor(at * text.length);
  switch (change.kind) {
    case 'truncate':
      return text.slice(0, position(change.at));
    case 'flip': {
      const i = position(change.at);
      return text.slice(0, i) + change.char + text.slice(i + 1);
    }
    case 'splice': {
      const other = texts[change.from % texts.length]!;
      const start = Math.floor(change.start * other.length);
      const i = position(change.at);
      return text.slice(0, i) + other.slice(start, start + change.length) + text.slice(i);
    }
    case 'expression': {
      // Replace the n-th string value with the expression.
      const strings = [...text.matchAll(/: "(?:[^"\\\n]|\\.)*"/g)];
      const target = strings.length > 0 ? strings[change.at % strings.length]! : undefined;
      if (!target) return text;
      return `${text.slice(0, target.index)}: ${JSON.stringify(change.expression)}${text.slice(target.index + target[0].length)}`;
    }
    case 'nest': {
      // Wrap the first value of "resources" in nested arrays or objects.
      const at = text.indexOf('"resources"');
      if (at < 0) return text;
      const colon = text.indexOf(':', at) + 1;
      const open = change.array ? '['.repeat(change.depth) : '{"n":'.repeat(change.depth);
      const close = change.array ? ']'.repeat(change.depth) : '}'.repeat(change.depth);
      return `${text.slice(0, colon)} ${open}${close},"resources2":${text.slice(colon)}`;
    }
  }
}

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
