import { defineRule, INTERNAL_ERROR, lintFile, runCrossFilePhase, type FileLintInput, type FileOutcome, type RuleModule, type RuleSetting } from '../../src/engine';
import { getValue, type SourceLocation } from '../../src/parse';
import { template } from '../support/lint';

const ERROR: RuleSetting = { severity: 2, options: [] };

/** lintFile with `modules` at severity error, as a Linter-like object for the tests below. */
function linterWith(...modules: RuleModule[]) {
  const rules = new Map(modules.map((m) => [m.meta.id, m]));
  const settings = new Map(modules.map((m) => [m.meta.id, ERROR]));
  const linter = {
    lintText: (text: string, options: Omit<FileLintInput, 'text' | 'rules'>) => resultOf(lintFile({ text, rules, ...options })),
  };
  return { linter, settings, rules };
}

/** The outcome as the old `{ kind: 'result' | 'skipped' }` shape the assertions read. */
function resultOf(outcome: FileOutcome) {
  return outcome.kind === 'linted' ? { kind: 'result' as const, result: outcome.result } : { kind: 'skipped' as const, documentKind: outcome.documentKind };
}

/** Reports each resource's `name` value; optionally fixes it to `fixTo`. */
function nameRule(options: { id?: string; fixTo?: string; fixable?: boolean } = {}) {
  return defineRule({
    meta: {
      id: options.id ?? 'test-name',
      type: 'problem',
      severity: 'error',
      fixable: options.fixable ?? options.fixTo !== undefined,
      docs: { description: 'Test rule.' },
      messages: { named: 'Resource is named {{name}}.' },
      schema: [],
    },
    create(context) {
      return {
        resource(resource) {
          const node = getValue(resource.node, 'name');
          if (node?.kind !== 'string' || JSON.stringify(node.value) === options.fixTo) return;
          const fixTo = options.fixTo;
          context.report({
            node,
            messageId: 'named',
            data: { name: node.value },
            fix: fixTo === undefined ? undefined : (fixer) => fixer.replaceText(node, fixTo),
          });
        },
      };
    },
  });
}

/** A rule that throws at every resource. */
function crashingOnResources() {
  return defineRule({
    meta: { id: 'crashing', type: 'problem', severity: 'error', docs: { description: 'x' }, messages: {}, schema: [] },
    create: () => ({
      resource() {
        throw new Error('boom');
      },
    }),
  });
}

const twoResources = template({
  resources: [
    { type: 'Microsoft.Storage/storageAccounts', name: 'one' },
    { type: 'Microsoft.Storage/storageAccounts', name: 'two' },
  ],
});

describe('lintFile', () => {
  it('turns reports into located messages with interpolated text, sorted by position', () => {
    const { linter, settings } = linterWith(nameRule());
    const outcome = linter.lintText(twoResources, { filePath: 'a.json', settings });
    expect(outcome.kind).toBe('result');
    if (outcome.kind !== 'result') return;
    expect(outcome.result.messages.map((m) => [m.ruleId, m.message, m.line, m.column, m.endColumn])).toEqual([
      ['test-name', 'Resource is named one.', 7, 15, 20],
      ['test-name', 'Resource is named two.', 11, 15, 20],
    ]);
    expect(outcome.result.errorCount).toBe(2);
  });

  it('skips documents that are not templates, and says what they are', () => {
    const { linter, settings } = linterWith(nameRule());
    expect(linter.lintText('{"name": "pkg", "version": "1.0.0"}', { filePath: 'package.json', settings })).toEqual({ kind: 'skipped', documentKind: 'other' });
    const parameters = '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}';
    expect(linter.lintText(parameters, { filePath: 'p.json', settings })).toEqual({ kind: 'skipped', documentKind: 'parameters' });
  });

  it('gives one fatal message for the syntax fault of a template that does not parse', () => {
    const { linter, settings } = linterWith(nameRule());
    // The comma is missing before "type" (line 3, columns 32-37).
    const broken = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [ { "name": "a" "type": "x" } ]\n}';
    const outcome = linter.lintText(broken, { filePath: 'broken.json', settings });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    expect(outcome.result.messages).toEqual([
      { ruleId: null, severity: 2, fatal: true, message: 'Parsing error: Expected a comma', messageId: 'parse-error', line: 3, column: 32, endLine: 3, endColumn: 38 },
    ]);
    expect(outcome.result.fatalErrorCount).toBe(1);
  });

  it('reports syntax errors of a named file even when nothing shows it is a template', () => {
    const { linter, settings } = linterWith(nameRule());
    expect(linter.lintText('{ "a": ', { filePath: 'x.json', settings }).kind).toBe('skipped');
    const outcome = linter.lintText('{ "a": ', { filePath: 'x.json', settings, explicit: true });
    expect(outcome.kind === 'result' && outcome.result.messages[0]?.message).toBe('Parsing error: Expected a value');
  });

  it('does not run rules that are off', () => {
    const { linter } = linterWith(nameRule());
    const outcome = linter.lintText(twoResources, { filePath: 'a.json', settings: new Map([['test-name', { severity: 0, options: [] }]]) });
    expect(outcome.kind === 'result' && outcome.result.messages).toEqual([]);
  });

  it('fixes, counts fixable messages, and re-lints the fixed text', () => {
    const { linter, settings } = linterWith(nameRule({ fixTo: '"fixed"' }));
    const dry = linter.lintText(twoResources, { filePath: 'a.json', settings, includeFixes: true });
    if (dry.kind !== 'result') throw new Error('expected a result');
    expect(dry.result.fixableErrorCount).toBe(2);
    expect(dry.result.messages[0]!.fix).toEqual({ range: [twoResources.indexOf('"one"'), twoResources.indexOf('"one"') + 5], text: '"fixed"' });
    expect(dry.result.output).toBeUndefined();

    const fixed = linter.lintText(twoResources, { filePath: 'a.json', settings, fix: true });
    if (fixed.kind !== 'result') throw new Error('expected a result');
    expect(fixed.result.output).toBe(twoResources.replace('"one"', '"fixed"').replace('"two"', '"fixed"'));
    expect(fixed.result.messages).toEqual([]);
  });

  it('never produces output that does not parse', () => {
    const { linter, settings } = linterWith(nameRule({ fixTo: '"broken' }));
    const outcome = linter.lintText(twoResources, { filePath: 'a.json', settings, fix: true });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    expect(outcome.result.output).toBeUndefined();
    expect(outcome.result.messages).toHaveLength(2);
  });

  it('stops when fixes undo each other', () => {
    const flip = (from: string, to: string, id: string) =>
      defineRule({
        meta: { id, type: 'problem', severity: 'error', fixable: true, docs: { description: 'x' }, messages: { m: 'm' }, schema: [] },
        create: (context) => ({
          resource(resource) {
            const node = getValue(resource.node, 'name');
            if (node?.kind === 'string' && node.value === from) context.report({ node, messageId: 'm', fix: (fixer) => fixer.replaceText(node, `"${to}"`) });
          },
        }),
      });
    const { linter, settings } = linterWith(flip('one', 'uno', 'to-uno'), flip('uno', 'one', 'to-one'));
    const outcome = linter.lintText(twoResources, { filePath: 'a.json', settings, fix: true });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    // Pass 1 gives "uno", pass 2 would give back the original text: the loop stops at "uno".
    expect(outcome.result.output).toBe(twoResources.replace('"one"', '"uno"'));
  });

  it('turns a fix from a rule that does not declare meta.fixable into an internal error of that rule', () => {
    const rule = nameRule({ fixTo: '"x"', fixable: false });
    const { linter, settings } = linterWith(rule);
    const outcome = linter.lintText(twoResources, { filePath: 'a.json', settings });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    expect(outcome.result.messages).toEqual([expect.objectContaining({ ruleId: 'test-name', fatal: true, messageId: INTERNAL_ERROR, message: expect.stringContaining('meta.fixable') })]);
  });

  it('reports a rule that throws as a fatal message naming it, disables it for the file, and keeps the other rules', () => {
    const { linter, settings } = linterWith(crashingOnResources(), nameRule());
    const outcome = linter.lintText(twoResources, { filePath: 'a.json', settings });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    expect(outcome.result.messages.map((m) => [m.ruleId, m.messageId, m.fatal ?? false, m.line])).toEqual([
      ['crashing', INTERNAL_ERROR, true, 1],
      ['test-name', 'named', false, 7],
      ['test-name', 'named', false, 11],
    ]);
    expect(outcome.result.messages[0]!.message).toBe("Internal error in rule 'crashing': boom. This is a bug in armdsc-lint; the other rules' results stand.");
    expect(outcome.result.fatalErrorCount).toBe(1);
  });

  it('does not let a directive silence an internal error, though it silences the findings it names', () => {
    const { linter, settings } = linterWith(crashingOnResources(), nameRule());
    // Line 1, where the internal error is placed, and every rule from there on.
    const outcome = linter.lintText(`// armdsc-lint-disable-line -- all\n/* armdsc-lint-disable -- all */ ${twoResources}`, { filePath: 'a.json', settings });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    expect(outcome.result.messages.map((m) => [m.ruleId, m.messageId])).toEqual([['crashing', INTERNAL_ERROR]]);
    expect(outcome.result.suppressedMessages.map((m) => m.ruleId)).toEqual(['test-name', 'test-name']);
  });

  it('puts the stack of an internal error into the message with debug', () => {
    const crashing = defineRule({
      meta: { id: 'crashing', type: 'problem', severity: 'error', docs: { description: 'x' }, messages: {}, schema: [] },
      create: () => {
        throw new Error('at create');
      },
    });
    const { linter, settings } = linterWith(crashing);
    const outcome = linter.lintText(twoResources, { filePath: 'a.json', settings, debug: true });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    expect(outcome.result.messages[0]!.message).toMatch(/^Internal error in rule 'crashing': at create\..*\nError: at create\n\s+at /s);
  });

  it('runs the cross-file phase as a pure function of the files\' run facts, at each file\'s own severity', () => {
    type Kept = { count: number; location: SourceLocation };
    const counting = defineRule({
      meta: { id: 'counting', type: 'suggestion', severity: 'warn', docs: { description: 'x' }, messages: { total: '{{count}} resources in the run' }, schema: [] },
      create: (context) => ({
        'file:exit': (model) => context.keepForRun({ count: model.resources.length, location: context.source.locationOf(0, 1) }),
      }),
      finishRun: (context) => {
        const kept = context.kept<Kept>();
        const count = kept.reduce((sum, k) => sum + k.data.count, 0);
        for (const { filePath, data } of kept) context.report({ filePath, location: data.location, messageId: 'total', data: { count } });
      },
    });
    const rules = new Map([['counting', counting]]);
    const warn = new Map([['counting', { severity: 1 as const, options: [] }]]);
    const a = lintFile({ text: twoResources, filePath: 'a.json', rules, settings: warn, fix: true });
    const b = lintFile({ text: twoResources, filePath: 'b.json', rules, settings: new Map([['counting', ERROR]]) });
    if (a.kind !== 'linted' || b.kind !== 'linted') throw new Error('expected results');
    // The facts are plain data: they survive a trip through JSON (a worker thread, the cache).
    const facts = JSON.parse(JSON.stringify([a, b].map((o) => ({ filePath: o.result.filePath, runFacts: o.runFacts }))));
    const { messages, failures } = runCrossFilePhase(rules, facts, '/');
    expect(failures).toEqual([]);
    expect([...messages.keys()]).toEqual(['a.json', 'b.json']);
    expect(messages.get('a.json')).toEqual([{ ruleId: 'counting', severity: 1, message: '4 resources in the run', messageId: 'total', line: 1, column: 1, endLine: 1, endColumn: 2 }]);
    expect(messages.get('b.json')![0]!.severity).toBe(2);
    expect(runCrossFilePhase(rules, facts, '/')).toEqual({ messages, failures });
  });

  it('reports a cross-file rule that throws as a failure naming it', () => {
    const failing = defineRule({
      meta: { id: 'failing', type: 'suggestion', severity: 'warn', docs: { description: 'x' }, messages: {}, schema: [] },
      create: (context) => ({ 'file:exit': () => context.keepForRun(1) }),
      finishRun: () => {
        throw new Error('run boom');
      },
    });
    const rules = new Map([['failing', failing]]);
    const outcome = lintFile({ text: twoResources, filePath: 'a.json', rules, settings: new Map([['failing', ERROR]]) });
    if (outcome.kind !== 'linted') throw new Error('expected a result');
    const { failures } = runCrossFilePhase(rules, [{ filePath: 'a.json', runFacts: outcome.runFacts }], '/');
    expect(failures.map((f) => [f.ruleId, (f.error as Error).message])).toEqual([['failing', 'run boom']]);
  });
});
