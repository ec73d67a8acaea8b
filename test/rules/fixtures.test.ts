/**
 * Fixture-driven rule tests. For every rule, fixtures/<rule-id>/valid/* must give no message of
 * that rule; fixtures/<rule-id>/invalid/<name>.json(c) must give exactly the messages listed in
 * <name>.expected.json — messageId, the full message text, line, column, endLine, endColumn, and
 * the suggestions' descriptions when listed — as ESLint's RuleTester compares them; a fixable
 * rule's invalid fixture with <name>.fixed.json must fix to that text, which parses and no longer
 * has any fixable message of the rule.
 *
 * Rules that read the files a template names (DSC archives) report nothing on text alone. Their
 * fixtures are folders: fixtures/<rule-id>/{valid,invalid}/<name>/ holds templates and the files
 * beside them (a folder `<archive>.zip.d/` is zipped at test time), is copied to a temporary
 * workspace and linted there with lintFiles; each template T.json gives exactly the messages of
 * T.expected.json beside it (none when there is no such file, and none at all under valid/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintFiles, rules } from '../../src/index';
import { decodeBytes, parseSource } from '../../src/parse';
import type { LintMessage } from '../../src/index';
import { lintWithRule, onlyRule, positions } from '../support/lint';
import { createWorkspace, fixtureFiles } from '../support/workspace';

interface ExpectedMessage {
  messageId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions?: string[];
}

/** A message as the expected file lists it (suggestions only when the expectation names them). */
function asExpected(message: LintMessage, expected: ExpectedMessage | undefined): Record<string, unknown> {
  const { messageId, line, column, endLine, endColumn } = message;
  const shown: Record<string, unknown> = { messageId, message: message.message, line, column, endLine, endColumn };
  if (expected?.suggestions) shown.suggestions = (message.suggestions ?? []).map((s) => s.desc);
  return shown;
}

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const isTemplateFile = (name: string): boolean => /\.jsonc?$/.test(name) && !/\.(expected|fixed)\.jsonc?$/.test(name);
const readText = (path: string): string => decodeBytes(readFileSync(path)).text;
const workspaceFolders = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()) : []);

/** Lint a fixture folder as a workspace: each template's messages, by its path in the folder. */
async function lintFixtureFolder(ruleId: string, folder: string): Promise<Array<{ path: string; messages: LintMessage[]; fatalErrorCount: number }>> {
  const workspace = createWorkspace(fixtureFiles(folder));
  try {
    const { results } = await lintFiles([workspace.root], { cwd: workspace.root, rules: onlyRule(ruleId), includeFixes: true });
    return results.map((result) => ({ path: relative(workspace.root, result.filePath), messages: result.messages, fatalErrorCount: result.fatalErrorCount }));
  } finally {
    workspace.remove();
  }
}

for (const [ruleId, rule] of rules) {
  describe(ruleId, () => {
    const validDir = join(FIXTURES, ruleId, 'valid');
    const invalidDir = join(FIXTURES, ruleId, 'invalid');

    it('has valid and invalid fixtures', () => {
      expect(readdirSync(validDir).filter(isTemplateFile).length + workspaceFolders(validDir).length).toBeGreaterThan(0);
      expect(readdirSync(invalidDir).filter(isTemplateFile).length + workspaceFolders(invalidDir).length).toBeGreaterThan(0);
      const fixedOutputs = readdirSync(invalidDir).filter((name) => /\.fixed\.jsonc?$/.test(name));
      expect(fixedOutputs.length > 0).toBe(rule.meta.fixable === true);
    });

    for (const name of existsSync(validDir) ? readdirSync(validDir).filter(isTemplateFile) : []) {
      it(`valid/${name} gives no ${ruleId} message`, () => {
        const result = lintWithRule(ruleId, readText(join(validDir, name)), { filePath: join(validDir, name) });
        expect(result.fatalErrorCount).toBe(0);
        expect(positions(result.messages)).toEqual([]);
      });
    }

    for (const name of workspaceFolders(validDir)) {
      it(`valid/${name}/ gives no ${ruleId} message`, async () => {
        const results = await lintFixtureFolder(ruleId, join(validDir, name));
        expect(results.length).toBeGreaterThan(0);
        expect(results.map(({ path, fatalErrorCount, messages }) => ({ path, fatalErrorCount, messages: positions(messages) }))).toEqual(
          results.map(({ path }) => ({ path, fatalErrorCount: 0, messages: [] })),
        );
      });
    }

    for (const name of workspaceFolders(invalidDir)) {
      it(`invalid/${name}/ gives the expected messages`, async () => {
        const folder = join(invalidDir, name);
        const results = await lintFixtureFolder(ruleId, folder);
        expect(results.length).toBeGreaterThan(0);
        for (const { path, messages, fatalErrorCount } of results) {
          const expectedPath = join(folder, path.replace(/\.jsonc?$/, '.expected.json'));
          const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedMessage[]) : [];
          expect(fatalErrorCount).toBe(0);
          expect({ path, messages: messages.map((m, i) => asExpected(m, expected[i])) }).toEqual({ path, messages: expected });
          for (const message of messages) expect(message.ruleId).toBe(ruleId);
        }
        expect(results.some(({ messages }) => messages.length > 0)).toBe(true);
      });
    }

    for (const name of existsSync(invalidDir) ? readdirSync(invalidDir).filter(isTemplateFile) : []) {
      const base = join(invalidDir, name.replace(/\.jsonc?$/, ''));
      it(`invalid/${name} gives the expected messages`, () => {
        const expected = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as ExpectedMessage[];
        for (const entry of expected) expect(typeof entry.message).toBe('string');
        const result = lintWithRule(ruleId, readText(join(invalidDir, name)), { filePath: join(invalidDir, name) });
        expect(result.fatalErrorCount).toBe(0);
        expect(result.messages.map((m, i) => asExpected(m, expected[i]))).toEqual(expected);
        for (const message of result.messages) {
          expect(message.ruleId).toBe(ruleId);
          expect(message.message).not.toMatch(/\{\{/);
        }
      });

      const fixedPath = [`${base}.fixed.json`, `${base}.fixed.jsonc`].find((p) => existsSync(p));
      if (rule.meta.fixable && fixedPath) {
        it(`invalid/${name} fixes to ${fixedPath.slice(invalidDir.length + 1)}`, () => {
          const fixed = lintWithRule(ruleId, readText(join(invalidDir, name)), { fix: true });
          const expectedText = readText(fixedPath);
          expect(fixed.output).toBe(expectedText);
          expect(parseSource(expectedText).errors).toEqual([]);
          const again = lintWithRule(ruleId, expectedText);
          expect(again.messages.filter((m) => m.fix)).toEqual([]);
        });
      }
    }
  });
}
