/** dsc-configuration-url: how much of a URL must be known, secrets, and URLs shared by extensions. */
import { lintWithRule, template } from '../support/lint';

const RULE = 'dsc-configuration-url';

function dscExtension(vmName: string, settings: object) {
  return {
    type: 'Microsoft.Compute/virtualMachines/extensions',
    apiVersion: '2024-07-01',
    name: `${vmName}/Microsoft.Powershell.DSC`,
    location: 'westeurope',
    properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, settings },
  };
}

const ARTIFACTS = {
  _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' },
  _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' },
  role: { type: 'string' },
};

/** Messages for one extension whose configuration.url is `url`. */
function lintUrl(url: string, extra: { parameters?: object; variables?: object } = {}) {
  const text = template({
    parameters: { ...ARTIFACTS, ...extra.parameters },
    variables: extra.variables,
    resources: [dscExtension('web', { configuration: { url, script: 'Web.ps1', function: 'Web' } })],
  });
  return lintWithRule(RULE, text).messages.map((m) => ({ messageId: m.messageId, message: m.message }));
}

describe('dsc-configuration-url: the end of the path', () => {
  it.each([
    ['a token parameter appended without a separator', "[uri(parameters('_artifactsLocation'), concat('DSC/Web.zip', parameters('_artifactsLocationSasToken')))]"],
    ['a query after "?"', "[uri(parameters('_artifactsLocation'), 'DSC/Web.zip?raw=true')]"],
    ['a file name known only at deployment', "[uri(parameters('_artifactsLocation'), parameters('role'))]"],
    ['an if() that can name an archive', "[if(equals(parameters('role'), 'web'), uri(parameters('_artifactsLocation'), 'Web.zip'), uri(parameters('_artifactsLocation'), 'Web.ps1'))]"],
    ['an archive named after the script', "[uri(parameters('_artifactsLocation'), 'DSC/Web.ps1.zip')]"],
    ['an archive whose extension is in capitals', "[uri(parameters('_artifactsLocation'), 'DSC/WEB.ZIP')]"],
  ])('accepts %s', (_name, url) => {
    expect(lintUrl(url)).toEqual([]);
  });

  it('marks a segment whose start is known only at deployment', () => {
    expect(lintUrl("[uri(parameters('_artifactsLocation'), concat(parameters('role'), '.ps1'))]").map((m) => m.message)).toEqual([
      'settings.configuration.url ends in "….ps1", not ".zip": it must name the .zip archive that holds the configuration script at its root.',
    ]);
  });

  it('names every value an if() can take when none is an archive', () => {
    const url = "[if(equals(parameters('role'), 'web'), uri(parameters('_artifactsLocation'), 'DSC/Web.ps1'), uri(parameters('_artifactsLocation'), 'DSC/Sql.ps1'))]";
    expect(lintUrl(url).map((m) => m.message)).toEqual([
      'settings.configuration.url ends in "Web.ps1" or "Sql.ps1", not ".zip": it must name the .zip archive that holds the configuration script at its root.',
    ]);
  });

  it('shows a URL from a secure parameter by its name, not its text', () => {
    const parameters = { secretUrl: { type: 'securestring', defaultValue: 'https://example.org/private/Web.ps1' } };
    const [message] = lintUrl("[parameters('secretUrl')]", { parameters });
    expect(message?.message).toBe(
      "settings.configuration.url ends in parameters('secretUrl'), not \".zip\": it must name the .zip archive that holds the configuration script at its root.",
    );
  });
});

describe('dsc-configuration-url: the builder of the URL', () => {
  it('follows variables to the function that built the URL', () => {
    const variables = { base: "[concat(parameters('_artifactsLocation'), 'DSC/')]", archive: "[variables('base')]" };
    expect(lintUrl("[variables('archive')]", { variables }).map((m) => m.message)).toEqual([
      "settings.configuration.url is built with concat() in variables('base'); build it with uri(), which resolves the relative path against the base URI (arm-ttk: URIs Should Be Properly Constructed).",
      'settings.configuration.url ends in "…DSC/", not ".zip": it must name the .zip archive that holds the configuration script at its root.',
    ]);
  });

  it('does not follow a reference cycle forever', () => {
    const variables = { a: "[variables('b')]", b: "[variables('a')]" };
    expect(lintUrl("[variables('a')]", { variables })).toEqual([]);
  });

  it('reports a URL variable shared by two extensions once', () => {
    const text = template({
      parameters: ARTIFACTS,
      variables: { archive: "[concat(parameters('_artifactsLocation'), 'DSC/Web.zip')]" },
      resources: ['web', 'sql'].map((vm) => dscExtension(vm, { configuration: { url: "[variables('archive')]", script: 'Web.ps1', function: 'Web' } })),
    });
    expect(lintWithRule(RULE, text).messages.map((m) => m.messageId)).toEqual(['concatenated']);
  });
});
