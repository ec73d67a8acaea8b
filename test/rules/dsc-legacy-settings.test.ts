/** dsc-legacy-settings: the 1.x → 2.x conversion and the PrivateSettingsRef checks, beyond the fixtures. */
import { splitAppendedToken } from '../../rules/shared/legacy-conversion';
import { dscExtensionResource as dscExtension } from '../support/dsc-artifacts';
import { lintWithRule, template } from '../support/lint';

const RULE = 'dsc-legacy-settings';

const parameters = {
  adminUsername: { type: 'string' },
  adminPassword: { type: 'securestring' },
  configurationFunction: { type: 'string', defaultValue: 'Web.ps1\\Web' },
  protectedDsc: { type: 'secureObject' },
  _artifactsLocation: { type: 'string', defaultValue: 'https://example.org/' },
  _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' },
};
const variables = { configurationFunction: 'Web.ps1\\Web' };
const legacy = { ModulesUrl: 'https://example.org/dsc/Web.zip', ConfigurationFunction: 'Web.ps1\\Web' };

const lint = (properties: Record<string, unknown>, options: { fix?: boolean } = {}) =>
  lintWithRule(RULE, template({ parameters, variables, resources: [dscExtension(properties)] }), options);

/** The extension's properties after --fix, as data. */
function fixedProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const output = lint(properties, { fix: true }).output;
  if (output === undefined) throw new Error('Nothing was fixed');
  return JSON.parse(output).resources[0].properties;
}

describe('splitAppendedToken', () => {
  it.each([
    [
      "[uri(parameters('_artifactsLocation'), concat('DSC/Web.zip', parameters('_artifactsLocationSasToken')))]",
      "[uri(parameters('_artifactsLocation'), 'DSC/Web.zip')]",
    ],
    [
      "[concat(parameters('_artifactsLocation'), '/DSC/Web.zip', parameters('_ARTIFACTSLOCATIONSASTOKEN'))]",
      "[concat(parameters('_artifactsLocation'), '/DSC/Web.zip')]",
    ],
    ["[concat(variables('archiveUrl'), parameters('_artifactsLocationSasToken'))]", "[variables('archiveUrl')]"],
  ])('%s → %s', (text, url) => {
    expect(splitAppendedToken(text)).toEqual({ url, token: expect.stringMatching(/^\[parameters\('_artifactsLocationSasToken'\)\]$/i) });
  });

  it.each([
    ['the token is not the last part', "[concat(parameters('_artifactsLocationSasToken'), 'DSC/Web.zip')]"],
    ['the token is used twice', "[concat(parameters('_artifactsLocation'), parameters('_artifactsLocationSasToken'), parameters('_artifactsLocationSasToken'))]"],
    ['the token comes through a variable', "[concat(parameters('_artifactsLocation'), variables('token'))]"],
    ['the concat is not what ends the URL', "[toLower(concat(parameters('_artifactsLocation'), parameters('_artifactsLocationSasToken')))]"],
    ['the token is put in with format()', "[uri(parameters('_artifactsLocation'), format('DSC/Web.zip{0}', parameters('_artifactsLocationSasToken')))]"],
    ['the rest still holds a SAS query', "[concat('https://x/Web.zip?sv=2022&sig=abc', parameters('_artifactsLocationSasToken'))]"],
    ['it is not an expression', 'https://example.org/Web.zip'],
  ])('gives nothing when %s', (_, text) => {
    expect(splitAppendedToken(text)).toBeUndefined();
  });
});

describe('dsc-legacy-settings: the conversion', () => {
  it('adds protectedSettings after settings when a token or credential moves there', () => {
    const properties = fixedProperties({
      settings: { ...legacy, SasToken: "[parameters('_artifactsLocationSasToken')]" },
    });
    expect(Object.keys(properties)).toEqual(['publisher', 'type', 'typeHandlerVersion', 'autoUpgradeMinorVersion', 'settings', 'protectedSettings']);
    expect(properties.settings).toEqual({ configuration: { url: legacy.ModulesUrl, script: 'Web.ps1', function: 'Web' } });
    expect(properties.protectedSettings).toEqual({ configurationUrlSasToken: "[parameters('_artifactsLocationSasToken')]" });
  });

  it('replaces "protectedSettings": null when something moves there, and keeps it otherwise', () => {
    const credential = { UserName: "[parameters('adminUsername')]", Password: 'PrivateSettingsRef:AdminPassword' };
    expect(fixedProperties({ settings: { ...legacy, SasToken: '' }, protectedSettings: null }).protectedSettings).toBeNull();
    expect(fixedProperties({ settings: { ...legacy, SasToken: "[parameters('_artifactsLocationSasToken')]" }, protectedSettings: null }).protectedSettings).toEqual({
      configurationUrlSasToken: "[parameters('_artifactsLocationSasToken')]",
    });
    // A credential whose Items entry is missing cannot be converted; with Items it can.
    expect(lint({ settings: { ...legacy, Properties: { AdminCreds: credential } }, protectedSettings: null }).messages[0]?.fix).toBeUndefined();
    expect(
      fixedProperties({
        settings: { ...legacy, Properties: { AdminCreds: credential } },
        protectedSettings: { items: { adminpassword: "[parameters('adminPassword')]" } },
      }).protectedSettings,
    ).toEqual({ configurationArguments: { AdminCreds: { userName: "[parameters('adminUsername')]", password: "[parameters('adminPassword')]" } } });
  });

  it('writes a ConfigurationFunction kept in a variable as literals, but not one from a parameter', () => {
    expect(fixedProperties({ settings: { ...legacy, ConfigurationFunction: "[variables('configurationFunction')]" } }).settings).toEqual({
      configuration: { url: legacy.ModulesUrl, script: 'Web.ps1', function: 'Web' },
    });
    expect(lint({ settings: { ...legacy, ConfigurationFunction: "[parameters('configurationFunction')]" } }).messages[0]?.fix).toBeUndefined();
  });

  it('converts for a handler that reads 2.x: 2.14 or later, or an older 2.x that upgrades itself', () => {
    const fixable = (typeHandlerVersion: unknown, autoUpgradeMinorVersion: unknown) =>
      lint({ typeHandlerVersion, autoUpgradeMinorVersion, settings: legacy }).messages[0]?.fix !== undefined;
    expect(fixable('2.14', false)).toBe(true);
    expect(fixable('2.8', true)).toBe(true);
    expect(fixable('2.13', false)).toBe(false);
    expect(fixable('2.8', 'true')).toBe(false);
    expect(fixable('1.7', true)).toBe(false);
    expect(fixable(2.19, true)).toBe(false);
  });

  it.each([
    ['ModuleSource (a configuration from a module)', { ...legacy, ModuleSource: 'PSGallery' }, undefined],
    ['a ConfigurationFunction without the script', { ...legacy, ConfigurationFunction: 'Web' }, undefined],
    ['a ConfigurationFunction with two backslashes', { ...legacy, ConfigurationFunction: 'Web.ps1\\\\Web' }, undefined],
    ['no ModulesUrl', { ConfigurationFunction: 'Web.ps1\\Web' }, undefined],
    ['a PrivateSettingsRef outside a credential', { ...legacy, Properties: { Token: 'PrivateSettingsRef:Token' } }, { Items: { Token: 'x' } }],
    ['Properties from a variable', { ...legacy, Properties: "[variables('configurationFunction')]" }, undefined],
    ['an Items entry nothing refers to', { ...legacy }, { Items: { Unused: "[parameters('adminPassword')]" } }],
    ['protectedSettings from a parameter', { ...legacy }, "[parameters('protectedDsc')]"],
    ['a SAS token both appended and in SasToken', { ...legacy, ModulesUrl: "[concat('https://x/Web.zip', parameters('_artifactsLocationSasToken'))]", SasToken: "[parameters('_artifactsLocationSasToken')]" }, undefined],
  ])('reports but offers no fix for %s', (_, settings, protectedSettings) => {
    const messages = lint({ settings, ...(protectedSettings === undefined ? {} : { protectedSettings }) }).messages;
    expect(messages.map((m) => [m.messageId, m.fix])).toEqual([['legacyFormat', undefined]]);
  });

  it('offers no fix for settings kept in a variable, and reports them once, in the variable', () => {
    const text = template({
      variables: { shared: legacy },
      resources: [dscExtension({ settings: "[variables('shared')]" }), { ...dscExtension({ settings: "[variables('shared')]" }), name: 'sql/Microsoft.Powershell.DSC' }],
    });
    const messages = lintWithRule(RULE, text).messages;
    expect(messages.map((m) => [m.messageId, m.line, m.fix])).toEqual([['legacyFormat', text.split('\n').findIndex((l) => l.includes('"ModulesUrl"')) + 1, undefined]]);
  });
});

describe('dsc-legacy-settings: PrivateSettingsRef', () => {
  const withCredential = (protectedSettings: unknown) => ({
    settings: { ...legacy, Properties: { AdminCreds: { UserName: 'admin', Password: 'PrivateSettingsRef:AdminPassword' } } },
    ...(protectedSettings === undefined ? {} : { protectedSettings }),
  });
  const missing = (protectedSettings: unknown) => lint(withCredential(protectedSettings)).messages.filter((m) => m.messageId === 'missingPrivateItem').length;

  it('finds the Items entry whatever its case', () => {
    expect(missing({ items: { ADMINPASSWORD: 'x' } })).toBe(0);
  });

  it('reports a reference without Items, with null protectedSettings, or without the entry', () => {
    expect(missing(undefined)).toBe(1);
    expect(missing(null)).toBe(1);
    expect(missing({ Items: null })).toBe(1);
    expect(missing({ Items: { Other: 'x' } })).toBe(1);
  });

  it('does not guess when protectedSettings or Items are known only at deployment', () => {
    expect(missing("[parameters('protectedDsc')]")).toBe(0);
    expect(missing({ Items: "[parameters('protectedDsc')]" })).toBe(0);
  });

  it('reports 1.x keys kept in protectedSettings (the SonarQube quickstart shape), without a fix', () => {
    const messages = lint({ protectedSettings: { modulesUrl: legacy.ModulesUrl, configurationFunction: legacy.ConfigurationFunction } }).messages;
    expect(messages.map((m) => [m.message, m.fix])).toEqual([
      [
        'DSC settings use the 1.x format (modulesUrl, configurationFunction); convert them to the 2.x format: settings.configuration, settings.configurationArguments and protectedSettings.configurationArguments.',
        undefined,
      ],
    ]);
  });
});
