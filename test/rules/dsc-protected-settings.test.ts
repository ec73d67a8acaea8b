/** dsc-protected-settings: edge cases beyond the fixtures. */
import { applyFixes } from '../../src/engine/fixes';
import { dscExtensionResource as dscExtension } from '../support/dsc-artifacts';
import { lintWithRule, template } from '../support/lint';

const RULE = 'dsc-protected-settings';

const keyVault = { secretUrl: 'https://kv.vault.azure.net/secrets/dsc', sourceVault: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' } };
const settings = { configuration: { url: 'https://example.org/Web.zip', script: 'Web.ps1', function: 'Web' } };

const lint = (properties: Record<string, unknown>, parameters?: unknown) => {
  const text = template({ resources: [dscExtension(properties)], parameters });
  return { text, messages: lintWithRule(RULE, text).messages };
};

describe('dsc-protected-settings', () => {
  it.each([
    ['null', null],
    ['an empty object', {}],
  ])('takes protectedSettings that is %s beside a Key Vault reference as no protected settings', (_, protectedSettings) => {
    expect(lint({ settings, protectedSettings, protectedSettingsFromKeyVault: keyVault }).messages).toEqual([]);
  });

  it('reports a Key Vault reference beside protectedSettings that holds something, on the Key Vault key', () => {
    const { text, messages } = lint({ settings, protectedSettings: { configurationUrlSasToken: '' }, protectedSettingsFromKeyVault: keyVault });
    expect(messages.map((m) => m.messageId)).toEqual(['withKeyVault']);
    expect(text.split('\n')[messages[0]!.line - 1]!.slice(messages[0]!.column - 1, messages[0]!.endColumn - 1)).toBe('"protectedSettingsFromKeyVault"');
  });

  it('leaves 1.x protected keys to dsc-legacy-settings, whatever format the public settings use', () => {
    expect(lint({ settings, protectedSettings: { Items: { a: 'b' }, DataBlobUri: 'https://example.org/d.psd1', Properties: {} } }).messages).toEqual([]);
  });

  it('compares argument names case-insensitively, and only between 2.x public and protected arguments', () => {
    const duplicate = lint({
      settings: { ...settings, configurationArguments: { NODENAME: 'localhost' } },
      protectedSettings: { configurationArguments: { nodeName: 'localhost' } },
    });
    expect(duplicate.messages.map((m) => m.message)).toEqual([
      "Argument 'nodeName' is in both settings.configurationArguments and protectedSettings.configurationArguments: the DSC extension fails with \"Found duplicate arguments 'nodeName' in both public and protected configurationArguments\".",
    ]);
    // The 1.x Properties are not the handler's "public configurationArguments": that mix is dsc-legacy-settings' finding.
    const legacy = lint({ settings: { Properties: { nodeName: 'localhost' } }, protectedSettings: { configurationArguments: { nodeName: 'localhost' } } });
    expect(legacy.messages).toEqual([]);
  });

  it('shows secret arguments of the wrong type by name, never their text', () => {
    const { messages } = lint(
      { settings, protectedSettings: { configurationArguments: "[parameters('args')]" } },
      { args: { type: 'securestring', defaultValue: 'Pa55word-default' } },
    );
    expect(messages.map((m) => m.message)).toEqual([
      "protectedSettings.configurationArguments is parameters('args'); it must be an object of argument names and values, or the DSC extension fails with \"Invalid configurationArguments type\".",
    ]);
  });

  it('renames a misspelt protected key to the one it suggests', () => {
    const { text, messages } = lint({ settings, protectedSettings: { ConfigurationUrlSasTokn: '' } });
    const [message] = messages;
    expect(message?.suggestions?.map((s) => s.desc)).toEqual(["Rename 'ConfigurationUrlSasTokn' to 'configurationUrlSasToken'."]);
    const renamed = applyFixes(text, [message!.suggestions![0]!.fix]).text;
    expect(Object.keys(JSON.parse(renamed).resources[0].properties.protectedSettings)).toEqual(['configurationUrlSasToken']);
  });

  it('does not look into protectedSettings known only at deployment', () => {
    expect(lint({ settings, protectedSettings: "[parameters('secrets')]" }, { secrets: { type: 'secureObject' } }).messages).toEqual([]);
  });
});
