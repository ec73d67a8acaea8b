/** dsc-auto-upgrade-minor-version: where a missing value is reported, and when a string is fixed. */
import { lintWithRule, template } from '../support/lint';

const RULE = 'dsc-auto-upgrade-minor-version';

const dscProperties = (extra: Record<string, unknown> = {}) => ({ publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', settings: {}, ...extra });

function dscResource(properties: unknown) {
  return { type: 'Microsoft.Compute/virtualMachines/extensions', apiVersion: '2024-07-01', name: 'web01/Microsoft.Powershell.DSC', location: 'westeurope', properties };
}

/** 1-based line and column of the first occurrence of `needle` at or after `after`. */
function positionOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const offset = text.indexOf(needle, text.indexOf(after));
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

it('reports a missing value at the extension\'s properties key, even when the properties come from a variable', () => {
  const text = template({ variables: { dscProperties: dscProperties() }, resources: [dscResource("[variables('dscProperties')]")] });
  const messages = lintWithRule(RULE, text).messages;
  expect(messages.map((m) => ({ messageId: m.messageId, line: m.line, column: m.column }))).toEqual([
    { messageId: 'missing', ...positionOf(text, '"properties"', '"resources"') },
  ]);
});

it('does not fix a string in a variable that other extensions may share', () => {
  const text = template({ variables: { dscProperties: dscProperties({ autoUpgradeMinorVersion: 'true' }) }, resources: [dscResource("[variables('dscProperties')]")] });
  const messages = lintWithRule(RULE, text).messages;
  expect(messages.map((m) => ({ messageId: m.messageId, fixed: m.fix !== undefined, line: m.line, column: m.column }))).toEqual([
    { messageId: 'stringBoolean', fixed: false, ...positionOf(text, '"true"') },
  ]);
  expect(messages[0]?.message).toBe(`autoUpgradeMinorVersion is the string "true" (from variables('dscProperties')); write the boolean true without quotes.`);
});

it('fixes a string with spaces and capitals to the boolean it means', () => {
  const text = template({ resources: [dscResource(dscProperties({ autoUpgradeMinorVersion: ' TRUE ' }))] });
  expect(lintWithRule(RULE, text, { fix: true }).output).toBe(text.replace('"autoUpgradeMinorVersion": " TRUE "', '"autoUpgradeMinorVersion": true'));
});

it.each([
  ['a parameter without a default', { autoUpgrade: { type: 'bool' } }, "[parameters('autoUpgrade')]"],
  ['a condition that is not known', { pin: { type: 'bool' } }, "[if(parameters('pin'), false(), true())]"],
])('does not report %s', (_what, parameters, value) => {
  const text = template({ parameters, resources: [dscResource(dscProperties({ autoUpgradeMinorVersion: value }))] });
  expect(lintWithRule(RULE, text).messages).toEqual([]);
});

it('reports false from a parameter default, naming the parameter', () => {
  const text = template({
    parameters: { autoUpgrade: { type: 'bool', defaultValue: false } },
    resources: [dscResource(dscProperties({ autoUpgradeMinorVersion: "[parameters('autoUpgrade')]" }))],
  });
  expect(lintWithRule(RULE, text).messages.map((m) => m.message)).toEqual([
    `autoUpgradeMinorVersion is false (from parameters('autoUpgrade')), so the extension keeps the minor version written in typeHandlerVersion and misses the fixes of later ones (such as TLS 1.2 in 2.75); set it to true.`,
  ]);
});

it('leaves a missing or false value alone on a 1.x version, which no minor upgrade can help, but not on 2.x or an unknown version', () => {
  const lint = (properties: Record<string, unknown>, parameters = {}) =>
    lintWithRule(RULE, template({ parameters, resources: [dscResource(dscProperties(properties))] })).messages.map((m) => m.messageId);
  expect(lint({ typeHandlerVersion: '1.7' })).toEqual([]);
  expect(lint({ typeHandlerVersion: '1.7', autoUpgradeMinorVersion: false })).toEqual([]);
  // The string is still the wrong type, whatever the version.
  expect(lint({ typeHandlerVersion: '1.7', autoUpgradeMinorVersion: 'false' })).toEqual(['stringBoolean']);
  expect(lint({ typeHandlerVersion: '2.9' })).toEqual(['missing']);
  expect(lint({ typeHandlerVersion: "[parameters('version')]", autoUpgradeMinorVersion: false }, { version: { type: 'string' } })).toEqual(['disabled']);
});
