/** dsc-no-secrets-in-settings: edge cases beyond the fixtures, and what it leaves to other rules. */
import { dscResource as dscExtension } from '../support/dsc-artifacts';
import { lintWithRule, template } from '../support/lint';

const RULE = 'dsc-no-secrets-in-settings';

const parameters = {
  _artifactsLocation: { type: 'string', defaultValue: 'https://example.org/' },
  _artifactsLocationSasToken: { type: 'securestring', defaultValue: '?sv=2022&sig=secretDefault' },
  adminPassword: { type: 'securestring', defaultValue: 'Def4ult-Passw0rd' },
  storageName: { type: 'string' },
  hostPool: { type: 'secureObject' },
};

const messagesFor = (settings: unknown) => lintWithRule(RULE, template({ parameters, resources: [dscExtension(settings)] })).messages;
const configuration = { url: 'https://example.org/Web.zip', script: 'Web.ps1', function: 'Web' };

describe('dsc-no-secrets-in-settings', () => {
  it("leaves a SAS token in configuration.url, configurationData.url, ModulesUrl and SasToken to dsc-sas-token", () => {
    const withToken = "[uri(parameters('_artifactsLocation'), concat('DSC/Web.zip', parameters('_artifactsLocationSasToken')))]";
    expect(messagesFor({ configuration: { ...configuration, url: withToken }, configurationData: { url: withToken } })).toEqual([]);
    expect(messagesFor({ ModulesUrl: withToken, SasToken: "[parameters('_artifactsLocationSasToken')]", ConfigurationFunction: 'Web.ps1\\Web' })).toEqual([]);
    expect(messagesFor({ configuration, configurationUrlSasToken: "[parameters('_artifactsLocationSasToken')]" })).toEqual([]);
  });

  it('reports another secret in a configuration URL, which dsc-sas-token does not look for', () => {
    const url = "[concat('https://x.blob.core.windows.net/dsc/Web.zip?', listAccountSas(parameters('storageName'), '2023-01-01', createObject()).accountSasToken)]";
    expect(messagesFor({ configuration: { ...configuration, url } }).map((m) => m.message)).toEqual([
      'The result of listAccountSas() is secret but sits in public settings (settings.configuration.url), which are stored unencrypted; give the URL without it and pass the token in protectedSettings.configurationUrlSasToken.',
    ]);
  });

  it('sends the SAS token of a configuration or data URL nested by mistake to its protected setting, not to configurationArguments', () => {
    const withToken = "[uri(parameters('_artifactsLocation'), concat('DSC/Web.zip', parameters('_artifactsLocationSasToken')))]";
    const messages = messagesFor({ configuration, configurationArguments: { configuration: { url: withToken }, configurationData: { url: withToken }, url: withToken } });
    expect(messages.map((m) => m.message.split('; ')[1])).toEqual([
      'give the URL without it and pass the token in protectedSettings.configurationUrlSasToken.',
      'give the URL without it and pass the token in protectedSettings.configurationDataUrlSasToken.',
      // A url that is an argument of the configuration is passed as one.
      'pass it in protectedSettings.configurationArguments.',
    ]);
  });

  it('never shows the text of a secret, even a default written in the template', () => {
    const messages = messagesFor({ configuration, configurationArguments: { Greeting: "[concat('Hello ', parameters('adminPassword'))]" } });
    expect(messages.map((m) => m.message)).toEqual([
      "parameters('adminPassword') is secret but sits in public settings (settings.configurationArguments.Greeting), which are stored unencrypted; pass it in protectedSettings.configurationArguments.",
    ]);
    expect(messages[0]!.message).not.toContain('Def4ult');
  });

  it('names a SAS signature written into the template without showing it', () => {
    const messages = messagesFor({ configuration, configurationArguments: { PackageUrl: 'https://x.blob.core.windows.net/p/site.zip?sv=2022-11-02&sr=b&sig=abcDEF123%3D' } });
    expect(messages.map((m) => m.message)).toEqual([
      'A SAS token written into the template is secret but sits in public settings (settings.configurationArguments.PackageUrl), which are stored unencrypted; pass it in protectedSettings.configurationArguments.',
    ]);
  });

  it('names a SAS signature in a plain parameter by its value, and in a variable by the variable', () => {
    const url = 'https://x.blob.core.windows.net/p/site.zip?sv=2022-11-02&sr=b&sig=abcDEF123%3D';
    const text = template({
      parameters: { ...parameters, packageUrl: { type: 'string', defaultValue: url } },
      variables: { package: url },
      resources: [dscExtension({ configuration, configurationArguments: { FromParameter: "[parameters('packageUrl')]", FromVariable: "[variables('package')]" } })],
    });
    expect(lintWithRule(RULE, text).messages.map((m) => m.message.split(' is secret')[0])).toEqual([
      "The SAS token in the value of parameters('packageUrl')",
      "The SAS token in variables('package')",
    ]);
  });

  it('skips a protectedSettings nested in settings (dsc-extension-placement reports it) but looks into publicSettings', () => {
    const secret = "[parameters('adminPassword')]";
    expect(messagesFor({ configuration, protectedSettings: { configurationArguments: { Password: secret } } })).toEqual([]);
    expect(messagesFor({ publicSettings: { configurationArguments: { Password: secret } } }).map((m) => m.messageId)).toEqual(['secretValue']);
  });

  it('takes a member of a secureObject as secret only when its name says so', () => {
    const messages = messagesFor({
      configuration,
      configurationArguments: {
        HostPoolName: "[parameters('hostPool').hostPoolName]",
        Token: "[parameters('hostPool').registrationInfoToken]",
        Everything: "[parameters('hostPool')]",
        Renamed: "[tryGet(parameters('hostPool'), 'joinPassword')]",
        RegistrationKey: "[parameters('hostPool').value]",
      },
    });
    expect(messages.map((m) => m.message.split(' (')[1]?.split(')')[0])).toEqual([
      'settings.configurationArguments.Token',
      'settings.configurationArguments.Everything',
      'settings.configurationArguments.Renamed',
      'settings.configurationArguments.RegistrationKey',
    ]);
  });

  it('takes a Key Vault reference passed into a nested deployment as secret', () => {
    const text = template({
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'inner',
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            parameters: { joinPassword: { reference: { keyVault: { id: '/subscriptions/0/kv' }, secretName: 'join' } } },
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
              contentVersion: '1.0.0.0',
              parameters: { joinPassword: { type: 'string' } },
              resources: [dscExtension({ configuration, configurationArguments: { JoinPassword: "[parameters('joinPassword')]" } })],
            },
          },
        },
      ],
    });
    expect(lintWithRule(RULE, text).messages.map((m) => m.message)).toEqual([
      "parameters('joinPassword') is secret but sits in public settings (settings.configurationArguments.JoinPassword), which are stored unencrypted; pass it in protectedSettings.configurationArguments.",
    ]);
  });

  it('leaves alone what only looks like a password: empty strings, booleans, numbers, references and unknown values', () => {
    expect(
      messagesFor({
        configuration,
        configurationArguments: {
          DefaultPassword: '',
          PasswordNeverExpires: true,
          MinPassword: 8,
          Credential: { UserName: 'x', Password: 'PrivateSettingsRef:AdminPassword' },
          OutputPassword: "[reference('other').outputs.password.value]",
          PasswordPolicy: 'Strict',
        },
      }),
    ).toEqual([]);
  });

  it('points at the name of a legacy Name/Value pair, with the index in the path', () => {
    const messages = messagesFor({ ModulesUrl: 'https://example.org/x.zip', Properties: [{ Name: 'AdminPassword', Value: "[parameters('storageName')]" }] });
    expect(messages.map((m) => m.message)).toEqual([
      "'AdminPassword' gets its value from parameters('storageName'), which is not secure, in public settings (settings.Properties[0].Value); use a securestring parameter and pass it in protectedSettings.configurationArguments.",
    ]);
  });
});
