/**
 * Rule documentation pages (docs/rules/<rule-id>.md) are checked against the rules: every rule has
 * a page with the expected sections, every message text appears on it, every example is linted
 * with only that rule (incorrect examples must be reported, correct ones must not), and the
 * before/after shown in a fixable rule's "Fix" section is what --fix really does to an example.
 *
 * Examples are linted with lintFiles as `azuredeploy.json` in a temporary workspace, so rules
 * that read the files a template names can show them: in an example section, a block whose
 * info string names a path (```` ```powershell DSC/Web.zip/Web.ps1 ````) is a file of the
 * workspace of the next example (a path through `<name>.zip/` is an entry of that archive).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles, rules, type LintMessage, type RuleModule } from '../../src/index';
import { lintWithRule, onlyRule } from '../support/lint';
import { createWorkspace, type WorkspaceFile } from '../support/workspace';

const DOCS_DIR = join(__dirname, '..', '..', 'docs', 'rules');
const INCORRECT = 'Examples of incorrect code';
const CORRECT = 'Examples of correct code';

interface Heading {
  level: number;
  text: string;
  line: number;
}

interface CodeBlock {
  language: string;
  /** The workspace path the block's text is written to, for a file beside an example. */
  path: string | undefined;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The nearest heading above the block. */
  heading: Heading | undefined;
}

interface RulePage {
  lines: string[];
  headings: Heading[];
  blocks: CodeBlock[];
}

/** Headings and fenced code blocks of a Markdown page (headings inside code are not headings). */
function parsePage(markdown: string): RulePage {
  const lines = markdown.split(/\r?\n/);
  const headings: Heading[] = [];
  const blocks: CodeBlock[] = [];
  let open: { language: string; path: string | undefined; line: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const line = index + 1;
    if (open) {
      if (/^```\s*$/.test(text)) {
        blocks.push({ language: open.language, path: open.path, text: open.body.join('\n'), line: open.line, heading: headings[headings.length - 1] });
        open = undefined;
      } else {
        open.body.push(text);
      }
      return;
    }
    const fence = /^```(\S*)(?:\s+(\S+))?\s*$/.exec(text);
    if (fence) {
      open = { language: fence[1]!, path: fence[2], line, body: [] };
      return;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(text);
    if (heading) headings.push({ level: heading[1]!.length, text: heading[2]!, line });
  });
  if (open) throw new Error(`Unclosed code fence at line ${open.line}`);
  return { lines, headings, blocks };
}

const blocksUnder = (page: RulePage, headingText: string): CodeBlock[] => page.blocks.filter((b) => b.heading?.text === headingText && b.path === undefined);

/** The examples under a heading, each with the file blocks written since the example before it. */
function examplesUnder(page: RulePage, headingText: string): Array<{ example: CodeBlock; files: WorkspaceFile[] }> {
  const examples: Array<{ example: CodeBlock; files: WorkspaceFile[] }> = [];
  let files: WorkspaceFile[] = [];
  for (const block of page.blocks.filter((b) => b.heading?.text === headingText)) {
    if (block.path !== undefined) {
      files.push({ path: block.path, content: `${block.text}\n` });
      continue;
    }
    examples.push({ example: block, files });
    files = [];
  }
  return examples;
}

/** An example linted with one rule as azuredeploy.json beside its files; undefined when it is not linted as a template. */
async function lintExample(ruleId: string, text: string, files: readonly WorkspaceFile[]): Promise<{ messages: LintMessage[]; fatalErrorCount: number } | undefined> {
  const workspace = createWorkspace([{ path: 'azuredeploy.json', content: text }, ...files]);
  try {
    const { results } = await lintFiles([workspace.path('azuredeploy.json')], { cwd: workspace.root, rules: onlyRule(ruleId) });
    return results[0];
  } finally {
    workspace.remove();
  }
}

/** The line right under the title: description, severity, fixability. */
function expectedSummary(rule: RuleModule): string {
  const intended = rule.meta.severity === 'error' ? 'error' : 'warning';
  const milder = rule.meta.warnings?.length && intended === 'error' ? ` (${rule.meta.warnings.map((id) => `\`${id}\``).join(', ')}: warning)` : '';
  const severity = rule.meta.recommended === false ? `off by default (${intended} when turned on)` : `${intended}${milder}`;
  const fixable = rule.meta.fixable ? 'yes (`--fix`)' : 'no';
  return `${rule.meta.docs.description} **Severity:** ${severity}. **Fixable:** ${fixable}.`;
}

/** H2 sections in the order the pages follow (ESLint's convention). */
function expectedSections(rule: RuleModule): string[] {
  return ['Rule Details', 'Options', ...(rule.meta.fixable ? ['Fix'] : []), 'When Not To Use It', 'Related'];
}

/** Index of `needle` as a run of consecutive lines in `haystack`, or -1. */
function indexOfLines(haystack: readonly string[], needle: readonly string[]): number {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((line, i) => haystack[start + i] === line)) return start;
  }
  return -1;
}

/** A unified-diff block's text before and after (context lines belong to both). */
function sidesOfDiff(diff: string): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  for (const line of diff.split('\n')) {
    const [marker, rest] = [line.slice(0, 1), line.slice(1)];
    if (marker !== '+') before.push(rest);
    if (marker !== '-') after.push(rest);
  }
  return { before, after };
}

it('every page in docs/rules documents a known rule', () => {
  const pageIds = readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -'.md'.length));
  expect(pageIds.filter((id) => !rules.has(id))).toEqual([]);
});

for (const [ruleId, rule] of rules) {
  describe(`docs/rules/${ruleId}.md`, () => {
    const path = join(DOCS_DIR, `${ruleId}.md`);

    it('exists', () => {
      expect(existsSync(path)).toBe(true);
    });
    if (!existsSync(path)) return;
    const page = parsePage(readFileSync(path, 'utf8'));

    it('has the rule id as title, then the description, severity and fixability', () => {
      expect(page.lines[0]).toBe(`# ${ruleId}`);
      expect(page.lines.slice(1).find((line) => line.trim() !== '')).toBe(expectedSummary(rule));
    });

    it('has the H2 sections in order, and the example sections under Rule Details', () => {
      const sections = page.headings.filter((h) => h.level === 2).map((h) => h.text);
      expect(sections).toEqual(expectedSections(rule));
      const subsections = page.headings.filter((h) => h.level === 3).map((h) => h.text);
      expect(subsections).toEqual([INCORRECT, CORRECT]);
      const lineOf = (level: number, text: string) => page.headings.find((h) => h.level === level && h.text === text)!.line;
      expect(lineOf(3, INCORRECT)).toBeGreaterThan(lineOf(2, 'Rule Details'));
      expect(lineOf(3, CORRECT)).toBeLessThan(lineOf(2, 'Options'));
    });

    it('quotes the text of every message', () => {
      const text = page.lines.join('\n');
      for (const [messageId, message] of Object.entries(rule.meta.messages)) {
        expect({ messageId, quoted: text.includes(`\`${message}\``) }).toEqual({ messageId, quoted: true });
      }
    });

    it('says whether the rule takes options, and shows the --rule syntax when it does', () => {
      const options = page.lines.slice(page.headings.find((h) => h.text === 'Options')!.line).join('\n');
      if (rule.meta.schema.length === 0) expect(options).toContain('This rule has no options.');
      else expect(options).toMatch(new RegExp(`--rule '${ruleId}:\\["warn",\\{.*\\}\\]'`));
    });

    it('has only jsonc examples, at least one of each kind', () => {
      for (const heading of [INCORRECT, CORRECT]) {
        const blocks = blocksUnder(page, heading);
        expect(blocks.length).toBeGreaterThan(0);
        expect(blocks.map((b) => b.language)).toEqual(blocks.map(() => 'jsonc'));
      }
    });

    it('writes every file block before an example', () => {
      for (const heading of [INCORRECT, CORRECT]) {
        const last = page.blocks.filter((b) => b.heading?.text === heading).pop();
        expect(last?.path).toBeUndefined();
      }
    });

    for (const { example, files } of examplesUnder(page, INCORRECT)) {
      it(`incorrect example at line ${example.line} is reported`, async () => {
        const result = await lintExample(ruleId, example.text, files);
        expect(result?.fatalErrorCount).toBe(0);
        expect(result?.messages.filter((m) => m.ruleId === ruleId).length).toBeGreaterThan(0);
      });
    }

    for (const { example, files } of examplesUnder(page, CORRECT)) {
      it(`correct example at line ${example.line} is not reported`, async () => {
        // No message at all: neither a parse error nor a finding of the rule.
        expect((await lintExample(ruleId, example.text, files))?.messages).toEqual([]);
      });
    }

    it('links only to rule pages that exist', () => {
      const targets = [...page.lines.join('\n').matchAll(/\]\(\.\/([^)#]+)\)/g)].map((m) => m[1]!);
      expect(targets.filter((target) => !existsSync(join(DOCS_DIR, target)))).toEqual([]);
    });

    if (rule.meta.fixable) {
      it('shows in the Fix section what --fix does to an incorrect example', () => {
        const diffs = blocksUnder(page, 'Fix').filter((b) => b.language === 'diff');
        expect(diffs.length).toBeGreaterThan(0);
        const examples = blocksUnder(page, INCORRECT).map((example) => ({
          before: example.text.split('\n'),
          after: (lintWithRule(ruleId, example.text, { fix: true }).output ?? example.text).split('\n'),
        }));
        for (const diff of diffs) {
          const { before, after } = sidesOfDiff(diff.text);
          const shown = examples.some((e) => indexOfLines(e.before, before) >= 0 && indexOfLines(e.after, after) >= 0);
          expect({ diffAtLine: diff.line, shown }).toEqual({ diffAtLine: diff.line, shown: true });
        }
      });

      it('fixes every fixable incorrect example to text that parses and is no longer fixable', () => {
        for (const example of blocksUnder(page, INCORRECT)) {
          const fixed = lintWithRule(ruleId, example.text, { fix: true });
          if (fixed.output === undefined) continue;
          expect(lintWithRule(ruleId, fixed.output).fatalErrorCount).toBe(0);
          expect(fixed.messages.filter((m) => m.fix)).toEqual([]);
        }
      });
    }
  });
}

describe('parsePage', () => {
  it('finds headings and fenced blocks, ignoring heading-like lines inside code', () => {
    const page = parsePage(['# id', '', '### A', '```jsonc', '# not a heading', '{}', '```', '## B', '```diff', '-x', '```'].join('\n'));
    expect(page.headings.map((h) => [h.level, h.text, h.line])).toEqual([
      [1, 'id', 1],
      [3, 'A', 3],
      [2, 'B', 8],
    ]);
    expect(page.blocks.map((b) => [b.language, b.text, b.line, b.heading?.text])).toEqual([
      ['jsonc', '# not a heading\n{}', 4, 'A'],
      ['diff', '-x', 9, 'B'],
    ]);
  });

  it('reads a path after the language as a file of the next example', () => {
    const page = parsePage(['### A', '```powershell DSC/Web.zip/Web.ps1', 'Configuration Web {}', '```', '```jsonc', '{}', '```', '```jsonc', '[]', '```'].join('\n'));
    expect(page.blocks.map((b) => [b.language, b.path])).toEqual([
      ['powershell', 'DSC/Web.zip/Web.ps1'],
      ['jsonc', undefined],
      ['jsonc', undefined],
    ]);
    expect(examplesUnder(page, 'A').map(({ example, files }) => [example.text, files])).toEqual([
      ['{}', [{ path: 'DSC/Web.zip/Web.ps1', content: 'Configuration Web {}\n' }]],
      ['[]', []],
    ]);
  });
});
