/** artifacts-parameters: main and linked templates by file name, and what counts as a correct default. */
import { lintWithRule, template } from '../support/lint';

const RULE = 'artifacts-parameters';

function lint(parameters: object, filePath = 'templates/azuredeploy.json') {
  return lintWithRule(RULE, template({ parameters, resources: [] }), { filePath }).messages.map((m) => m.messageId);
}

const SAS_TOKEN = { _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' } };
const withoutDefaults = { _artifactsLocation: { type: 'string' }, _artifactsLocationSasToken: { type: 'securestring' } };

describe('artifacts-parameters: main and linked templates', () => {
  it.each(['azuredeploy.json', 'mainTemplate.json', 'MAIN.json'])('expects defaults in %s', (name) => {
    expect(lint(withoutDefaults, `repo/${name}`)).toEqual(['locationNoDefault', 'sasTokenNoDefault']);
  });

  it.each(['nested/configure-vm.json', '<text>'])('does not expect defaults in %s, which may be a linked template', (filePath) => {
    expect(lint(withoutDefaults, filePath)).toEqual([]);
  });

  it('reports a wrong default whatever the file is called: it is wrong for a linked template too', () => {
    expect(lint({ _artifactsLocation: { type: 'string', defaultValue: 'https://example.org/' }, ...SAS_TOKEN }, 'nested/x.json')).toEqual(['locationWrongDefault']);
  });
});

describe('artifacts-parameters: default values', () => {
  it.each([
    ['the template link', '[deployment().properties.templateLink.uri]'],
    ['the template link in an if()', "[if(empty(deployment().properties.templateLink), 'https://example.org/', deployment().properties.templateLink.uri)]"],
    ['the template link in any letter case', '[DEPLOYMENT().Properties.TemplateLink.URI]'],
    ['a quickstart folder', 'https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/demos/dsc/'],
    ['a value known only at deployment', "[parameters('baseUri')]"],
  ])('accepts %s for _artifactsLocation', (_name, defaultValue) => {
    expect(lint({ baseUri: { type: 'string' }, _artifactsLocation: { type: 'string', defaultValue }, ...SAS_TOKEN })).toEqual([]);
  });

  it.each([
    ['an empty string', ''],
    ['another repository', 'https://raw.githubusercontent.com/contoso/templates/main/'],
    ['a value computed from literals', "[concat('https://example.org/', 'artifacts/')]"],
  ])('reports %s as _artifactsLocation default', (_name, defaultValue) => {
    expect(lint({ _artifactsLocation: { type: 'string', defaultValue }, ...SAS_TOKEN })).toEqual(['locationWrongDefault']);
  });

  it('never shows a SAS token default', () => {
    const text = template({
      parameters: { _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, _artifactsLocationSasToken: { type: 'securestring', defaultValue: '?sv=2022&sig=s3cret' } },
      resources: [],
    });
    const [message] = lintWithRule(RULE, text).messages;
    expect(message?.messageId).toBe('sasTokenNotEmpty');
    expect(message?.message).not.toMatch(/s3cret|sv=/);
  });

  it('finds the parameters whatever the letter case of their names and types', () => {
    expect(lint({ _ArtifactsLocation: { type: 'String', defaultValue: '[deployment().properties.templateLink.uri]' }, _ARTIFACTSLOCATIONSASTOKEN: { type: 'SecureString', defaultValue: '' } })).toEqual([]);
  });
});
