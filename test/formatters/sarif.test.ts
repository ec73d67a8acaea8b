import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules, rulesMeta } from '../../src';
import type { LintMessage, LintResult, RuleMeta } from '../../src/engine';
import { formatters } from '../../src/formatters/all';
import { firstParagraph } from '../../src/formatters/sarif';
import { context, result } from './results';
import { sarifRun } from './sarif-fixture';

/** The parts of a SARIF log these tests read. */
interface Log {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: Record<string, unknown> & { rules: Array<Record<string, unknown> & { id: string }> } };
    invocations: Array<{ executionSuccessful: boolean }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: Array<{
      ruleId: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      partialFingerprints: Record<string, string>;
      fixes?: unknown;
      suppressions?: unknown;
    }>;
  }>;
}

const sarifOf = (results: LintResult[], cwd = '/repo'): Log => JSON.parse(formatters.sarif!(results, context({ cwd, rulesMeta: rulesMeta() }))) as Log;
const run = (results: LintResult[], cwd?: string) => sarifOf(results, cwd).runs[0]!;

const message = (overrides: Partial<LintMessage> = {}): LintMessage => ({
  ruleId: 'dsc-sas-token',
  severity: 2,
  message: 'Token missing.',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  ...overrides,
});

describe('sarif', () => {
  it('writes a SARIF 2.1.0 log with one run of armdsc-lint', () => {
    const log = sarifOf([]);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toEqual({
      name: 'armdsc-lint',
      fullName: 'armdsc-lint 1.2.3',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: 'https://github.com/armdsc-lint/armdsc-lint',
      rules: expect.any(Array),
    });
    expect(log.runs[0]!.invocations).toEqual([{ executionSuccessful: true }]);
    expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('lists every rule of the run sorted by id, then the synthetic fatal and core rules', () => {
    const ids = run([]).tool.driver.rules.map((rule) => rule.id);
    expect(ids).toEqual([...[...rules.keys()].sort(), 'fatal', 'armdsc-lint']);
    expect(run([]).tool.driver.rules.at(-2)).toMatchObject({ id: 'fatal', name: 'FatalError', defaultConfiguration: { level: 'error' } });
    expect(run([]).tool.driver.rules.at(-1)).toMatchObject({ id: 'armdsc-lint', name: 'LinterNotice' });
  });

  it("reports armdsc-lint's own messages that are not fatal under the core rule, not the fatal one", () => {
    const unused = message({ ruleId: null, messageId: 'unused-disable-directive', message: 'Unused armdsc-lint directive.' });
    const log = run([result('/repo/a.json', [unused])]);
    expect(log.results[0]).toMatchObject({ ruleId: 'armdsc-lint', ruleIndex: log.tool.driver.rules.length - 1, level: 'error' });
  });

  it("describes a rule from its meta and its docs page, with the page's links made absolute", () => {
    const descriptor = run([]).tool.driver.rules.find((rule) => rule.id === 'dsc-sas-token')!;
    const meta = rules.get('dsc-sas-token')!.meta;
    const page = fs.readFileSync(join(__dirname, '../../docs/rules/dsc-sas-token.md'), 'utf8');
    expect(descriptor).toMatchObject({
      name: 'DscSasToken',
      shortDescription: { text: meta.docs.description },
      helpUri: 'https://github.com/armdsc-lint/armdsc-lint/blob/main/docs/rules/dsc-sas-token.md',
      defaultConfiguration: { level: 'error' },
    });
    // The page's first paragraph: the description, then its severity and fixability.
    const fullDescription = descriptor.fullDescription as { text: string; markdown: string };
    expect(fullDescription.markdown).toBe(page.split('\n')[2]);
    expect(fullDescription.text).toBe(`${meta.docs.description} Severity: error. Fixable: yes (--fix).`);
    const help = descriptor.help as { text: string; markdown: string };
    expect(help.text).toBe(`${fullDescription.text}\n\nDocumentation: ${meta.docs.url}`);
    expect(help.markdown).toBe(page.replace(/\]\(\.\/([a-z-]+\.md)\)/g, '](https://github.com/armdsc-lint/armdsc-lint/blob/main/docs/rules/$1)'));
    expect(help.markdown).toContain('[dsc-vmss-node-name](https://github.com/armdsc-lint/armdsc-lint/blob/main/docs/rules/dsc-vmss-node-name.md)');
  });

  it('falls back to the description for a rule without a docs page, and maps warn to warning', () => {
    const meta: RuleMeta = { id: 'no-page-rule', type: 'suggestion', severity: 'warn', docs: { description: 'Prefer `x`.' }, messages: {}, schema: [] };
    const log = JSON.parse(formatters.sarif!([], context({ rulesMeta: { 'no-page-rule': meta } }))) as Log;
    expect(log.runs[0]!.tool.driver.rules[0]).toEqual({
      id: 'no-page-rule',
      name: 'NoPageRule',
      shortDescription: { text: 'Prefer `x`.' },
      fullDescription: { text: 'Prefer x.', markdown: 'Prefer `x`.' },
      help: { text: 'Prefer x.', markdown: 'Prefer `x`.' },
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('reports a message with its rule index, level, and a location relative to %SRCROOT%, percent-encoded', () => {
    const { results, tool } = run([result('/repo/nested/my templates/vm-ü#1.json', [message({ severity: 1, line: 12, column: 40, endLine: 13, endColumn: 2 })])]);
    expect(results).toEqual([
      {
        ruleId: 'dsc-sas-token',
        ruleIndex: tool.driver.rules.findIndex((rule) => rule.id === 'dsc-sas-token'),
        level: 'warning',
        message: { text: 'Token missing.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'nested/my%20templates/vm-%C3%BC%231.json', uriBaseId: '%SRCROOT%' },
              region: { startLine: 12, startColumn: 40, endLine: 13, endColumn: 2 },
            },
          },
        ],
        partialFingerprints: { 'armdscLint/v1': expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
  });

  it('gives a file outside the working directory an absolute file URI without a base', () => {
    const [outside] = run([result('/elsewhere/my file.json', [message()])]).results;
    expect(outside!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'file:///elsewhere/my%20file.json' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } } }]);
  });

  it('reports a fatal message under the fatal rule, and an internal error as an unsuccessful execution', () => {
    const parseError = message({ ruleId: null, fatal: true, message: 'Parsing error: Expected a comma' });
    const parsed = run([result('/repo/broken.json', [parseError])]);
    expect(parsed.results[0]).toMatchObject({ ruleId: 'fatal', ruleIndex: parsed.tool.driver.rules.length - 2, level: 'error', message: { text: 'Parsing error: Expected a comma' } });
    expect(parsed.invocations).toEqual([{ executionSuccessful: true }]);

    const crashed = run([result('/repo/a.json', [message({ ruleId: null, fatal: true, messageId: 'internal-error', message: 'Internal error: boom' })])]);
    expect(crashed.invocations).toEqual([{ executionSuccessful: false }]);
  });

  it('reports suppressed messages, in position order, with in-source suppressions', () => {
    const suppressed = [
      { ...message({ line: 1 }), suppressions: [{ kind: 'directive' as const, justification: 'public storage' }] },
      { ...message({ line: 9 }), suppressions: [{ kind: 'metadata' as const, justification: '' }] },
    ];
    const { results } = run([result('/repo/a.json', [message({ line: 5 })], suppressed)]);
    expect(results.map((r) => [r.locations[0]!.physicalLocation.region.startLine, r.suppressions])).toEqual([
      [1, [{ kind: 'inSource', justification: 'public storage' }]],
      [5, undefined],
      [9, [{ kind: 'inSource' }]],
    ]);
  });

  it('turns the fix and the suggestions of a message into SARIF fixes with character offsets', () => {
    const fixed = message({ fix: { range: [100, 104], text: '"x"' }, suggestions: [{ desc: 'Insert the token.', fix: { range: [200, 200], text: ', "t": 1' } }] });
    const { fixes } = run([result('/repo/a b.json', [fixed])]).results[0]!;
    const artifactLocation = { uri: 'a%20b.json', uriBaseId: '%SRCROOT%' };
    expect(fixes).toEqual([
      { description: { text: 'Fix applied by armdsc-lint --fix.' }, artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: { charOffset: 100, charLength: 4 }, insertedContent: { text: '"x"' } }] }] },
      { description: { text: 'Insert the token.' }, artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: { charOffset: 200, charLength: 0 }, insertedContent: { text: ', "t": 1' } }] }] },
    ]);
  });

  describe('fingerprints', () => {
    const fingerprints = (results: LintResult[]) => run(results).results.map((r) => r.partialFingerprints['armdscLint/v1']);
    const differs = (where: string) => message({ ruleId: 'dsc-consistent-auto-upgrade', severity: 1, message: `autoUpgradeMinorVersion is false here but true in 2 other DSC extension(s) (first at ${where}).` });

    it('stay the same when the finding moves to another line or column', () => {
      expect(fingerprints([result('/repo/a.json', [message({ line: 40, column: 2, endLine: 41, endColumn: 1 })])])).toEqual(fingerprints([result('/repo/a.json', [message()])]));
    });

    it('ignore line numbers and counts cited in the message', () => {
      expect(fingerprints([result('/repo/a.json', [differs('b.json:12')])])).toEqual(fingerprints([result('/repo/a.json', [differs('b.json:120')])]));
    });

    it('tell apart rules, files, messages, and repeated identical findings in a file', () => {
      const all = fingerprints([
        result('/repo/a.json', [message({ line: 1 }), message({ line: 2 }), message({ line: 3, message: 'Other.' }), message({ line: 4, ruleId: 'dsc-vmss-node-name' })]),
        result('/repo/b.json', [message({ line: 1 })]),
      ]);
      expect(new Set(all).size).toBe(5);
    });

    it('of later findings do not change when an earlier identical one is suppressed', () => {
      const [, second] = fingerprints([result('/repo/a.json', [message({ line: 1 }), message({ line: 2 })])]);
      const [, secondAfterSuppression] = fingerprints([result('/repo/a.json', [message({ line: 2 })], [{ ...message({ line: 1 }), suppressions: [{ kind: 'directive', justification: '' }] }])]);
      expect(secondAfterSuppression).toBe(second);
    });
  });

  it('escapes C1 control characters in the JSON text, keeping the value', () => {
    const text = formatters.sarif!([result('/repo/a.json', [message({ message: 'Value "\x9b31m\x1b[2J".' })])], context());
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect((JSON.parse(text) as Log).runs[0]!.results[0]!.message).toEqual({ text: 'Value "\x9b31m\x1b[2J".' });
  });

  it('reads each docs page once per process', () => {
    jest.isolateModules(() => {
      const read = jest.spyOn(fs, 'readFileSync');
      try {
        // A fresh copy of the formatter module, with an empty cache.
        const { sarif } = jest.requireActual<typeof import('../../src/formatters/sarif')>('../../src/formatters/sarif');
        const meta = { 'dsc-sas-token': rules.get('dsc-sas-token')!.meta };
        sarif([], context({ rulesMeta: meta }));
        sarif([], context({ rulesMeta: meta }));
        const pageReads = read.mock.calls.filter(([path]) => String(path).endsWith(join('docs', 'rules', 'dsc-sas-token.md')));
        expect(pageReads).toHaveLength(1);
      } finally {
        read.mockRestore();
      }
    });
  });
});

describe('firstParagraph', () => {
  it('takes the paragraph after the title, its lines joined', () => {
    expect(firstParagraph('# rule-id\n\nFirst line\n  second line.\n\nNext paragraph.\n')).toBe('First line second line.');
  });

  it('stops at a heading and reads a page without a title from the top', () => {
    expect(firstParagraph('Intro text.\n## Rule Details\nMore.')).toBe('Intro text.');
  });
});

/**
 * The Multitool is a .NET program shipped inside its npm package, per platform. Where it cannot
 * run, the validation is skipped with the reason printed, not passed.
 */
function findMultitool(): { path: string } | { reason: string } {
  let path: string;
  try {
    path = createRequire(__filename)('@microsoft/sarif-multitool') as string;
  } catch (error) {
    return { reason: `@microsoft/sarif-multitool has no binary for ${process.platform}: ${(error as Error).message}` };
  }
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { reason: `${path} --version failed: ${probe.error?.message ?? probe.stderr}` };
  return { path };
}

interface ValidationLog {
  runs: Array<{
    tool: { driver: { rules?: Array<{ id: string; defaultConfiguration?: { level?: string }; messageStrings?: Record<string, { text: string }> }> } };
    results?: Array<{ ruleId: string; ruleIndex?: number; level?: string; message: { id?: string; text?: string; arguments?: string[] } }>;
    invocations?: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ level?: string; message: { text?: string } }> }>;
  }>;
}

/** The Multitool's findings at or above warning level, as readable `id: message` lines. */
function findingsOf(validation: ValidationLog): string[] {
  return validation.runs.flatMap(({ tool, results = [], invocations = [] }) => [
    ...results.flatMap((finding) => {
      const rule = tool.driver.rules?.find((r) => r.id === finding.ruleId);
      const level = finding.level ?? rule?.defaultConfiguration?.level ?? 'warning';
      if (level !== 'error' && level !== 'warning') return [];
      const template = finding.message.text ?? rule?.messageStrings?.[finding.message.id ?? '']?.text ?? '';
      return [`${level} ${finding.ruleId}: ${template.replace(/\{(\d+)\}/g, (_, n: string) => finding.message.arguments?.[Number(n)] ?? '')}`];
    }),
    ...invocations.flatMap((invocation) => [
      ...(invocation.executionSuccessful ? [] : ['execution failed']),
      ...(invocation.toolExecutionNotifications ?? []).filter((n) => n.level === 'error').map((n) => `notification: ${n.message.text}`),
    ]),
  ]);
}

describe('sarif, checked by the SARIF Multitool', () => {
  const multitool = findMultitool();
  if ('reason' in multitool) console.warn(`Skipping SARIF Multitool validation: ${multitool.reason}`);
  const itWithMultitool = 'path' in multitool ? it : it.skip;

  itWithMultitool('is valid SARIF and meets GitHub code scanning requirements, with no errors or warnings', () => {
    const directory = fs.mkdtempSync(join(tmpdir(), 'armdsc-sarif-'));
    try {
      const cwd = join(directory, 'repo');
      const sarifFile = join(directory, 'armdsc-lint.sarif');
      const validationFile = join(directory, 'validation.sarif');
      fs.writeFileSync(sarifFile, formatters.sarif!(sarifRun(cwd), context({ cwd, rulesMeta: rulesMeta(), version: '1.0.0' })));
      // Passed without a shell: the npx wrapper runs it through one, which would split "Sarif;Ghas".
      const validate = spawnSync((multitool as { path: string }).path, ['validate', sarifFile, '--output', validationFile, '--rule-kind', 'Sarif;Ghas'], { encoding: 'utf8' });
      expect(validate.error).toBeUndefined();
      expect(validate.status).toBe(0);
      const validation = JSON.parse(fs.readFileSync(validationFile, 'utf8')) as ValidationLog;
      expect(findingsOf(validation)).toEqual([]);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
