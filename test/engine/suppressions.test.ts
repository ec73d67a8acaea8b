/**
 * Suppressions: comment directives, metadata, the subject of a finding reported elsewhere,
 * unused and unknown directives, --no-inline-config, and cross-file findings.
 */
import { lintFiles, lintText, type LintResult, type UnusedDirectivesSetting } from '../../src/index';
import { workspace } from '../support/cli';

const HEADER = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0"';

/** A scale-set profile item whose nodeName is "web0", with `before` written on the lines above it. */
function scaleSet(before: string, itemExtra = ''): string {
  return [
    '{',
    `  ${HEADER},`,
    '  "resources": [',
    '    {',
    '      "type": "Microsoft.Compute/virtualMachineScaleSets", "apiVersion": "2024-07-01", "name": "web",',
    '      "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [',
    `        { "name": "DSC", ${itemExtra}"properties": {`,
    '          "publisher": "Microsoft.Powershell", "type": "DSC", "typeHandlerVersion": "2.83", "autoUpgradeMinorVersion": true,',
    '          "settings": { "configurationArguments": {',
    before,
    '            "nodeName": "web0"',
    '          } }',
    '        } }',
    '      ] } } }',
    '    }',
    '  ]',
    '}',
  ].join('\n');
}

function lint(text: string, options: Parameters<typeof lintText>[1] = {}): LintResult {
  const result = lintText(text, { rules: { 'dsc-extension-retirement': 'off' }, ...options });
  if (!result) throw new Error('not a template');
  return result;
}

const ids = (result: LintResult) => result.messages.map((m) => m.ruleId ?? m.messageId);

describe('comment directives', () => {
  it('disable-next-line silences the next line, keeps the finding with its reason in suppressedMessages', () => {
    const result = lint(scaleSet('            // armdsc-lint-disable-next-line dsc-vmss-node-name -- the image names itself'));
    expect(result.messages).toEqual([]);
    expect(result.errorCount).toBe(0);
    expect(result.suppressedMessages).toEqual([
      expect.objectContaining({ ruleId: 'dsc-vmss-node-name', line: 11, suppressions: [{ kind: 'directive', justification: 'the image names itself' }] }),
    ]);
  });

  it.each([
    ['disable-next-line', '            // armdsc-lint-disable-next-line -- the image names itself'],
    ['disable', '            /* armdsc-lint-disable -- the image names itself */'],
  ])('%s without rule ids but with a reason silences every rule, with that reason', (_kind, directive) => {
    const result = lint(scaleSet(directive));
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toEqual([
      expect.objectContaining({ ruleId: 'dsc-vmss-node-name', line: 11, suppressions: [{ kind: 'directive', justification: 'the image names itself' }] }),
    ]);
  });

  it('disable-line silences its own line, and only the rules it names', () => {
    const text = scaleSet('').replace('"nodeName": "web0"', '"nodeName": "web0" // armdsc-lint-disable-line dsc-sas-token');
    expect(ids(lint(text))).toEqual(['dsc-vmss-node-name']);
    const named = scaleSet('').replace('"nodeName": "web0"', '"nodeName": "web0" // armdsc-lint-disable-line dsc-vmss-node-name');
    expect(ids(lint(named))).toEqual([]);
  });

  it('a disable/enable block silences what is between, and a directive without ids silences every rule', () => {
    const block = scaleSet('            /* armdsc-lint-disable */').replace('          } }\n        } }', '          } }\n        /* armdsc-lint-enable */ } }');
    const result = lint(block);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages.map((m) => m.ruleId)).toEqual(['dsc-vmss-node-name']);
    const after = lint(scaleSet('            /* armdsc-lint-disable dsc-vmss-node-name */ /* armdsc-lint-enable dsc-vmss-node-name */'));
    expect(ids(after)).toEqual(['dsc-vmss-node-name']);
  });

  it('reports a directive that names an unknown rule, with the closest id', () => {
    const result = lint(scaleSet('            // armdsc-lint-disable-next-line dsc-vmss-nodename'));
    expect(result.messages.map((m) => [m.messageId, m.message, m.line])).toEqual([
      ['unknown-rule-in-directive', "Unknown rule 'dsc-vmss-nodename' in armdsc-lint-disable-next-line (did you mean 'dsc-vmss-node-name'?).", 10],
      ['notLocalhost', expect.any(String), 11],
    ]);
  });

  it('reports a disable-line comment over several lines, which silences nothing, as in ESLint', () => {
    const text = scaleSet('').replace('"nodeName": "web0"', '"nodeName": "web0" /* armdsc-lint-disable-line dsc-vmss-node-name\n          */');
    expect(lint(text).messages.map((m) => [m.messageId, m.message, m.line, m.column, m.endLine])).toEqual([
      ['notLocalhost', expect.any(String), 11, 25, 11],
      [
        'invalid-directive',
        'armdsc-lint-disable-line must not span several lines, so it silences nothing: use armdsc-lint-disable-next-line, or a disable/enable block.',
        11,
        32,
        12,
      ],
    ]);
  });

  it('never applies the fix of a suppressed finding', () => {
    const text = scaleSet('            // armdsc-lint-disable-next-line dsc-vmss-node-name -- kept on purpose');
    expect(lint(text, { fix: true }).output).toBeUndefined();
  });

  it('reports directives that silence nothing with --report-unused-disable-directives, and --fix removes them', () => {
    const text = scaleSet('            // armdsc-lint-disable-next-line dsc-sas-token\n            // armdsc-lint-disable-next-line dsc-vmss-node-name');
    const result = lint(text, { reportUnusedDisableDirectives: true });
    expect(result.messages.map((m) => [m.messageId, m.message, m.line, m.column])).toEqual([
      ['unused-disable-directive', "Unused armdsc-lint directive (no problems were reported from 'dsc-sas-token').", 10, 13],
    ]);
    const fixed = lint(text, { reportUnusedDisableDirectives: true, fix: true });
    expect(fixed.output).toBe(text.replace('            // armdsc-lint-disable-next-line dsc-sas-token\n', ''));
    expect(fixed.messages).toEqual([]);
  });

  it("reports unused directives at the severity asked for: 'warn', 'error' (or true), not with 'off'", () => {
    const text = scaleSet('            // armdsc-lint-disable-next-line dsc-sas-token\n            /* armdsc-lint-enable */');
    const unused = (setting: UnusedDirectivesSetting) =>
      lint(text, { reportUnusedDisableDirectives: setting })
        .messages.filter((m) => m.messageId === 'unused-disable-directive')
        .map((m) => m.severity);
    expect(unused('warn')).toEqual([1, 1]);
    expect(unused('error')).toEqual([2, 2]);
    expect(unused(true)).toEqual([2, 2]);
    expect(unused('off')).toEqual([]);
    // A warning is still fixable: --fix removes both comments.
    expect(lint(text, { reportUnusedDisableDirectives: 'warn', fix: true }).output).toBe(lint(scaleSet('@').replace('@\n', ''), { fix: true }).output);
  });

  it('reports an enable directive that closes no block with --report-unused-disable-directives, and --fix removes it', () => {
    // One closes the block before it; the other two close nothing: one names a rule, one names none.
    const before = [
      '            /* armdsc-lint-disable dsc-vmss-node-name */ /* armdsc-lint-enable dsc-vmss-node-name */',
      '            /* armdsc-lint-enable dsc-sas-token */',
      '            // armdsc-lint-enable',
    ].join('\n');
    const text = scaleSet(before);
    expect(lint(text).messages.map((m) => m.messageId)).toEqual(['notLocalhost']);
    const result = lint(text, { reportUnusedDisableDirectives: true });
    expect(result.messages.map((m) => [m.messageId, m.message, m.line, m.column, m.endColumn])).toEqual([
      ['unused-disable-directive', "Unused armdsc-lint directive (no problems were reported from 'dsc-vmss-node-name').", 10, 13, 57],
      ['unused-disable-directive', "Unused armdsc-lint-enable directive (no armdsc-lint-disable block is open for 'dsc-sas-token').", 11, 13, 51],
      ['unused-disable-directive', 'Unused armdsc-lint-enable directive (no armdsc-lint-disable block is open).', 12, 13, 34],
      ['notLocalhost', expect.any(String), 13, 25, 31],
    ]);
    // The enable left alone once its disable is gone closes nothing either: every directive goes.
    const fixed = lint(text, { reportUnusedDisableDirectives: true, fix: true });
    expect(fixed.messages).toEqual([]);
    const withoutDirectives = scaleSet('@').replace('@\n', '');
    expect(fixed.output).toBe(lint(withoutDirectives, { fix: true }).output);
  });

  it('--no-inline-config ignores directives and metadata', () => {
    const text = scaleSet('            // armdsc-lint-disable-next-line dsc-vmss-node-name');
    expect(ids(lint(text, { inlineConfig: false }))).toEqual(['dsc-vmss-node-name']);
  });
});

describe('metadata', () => {
  it('"armdsc-lint" metadata on an extension silences those rules inside it, with its justification', () => {
    const text = scaleSet('', '"metadata": { "armdsc-lint": { "disable": ["dsc-vmss-node-name"], "justification": "a single-instance pool" } }, ');
    const result = lint(text);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages[0]!.suppressions).toEqual([{ kind: 'metadata', justification: 'a single-instance pool' }]);
  });

  it('metadata on the template covers the whole file; an unknown id there is reported', () => {
    const text = scaleSet('').replace('"contentVersion": "1.0.0.0"', '"contentVersion": "1.0.0.0", "metadata": { "armdsc-lint": { "disable": ["dsc-vmss-node-name", "no-such-rule"] } }');
    expect(lint(text).messages.map((m) => m.message)).toEqual(["Unknown rule 'no-such-rule' in metadata \"armdsc-lint\".disable."]);
  });
});

describe('a finding reported in a shared variable', () => {
  // The nodeName sits in a variable the extension takes its arguments from: the finding is
  // reported there, and can be silenced at the extension it concerns.
  const shared = (extensionMetadata: string) => `{
  ${HEADER},
  "variables": { "arguments": { "nodeName": "web0" } },
  "resources": [
    { "type": "Microsoft.Compute/virtualMachineScaleSets", "apiVersion": "2024-07-01", "name": "web",
      "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [
        { "name": "DSC", ${extensionMetadata}"properties": { "publisher": "Microsoft.Powershell", "type": "DSC", "typeHandlerVersion": "2.83", "autoUpgradeMinorVersion": true,
          "settings": { "configurationArguments": "[variables('arguments')]" } } }
      ] } } } }
  ]
}`;

  it('is silenced by metadata on the extension it concerns, though it points into the variable', () => {
    const open = lint(shared(''));
    expect(open.messages.filter((m) => m.ruleId === 'dsc-vmss-node-name').map((m) => m.line)).toEqual([3]);
    const silenced = lint(shared('"metadata": { "armdsc-lint": { "disable": ["dsc-vmss-node-name"] } }, '));
    expect(silenced.messages.filter((m) => m.ruleId === 'dsc-vmss-node-name')).toEqual([]);
    expect(silenced.suppressedMessages.map((m) => [m.ruleId, m.line])).toEqual([['dsc-vmss-node-name', 3]]);
  });

  it('is silenced by a directive on the line before the extension', () => {
    const text = shared('').replace('        { "name": "DSC"', '        // armdsc-lint-disable-next-line dsc-vmss-node-name -- one instance\n        { "name": "DSC"');
    expect(lint(text).suppressedMessages.map((m) => m.ruleId)).toEqual(['dsc-vmss-node-name']);
  });
});

describe('cross-file findings', () => {
  const vmExtension = (version: string, comment = '') => `{
  ${HEADER},
  "resources": [
    { "type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-07-01", "name": "vm", "properties": {} },
    { "type": "Microsoft.Compute/virtualMachines/extensions", "apiVersion": "2024-07-01", "name": "vm/dsc", "dependsOn": ["vm"],
      "properties": { "publisher": "Microsoft.Powershell", "type": "DSC", "autoUpgradeMinorVersion": true,
${comment}        "typeHandlerVersion": "${version}" } }
  ]
}`;

  it('obey the directives of the file they land in, which are then not unused', async () => {
    const cwd = workspace({
      'a.json': vmExtension('2.83'),
      'b.json': vmExtension('2.83'),
      'c.json': vmExtension('2.77', '        // armdsc-lint-disable-next-line dsc-consistent-type-handler-version -- pinned for the old image\n'),
    });
    const report = await lintFiles([], {
      cwd,
      rules: { 'dsc-consistent-type-handler-version': ['warn', { scope: 'run' }], 'dsc-extension-retirement': 'off', 'dsc-type-handler-version': 'off' },
      reportUnusedDisableDirectives: true,
    });
    const c = report.results[2]!;
    expect(c.messages).toEqual([]);
    expect(c.suppressedMessages).toEqual([expect.objectContaining({ ruleId: 'dsc-consistent-type-handler-version', suppressions: [{ kind: 'directive', justification: 'pinned for the old image' }] })]);
  });

  it('a directive for a cross-file rule that silences nothing is reported unused after the run', async () => {
    const cwd = workspace({ 'a.json': vmExtension('2.83', '        // armdsc-lint-disable-next-line dsc-consistent-type-handler-version\n'), 'b.json': vmExtension('2.83') });
    const report = await lintFiles([], { cwd, rules: { 'dsc-consistent-type-handler-version': ['warn', { scope: 'run' }] }, reportUnusedDisableDirectives: true });
    expect(report.results[0]!.messages.map((m) => [m.messageId, m.severity])).toContainEqual(['unused-disable-directive', 2]);
    // At the severity asked for, after the run as in the file.
    const warned = await lintFiles([], { cwd, rules: { 'dsc-consistent-type-handler-version': ['warn', { scope: 'run' }] }, reportUnusedDisableDirectives: 'warn' });
    expect(warned.results[0]!.messages.map((m) => [m.messageId, m.severity])).toContainEqual(['unused-disable-directive', 1]);
  });
});
