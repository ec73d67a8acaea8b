/** dsc-type-handler-version: version boundaries, what counts as auto-upgrade, fixes and suggestions. */
import type { Fix } from '../../src/index';
import { lintWithRule, template } from '../support/lint';

const RULE = 'dsc-type-handler-version';

function dscResource(properties: Record<string, unknown>) {
  return {
    type: 'Microsoft.Compute/virtualMachines/extensions',
    apiVersion: '2024-07-01',
    name: 'web01/Microsoft.Powershell.DSC',
    location: 'westeurope',
    properties: { publisher: 'Microsoft.Powershell', type: 'DSC', settings: {}, ...properties },
  };
}

const lint = (text: string) => lintWithRule(RULE, text).messages;
const messageIds = (properties: Record<string, unknown>) => lint(template({ resources: [dscResource(properties)] })).map((m) => m.messageId);
const applied = (text: string, fix: Fix) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

describe('version boundaries (DSC reference §4.1)', () => {
  it.each([
    ['1.0', true, 'removed'],
    ['2.3', true, 'removed'],
    ['2.4', false, 'wmfPreview'],
    ['2.4', true, 'wmfPreviewUpgraded'],
    ['2.13', false, 'wmfPreview'],
    ['2.14', false, 'noTls12'],
    ['2.74', false, 'noTls12'],
  ])('typeHandlerVersion "%s" with autoUpgradeMinorVersion %s is %s', (version, autoUpgrade, messageId) => {
    expect(messageIds({ typeHandlerVersion: version, autoUpgradeMinorVersion: autoUpgrade })).toEqual([messageId]);
  });

  it.each([
    ['2.14', true],
    ['2.74', true],
    ['2.75', false],
    ['2.83', false],
    // Unknown versions are not judged: later 2.x releases and another major version.
    ['2.90', false],
    ['3.0', false],
  ])('typeHandlerVersion "%s" with autoUpgradeMinorVersion %s is not reported', (version, autoUpgrade) => {
    expect(messageIds({ typeHandlerVersion: version, autoUpgradeMinorVersion: autoUpgrade })).toEqual([]);
  });

  it('compares the minor version as a number: "2.09" is 2.9, "2.100" is after 2.75', () => {
    expect(messageIds({ typeHandlerVersion: '2.09', autoUpgradeMinorVersion: false })).toEqual(['wmfPreview']);
    expect(messageIds({ typeHandlerVersion: '2.100', autoUpgradeMinorVersion: false })).toEqual([]);
  });
});

describe('autoUpgradeMinorVersion as the TLS 1.2 finding sees it', () => {
  it('counts a missing value and null as false', () => {
    expect(messageIds({ typeHandlerVersion: '2.19' })).toEqual(['noTls12']);
    expect(messageIds({ typeHandlerVersion: '2.19', autoUpgradeMinorVersion: null })).toEqual(['noTls12']);
  });

  it('counts the string "true" as true, as RULES.md does for autoUpgradeMinorVersion', () => {
    expect(messageIds({ typeHandlerVersion: '2.19', autoUpgradeMinorVersion: 'true' })).toEqual([]);
    expect(messageIds({ typeHandlerVersion: '2.9', autoUpgradeMinorVersion: 'TRUE' })).toEqual(['wmfPreviewUpgraded']);
  });

  it('reports nothing when the value is not known before deployment', () => {
    const text = template({
      parameters: { autoUpgrade: { type: 'bool' } },
      resources: [dscResource({ typeHandlerVersion: '2.19', autoUpgradeMinorVersion: "[parameters('autoUpgrade')]" })],
    });
    expect(lint(text)).toEqual([]);
  });
});

describe('JSON numbers', () => {
  it('quotes the number exactly as written, trailing zero included', () => {
    const text = template({ resources: [dscResource({ typeHandlerVersion: 0, autoUpgradeMinorVersion: true })] }).replace('"typeHandlerVersion": 0', '"typeHandlerVersion": 2.830');
    const [message] = lint(text);
    expect(message?.message).toBe('typeHandlerVersion 2.830 is a JSON number, which ARM reads as 2.83; write it as the string "2.830".');
    expect(applied(text, message!.fix!)).toContain('"typeHandlerVersion": "2.830"');
  });

  it('does not fix a number in a variable that other extensions may share', () => {
    const text = template({
      variables: { dscProperties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: 0, autoUpgradeMinorVersion: true } },
      resources: [{ ...dscResource({}), properties: "[variables('dscProperties')]" }],
    }).replace('"typeHandlerVersion": 0', '"typeHandlerVersion": 2.20');
    const messages = lint(text);
    expect(messages.map((m) => [m.messageId, m.fix])).toEqual([['jsonNumber', undefined]]);
  });

  it('names a number that comes from a parameter default as ARM reads it', () => {
    const text = template({
      parameters: { dscVersion: { type: 'string', defaultValue: 0 } },
      resources: [dscResource({ typeHandlerVersion: "[parameters('dscVersion')]", autoUpgradeMinorVersion: true })],
    }).replace('"defaultValue": 0', '"defaultValue": 2.20');
    expect(lint(text).map((m) => m.message)).toEqual([
      `typeHandlerVersion 2.2 (from parameters('dscVersion')) is not a "major.minor" version string; use "2.83", the latest version.`,
    ]);
  });
});

describe('suggestions and secrets', () => {
  it('suggests the latest version for a literal, and applying it removes the finding', () => {
    const text = template({ resources: [dscResource({ typeHandlerVersion: '1.7', autoUpgradeMinorVersion: true })] });
    const [message] = lint(text);
    expect(message?.fix).toBeUndefined();
    expect(message?.suggestions?.map((s) => s.desc)).toEqual(['Use typeHandlerVersion "2.83".']);
    const suggested = applied(text, message!.suggestions![0]!.fix);
    expect(suggested).toContain('"typeHandlerVersion": "2.83"');
    expect(lint(suggested)).toEqual([]);
  });

  it('shows a secret by the name it came from, never its text', () => {
    const text = template({
      parameters: { dscVersion: { type: 'securestring', defaultValue: '1.7' } },
      resources: [dscResource({ typeHandlerVersion: "[parameters('dscVersion')]", autoUpgradeMinorVersion: true })],
    });
    const messages = lint(text);
    expect(messages.map((m) => m.message)).toEqual([
      `DSC extension versions 1.0 to 2.3 were removed from the extension repository, so typeHandlerVersion parameters('dscVersion') cannot be installed; use "2.83", the latest version.`,
    ]);
  });
});
