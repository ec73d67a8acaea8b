import { knownString, type AbstractValue } from '../../src/expression';
import { parameter, templateEvaluator, variable } from '../support/evaluate';

const { evaluate } = templateEvaluator({
  parameters: {
    adminPassword: { type: 'securestring' },
    settingsObj: { type: 'secureObject', defaultValue: { user: 'u', pass: 'p' } },
    _artifactsLocation: { type: 'string', defaultValue: 'https://example.com/a/' },
    // Secret by name, whatever its declared type.
    _artifactsLocationSasToken: { type: 'string', defaultValue: '?sv=1&sig=x' },
    userName: { type: 'string', defaultValue: 'admin' },
    flag: { type: 'bool' },
  },
  variables: {
    connection: "[concat('pw=', parameters('adminPassword'))]",
  },
  resources: [],
});

const LIST_KEYS = "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2019-06-01')";

function provenance(value: AbstractValue): { secret: boolean; origins: unknown } {
  return { secret: value.secret, origins: value.origins };
}

describe('secret values', () => {
  it.each([
    ["[parameters('adminPassword')]", [parameter('adminPassword')]],
    ["[parameters('settingsObj')]", [parameter('settingsObj')]],
    ["[parameters('_artifactsLocationSasToken')]", [parameter('_artifactsLocationSasToken')]],
    [`[${LIST_KEYS}]`, []],
    [`[${LIST_KEYS}.keys[0].value]`, []],
    ["[listSecrets('id', '2020-01-01')]", []],
  ])('%s is secret', (text, origins) => {
    expect(provenance(evaluate(text))).toEqual({ secret: true, origins });
  });

  it('keeps a secureObject member secret', () => {
    const value = evaluate("[parameters('settingsObj').pass]");
    expect(knownString(value)).toBe('p');
    expect(provenance(value)).toEqual({ secret: true, origins: [parameter('settingsObj')] });
  });

  it('does not make a plain string parameter secret', () => {
    expect(provenance(evaluate("[parameters('userName')]"))).toEqual({ secret: false, origins: [parameter('userName')] });
  });
});

describe('provenance survives string building', () => {
  it.each([
    ["[concat('pw=', parameters('adminPassword'))]", [parameter('adminPassword')]],
    ["[format('{0};{1}', parameters('userName'), parameters('adminPassword'))]", [parameter('userName'), parameter('adminPassword')]],
    [`[concat('key=', ${LIST_KEYS}.keys[0].value)]`, []],
    ["[variables('connection')]", [variable('connection'), parameter('adminPassword')]],
    ["[uri('https://example.com/', parameters('adminPassword'))]", [parameter('adminPassword')]],
    ["[toLower(parameters('adminPassword'))]", [parameter('adminPassword')]],
    ["[if(parameters('flag'), parameters('adminPassword'), 'none')]", [parameter('adminPassword')]],
    ["[if(equals(parameters('userName'), 'admin'), parameters('adminPassword'), 'none')]", [parameter('adminPassword')]],
  ])('%s stays secret', (text, origins) => {
    expect(provenance(evaluate(text))).toEqual({ secret: true, origins });
  });

  it('resolves the artifacts URL with its SAS token and keeps both origins, secret', () => {
    const value = evaluate(
      "[uri(parameters('_artifactsLocation'), concat('DSC/web.zip', parameters('_artifactsLocationSasToken')))]",
    );
    expect(knownString(value)).toBe('https://example.com/a/DSC/web.zip?sv=1&sig=x');
    expect(provenance(value)).toEqual({ secret: true, origins: [parameter('_artifactsLocation'), parameter('_artifactsLocationSasToken')] });
  });

  it('takes no provenance from the branch an if() does not pick', () => {
    const value = evaluate("[if(equals(parameters('userName'), 'other'), parameters('adminPassword'), 'none')]");
    expect(knownString(value)).toBe('none');
    expect(provenance(value)).toEqual({ secret: false, origins: [] });
  });
});

describe('predicates do not carry provenance', () => {
  it.each([
    "[equals(parameters('adminPassword'), 'x')]",
    "[empty(parameters('adminPassword'))]",
    "[length(parameters('adminPassword'))]",
    `[empty(${LIST_KEYS})]`,
    "[equals(parameters('userName'), 'admin')]",
    "[contains(parameters('_artifactsLocationSasToken'), 'sig')]",
  ])('%s', (text) => {
    expect(provenance(evaluate(text))).toEqual({ secret: false, origins: [] });
  });
});
