/** dsc-settings: edge cases beyond the fixtures. */
import { applyFixes } from '../../src/engine/fixes';
import { lintWithRule, template } from '../support/lint';

const RULE = 'dsc-settings';

function dscExtension(settings: unknown, extra: Record<string, unknown> = {}) {
  return {
    type: 'Microsoft.Compute/virtualMachines/extensions',
    apiVersion: '2024-07-01',
    name: 'web/Microsoft.Powershell.DSC',
    location: 'westeurope',
    properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, settings, ...extra },
  };
}

const lint = (settings: unknown, parts: { parameters?: unknown; variables?: unknown } = {}) => {
  const text = template({ resources: [dscExtension(settings)], ...parts });
  return { text, messages: lintWithRule(RULE, text).messages };
};

/** The text a message covers. */
const covered = (text: string, m: { line: number; column: number; endColumn: number }) => text.split('\n')[m.line - 1]!.slice(m.column - 1, m.endColumn - 1);

const configuration = { url: 'https://example.org/dsc/Web.zip', script: 'Web.ps1', function: 'Web' };

describe('dsc-settings', () => {
  it('compares keys case-insensitively, as ARM and the extension do', () => {
    const { messages } = lint({ CONFIGURATION: { URL: configuration.url, Script: 'Web.ps1', FUNCTION: 'Web' }, WmfVersion: 'LATEST', PRIVACY: { DATACOLLECTION: 'DISABLE' } });
    expect(messages).toEqual([]);
  });

  it('sends RegistrationKey at the settings root to the protected arguments', () => {
    const { messages } = lint({ RegistrationKey: { userName: 'x', password: 'y' } });
    expect(messages.map((m) => m.message)).toEqual([
      "'RegistrationKey' is an argument of the default configuration that registers the node with Azure Automation; at the settings root it is ignored, so move it to protectedSettings.configurationArguments.",
    ]);
  });

  it('says where a registration argument belongs when it is nested somewhere else', () => {
    const { messages } = lint({ configuration: { ...configuration, RegistrationUrl: 'https://example.org' } });
    expect(messages.map((m) => m.message)).toEqual([
      "'RegistrationUrl' belongs in settings.configurationArguments, not in settings.configuration, where the DSC extension does not read it.",
    ]);
  });

  it('names where an extension property and a 1.x protected key belong', () => {
    const { text, messages } = lint({ configuration, typeHandlerVersion: '2.83', Items: {} });
    expect(messages.map((m) => [m.messageId, covered(text, m), m.message])).toEqual([
      ['misplacedKey', '"typeHandlerVersion"', "'typeHandlerVersion' belongs in the extension's properties, not in settings, where the DSC extension does not read it."],
      ['misplacedKey', '"Items"', "'Items' belongs in protectedSettings, not in settings, where the DSC extension does not read it."],
    ]);
  });

  it('offers a rename that produces the key it suggests', () => {
    const { text, messages } = lint({ configuration: { url: configuration.url, script: 'Web.ps1', fucntion: 'Web' } });
    const typo = messages.find((m) => m.messageId === 'didYouMean')!;
    expect(typo.suggestions?.map((s) => s.desc)).toEqual(["Rename 'fucntion' to 'function'."]);
    const renamed = applyFixes(text, [typo.suggestions![0]!.fix]).text;
    expect(JSON.parse(renamed).resources[0].properties.settings.configuration).toEqual(configuration);
    // Once renamed, nothing is left to report.
    expect(lintWithRule(RULE, renamed).messages).toEqual([]);
  });

  it('offers no rename when the object already has the suggested key', () => {
    const { messages } = lint({ configuration: { ...configuration, fucntion: 'Other' } });
    expect(messages.map((m) => [m.messageId, m.suggestions])).toEqual([['didYouMean', undefined]]);
  });

  it('suggests, for each typo, the key it is nearest to', () => {
    const { messages } = lint({ configuration: { url: configuration.url, scrip: 'Web.ps1', function: 'Web', modul: {} } });
    expect(messages.map((m) => m.message)).toEqual([
      'settings.configuration.url without script: the DSC extension fails with "settings.Configuration.url requires that settings.configuration.script is specified".',
      "'scrip' is not a DSC setting in settings.configuration; did you mean 'script'?",
      "'modul' is not a DSC setting in settings.configuration; did you mean 'module'?",
    ]);
  });

  it('turns an array of Name/Value pairs into an object, keeping the values as written', () => {
    const { text, messages } = lint({
      configuration,
      configurationArguments: [
        { Name: 'SiteName', Value: "[concat('site', '01')]", TypeName: 'System.String' },
        { Name: 'Ports', Value: [80, 443] },
      ],
    });
    const [message] = messages;
    expect(message?.messageId).toBe('argumentsArray');
    const converted = applyFixes(text, [message!.suggestions![0]!.fix]).text;
    expect(JSON.parse(converted).resources[0].properties.settings.configurationArguments).toEqual({ SiteName: "[concat('site', '01')]", Ports: [80, 443] });
    expect(lintWithRule(RULE, converted).messages).toEqual([]);
  });

  it.each([
    ['a pair without a Name', [{ Value: 1 }]],
    ['two pairs with the same Name (in any case)', [{ Name: 'a', Value: 1 }, { Name: 'A', Value: 2 }]],
    ['a Name built by an expression', [{ Name: "[concat('a', 'b')]", Value: 1 }]],
    ['an item that is not a pair', [{ Name: 'a', Value: 1, Extra: true }]],
    ['an empty array', []],
  ])('reports an array but offers no conversion for %s', (_, items) => {
    const { messages } = lint({ configuration, configurationArguments: items });
    expect(messages.map((m) => [m.messageId, m.suggestions])).toEqual([['argumentsArray', undefined]]);
  });

  it('reports a number or boolean as arguments, and a string only when it is fully known', () => {
    expect(lint({ configurationArguments: 5 }).messages.map((m) => m.message)).toEqual([
      'settings.configurationArguments is 5; it must be an object of argument names and values, or the DSC extension fails with "Invalid configurationArguments type".',
    ]);
    expect(lint({ configurationArguments: "[concat('a', parameters('p'))]" }, { parameters: { p: { type: 'string' } } }).messages).toEqual([]);
    expect(lint({ configurationArguments: null }).messages).toEqual([]);
  });

  it('shows a secret wmfVersion by its parameter, never its text', () => {
    const { messages } = lint({ wmfVersion: "[parameters('wmf')]" }, { parameters: { wmf: { type: 'securestring', defaultValue: 'hunter2-version' } } });
    expect(messages.map((m) => m.message)).toEqual([
      "settings.wmfVersion is parameters('wmf'); the DSC extension accepts only \"4.0\", \"5.0\", \"5.1\" and \"latest\".",
    ]);
  });

  it('reports both values of an if() when neither is allowed, and none when one is', () => {
    const parameters = { useNew: { type: 'bool' } };
    expect(lint({ wmfVersion: "[if(parameters('useNew'), '5.1PP', '5.0PP')]" }, { parameters }).messages.map((m) => m.message)).toEqual([
      'settings.wmfVersion is "5.1PP" or "5.0PP", a WMF preview that is no longer offered; use "5.1" or "latest".',
    ]);
    expect(lint({ wmfVersion: "[if(parameters('useNew'), '5.1PP', '3.0')]" }, { parameters }).messages.map((m) => m.messageId)).toEqual(['invalidWmfVersion']);
    expect(lint({ wmfVersion: "[if(parameters('useNew'), '5.1PP', 'latest')]" }, { parameters }).messages).toEqual([]);
  });

  it('leaves a number wmfVersion alone: how the extension reads it is not documented', () => {
    expect(lint({ wmfVersion: 5.1 }).messages).toEqual([]);
  });

  it('skips the url/script/function checks when 1.x keys supply them', () => {
    expect(lint({ ModulesUrl: configuration.url, configuration: { function: 'Web' } }).messages).toEqual([]);
  });

  it('reports settings kept in a variable once, in the variable, for every extension using it', () => {
    const text = template({
      variables: { dsc: { configuration: { url: configuration.url } } },
      resources: [dscExtension("[variables('dsc')]"), { ...dscExtension("[variables('dsc')]"), name: 'sql/Microsoft.Powershell.DSC' }],
    });
    const messages = lintWithRule(RULE, text).messages;
    expect(messages.map((m) => [m.messageId, m.line])).toEqual([
      ['urlWithoutScript', text.split('\n').findIndex((l) => l.includes('"url"')) + 1],
      ['urlWithoutFunction', text.split('\n').findIndex((l) => l.includes('"url"')) + 1],
    ]);
  });
});
