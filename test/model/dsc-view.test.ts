/** The DSC view of an extension: the nodes rules read, legacy keys, settings format and arguments. */
import type { DscExtension, FileModel } from '../../src/model';
import type { JsonValue } from '../../src/parse';
import { dscProperties, extensionResource, labelled, modelOfTemplate, nodeAt, only, propertyAt, virtualMachine } from '../support/model';

/** A model with one VM whose child extension has `properties`. */
const modelWithExtension = (properties: unknown, parts: { parameters?: unknown; variables?: unknown } = {}): FileModel =>
  modelOfTemplate({ ...parts, resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc', properties)] })] });

const EXTENSION_PROPERTIES = ['resources', 0, 'resources', 0, 'properties'] as const;
const propertiesNode = (model: FileModel): JsonValue => nodeAt(model.root.node, ...EXTENSION_PROPERTIES);
const dscOf = (model: FileModel): DscExtension => only(model.dscExtensions);

describe('the DSC view of a 2.x extension', () => {
  const model = modelWithExtension(
    dscProperties({
      settings: {
        configuration: { url: "[concat(parameters('_artifactsLocation'), '/web.zip')]", script: 'web.ps1', function: 'Web' },
        configurationArguments: { nodeName: 'localhost', siteName: 'site' },
        configurationData: { url: 'https://example.com/data.psd1' },
      },
      protectedSettings: {
        configurationArguments: { adminCredential: { userName: 'admin', password: "[parameters('adminPassword')]" } },
        configurationUrlSasToken: "[parameters('_artifactsLocationSasToken')]",
        configurationDataUrlSasToken: "[parameters('_artifactsLocationSasToken')]",
      },
    }),
  );
  const dsc = dscOf(model);
  const properties = propertiesNode(model);

  it('points at publisher, type, typeHandlerVersion and autoUpgradeMinorVersion', () => {
    expect(dsc.publisher).toBeNode(nodeAt(properties, 'publisher'));
    expect(dsc.type).toBeNode(nodeAt(properties, 'type'));
    expect(dsc.typeHandlerVersion).toBeNode(propertyAt(properties, 'typeHandlerVersion'));
    expect(dsc.autoUpgradeMinorVersion).toBeNode(propertyAt(properties, 'autoUpgradeMinorVersion'));
  });

  it('points at settings and protectedSettings, as properties and objects', () => {
    expect(dsc.settingsProperty).toBeNode(propertyAt(properties, 'settings'));
    expect(dsc.settings).toBeNode(nodeAt(properties, 'settings'));
    expect(dsc.protectedSettingsProperty).toBeNode(propertyAt(properties, 'protectedSettings'));
    expect(dsc.protectedSettings).toBeNode(nodeAt(properties, 'protectedSettings'));
  });

  it('points at configuration url, script and function, and configurationData url', () => {
    expect(labelled(dsc.configuration)).toEqual(labelled({
      object: nodeAt(properties, 'settings', 'configuration'),
      url: propertyAt(properties, 'settings', 'configuration', 'url'),
      script: propertyAt(properties, 'settings', 'configuration', 'script'),
      function: propertyAt(properties, 'settings', 'configuration', 'function'),
    }));
    expect(labelled(dsc.configurationData)).toEqual(labelled({
      object: nodeAt(properties, 'settings', 'configurationData'),
      url: propertyAt(properties, 'settings', 'configurationData', 'url'),
    }));
  });

  it('points at the SAS token properties in protectedSettings', () => {
    expect(dsc.configurationUrlSasToken).toBeNode(propertyAt(properties, 'protectedSettings', 'configurationUrlSasToken'));
    expect(dsc.configurationDataUrlSasToken).toBeNode(propertyAt(properties, 'protectedSettings', 'configurationDataUrlSasToken'));
  });

  it('has no legacy keys and the 2.x settings format', () => {
    expect(dsc.legacy).toEqual({ modulesUrl: undefined, configurationFunction: undefined, properties: undefined, sasToken: undefined });
    expect(dsc.settingsFormat).toBe('2.x');
  });

  it('lists configuration arguments of settings, then protectedSettings, with their nodes', () => {
    const argument = (holder: 'settings' | 'protectedSettings', name: string) => {
      const property = propertyAt(properties, holder, 'configurationArguments', name);
      return { name, nameNode: property.key, value: property.value, source: holder };
    };
    expect(labelled(dsc.configurationArguments)).toEqual(labelled([argument('settings', 'nodeName'), argument('settings', 'siteName'), argument('protectedSettings', 'adminCredential')]));
    expect(dsc.configurationArguments[0]!.nameNode).toBeNode(propertyAt(properties, 'settings', 'configurationArguments', 'nodeName').key);
    expect(dsc.configurationArguments[2]!.value).toBeNode(nodeAt(properties, 'protectedSettings', 'configurationArguments', 'adminCredential'));
  });
});

describe('settings kept in variables or parameters', () => {
  const settings = { configuration: { url: 'https://example.com/web.zip', script: 'web.ps1', function: 'Web' }, configurationArguments: { nodeName: 'web01' } };

  it("resolves \"[variables('dscSettings')]\" to the variable's object node", () => {
    const model = modelWithExtension(dscProperties({ settings: "[variables('dscSettings')]" }), { variables: { dscSettings: settings } });
    const dsc = dscOf(model);
    const variable = nodeAt(model.root.node, 'variables', 'dscSettings');
    expect(dsc.settingsProperty).toBeNode(propertyAt(propertiesNode(model), 'settings'));
    expect(dsc.settings).toBeNode(variable);
    expect(dsc.configuration.url).toBeNode(propertyAt(variable, 'configuration', 'url'));
    expect(dsc.settingsFormat).toBe('2.x');
    expect(labelled(dsc.configurationArguments.map((a) => ({ name: a.name, nameNode: a.nameNode, source: a.source })))).toEqual(labelled([
      { name: 'nodeName', nameNode: propertyAt(variable, 'configurationArguments', 'nodeName').key, source: 'settings' },
    ]));
  });

  it('resolves a parameter whose default value is the settings object, and a variable holding a member object', () => {
    const model = modelWithExtension(dscProperties({ settings: "[parameters('dscSettings')]", protectedSettings: "[variables('secrets')]" }), {
      parameters: { dscSettings: { type: 'object', defaultValue: settings } },
      variables: { secrets: { configurationArguments: "[variables('secretArguments')]" }, secretArguments: { password: 'x' } },
    });
    const dsc = dscOf(model);
    expect(dsc.settings).toBeNode(nodeAt(model.root.node, 'parameters', 'dscSettings', 'defaultValue'));
    expect(dsc.protectedSettings).toBeNode(nodeAt(model.root.node, 'variables', 'secrets'));
    expect(labelled(dsc.configurationArguments.map((a) => [a.name, a.source, a.nameNode]))).toEqual(labelled([
      ['nodeName', 'settings', propertyAt(model.root.node, 'parameters', 'dscSettings', 'defaultValue', 'configurationArguments', 'nodeName').key],
      ['password', 'protectedSettings', propertyAt(model.root.node, 'variables', 'secretArguments', 'password').key],
    ]));
  });

  it('leaves settings undefined when they are an expression that is not a whole-value reference', () => {
    const model = modelWithExtension(dscProperties({ settings: "[union(variables('dscSettings'), json('{}'))]" }), { variables: { dscSettings: settings } });
    const dsc = dscOf(model);
    expect(dsc.settingsProperty).toBeNode(propertyAt(propertiesNode(model), 'settings'));
    expect(dsc.settings).toBeUndefined();
    expect(dsc.settingsFormat).toBe('none');
    expect(dsc.configurationArguments).toEqual([]);
  });
});

describe('legacy 1.x settings', () => {
  const legacySettings = {
    ModulesUrl: "[concat(parameters('_artifactsLocation'), '/web.zip', parameters('_artifactsLocationSasToken'))]",
    ConfigurationFunction: 'web.ps1\\Web',
    Properties: { nodeName: 'localhost', Credential: { UserName: 'admin', Password: 'PrivateSettingsRef:adminPassword' } },
    SasToken: "[parameters('_artifactsLocationSasToken')]",
  };

  it('points at ModulesUrl, ConfigurationFunction, Properties and SasToken', () => {
    const model = modelWithExtension(dscProperties({ settings: legacySettings }));
    const dsc = dscOf(model);
    const settings = nodeAt(propertiesNode(model), 'settings');
    expect(labelled(dsc.legacy)).toEqual(labelled({
      modulesUrl: propertyAt(settings, 'ModulesUrl'),
      configurationFunction: propertyAt(settings, 'ConfigurationFunction'),
      properties: propertyAt(settings, 'Properties'),
      sasToken: propertyAt(settings, 'SasToken'),
    }));
    expect(dsc.settingsFormat).toBe('1.x');
    expect(dsc.configuration).toEqual({ object: undefined, url: undefined, script: undefined, function: undefined });
  });

  it('reads arguments from a Properties object', () => {
    const model = modelWithExtension(dscProperties({ settings: legacySettings }));
    const legacyProperties = nodeAt(propertiesNode(model), 'settings', 'Properties');
    expect(labelled(dscOf(model).configurationArguments)).toEqual(labelled(
      ['nodeName', 'Credential'].map((name) => ({ name, nameNode: propertyAt(legacyProperties, name).key, value: nodeAt(legacyProperties, name), source: 'legacy-properties' })),
    ));
  });

  it('reads arguments from a Properties array of {Name, Value}, whatever the key case, skipping items without a string Name', () => {
    const items = [{ Name: 'nodeName', Value: 'web01' }, { name: 'siteName', value: 'site' }, { Value: 'no name' }, { Name: 3, Value: 'numeric name' }, 'not an object'];
    const model = modelWithExtension(dscProperties({ settings: { ModulesUrl: 'https://example.com/web.zip', Properties: items } }));
    const array = nodeAt(propertiesNode(model), 'settings', 'Properties');
    expect(labelled(dscOf(model).configurationArguments)).toEqual(labelled([
      { name: 'nodeName', nameNode: nodeAt(array, 0, 'Name'), value: nodeAt(array, 0, 'Value'), source: 'legacy-properties-array' },
      { name: 'siteName', nameNode: nodeAt(array, 1, 'name'), value: nodeAt(array, 1, 'value'), source: 'legacy-properties-array' },
    ]));
  });

  it('reads a Properties array kept in a variable', () => {
    const model = modelWithExtension(dscProperties({ settings: { ModulesUrl: 'https://example.com/web.zip', Properties: "[variables('dscArguments')]" } }), {
      variables: { dscArguments: [{ Name: 'nodeName', Value: 'web01' }] },
    });
    expect(labelled(dscOf(model).configurationArguments.map((a) => [a.name, a.source, a.nameNode]))).toEqual(labelled([
      ['nodeName', 'legacy-properties-array', nodeAt(model.root.node, 'variables', 'dscArguments', 0, 'Name')],
    ]));
  });
});

describe('settings format', () => {
  it.each([
    ['none without settings', undefined, 'none'],
    ['none for empty settings', {}, 'none'],
    ['none for settings with unrelated keys only', { wmfVersion: 'latest', privacy: { dataCollection: 'Disable' } }, 'none'],
    ['1.x for ModulesUrl', { ModulesUrl: 'https://example.com/m.zip', ConfigurationFunction: 'm.ps1\\M' }, '1.x'],
    ['1.x for a lower-case legacy key alone', { modulesurl: 'https://example.com/m.zip' }, '1.x'],
    ['1.x for a Properties key alone', { Properties: { a: 1 } }, '1.x'],
    ['2.x for configuration', { configuration: { url: 'https://example.com/m.zip' } }, '2.x'],
    ['2.x for configurationArguments alone', { configurationArguments: { a: 1 } }, '2.x'],
    ['mixed for legacy and current keys together', { ModulesUrl: 'https://example.com/m.zip', configuration: { url: 'https://example.com/m.zip' } }, 'mixed'],
  ])('is %s', (_name, settings, expected) => {
    const model = modelWithExtension(dscProperties(settings === undefined ? {} : { settings }));
    expect(dscOf(model).settingsFormat).toBe(expected);
  });
});

describe('configuration arguments from all four sources together', () => {
  it('lists settings, protectedSettings, then legacy Properties arguments', () => {
    const model = modelWithExtension(
      dscProperties({
        settings: { configurationArguments: { a: 1 }, Properties: { b: 2 } },
        protectedSettings: { configurationArguments: { c: 3 } },
      }),
    );
    expect(dscOf(model).configurationArguments.map((a) => [a.name, a.source])).toEqual([
      ['a', 'settings'],
      ['c', 'protectedSettings'],
      ['b', 'legacy-properties'],
    ]);
    expect(dscOf(model).settingsFormat).toBe('mixed');
  });
});

describe('which extensions are DSC extensions', () => {
  it.each([
    ['publisher "Microsoft.Powershell.DSC"', { publisher: 'Microsoft.Powershell.DSC', type: 'DSC' }],
    ['type "Microsoft.Powershell.DSC"', { publisher: 'Microsoft.Powershell', type: 'Microsoft.Powershell.DSC' }],
    ['another handler', { publisher: 'Microsoft.Compute', type: 'CustomScriptExtension' }],
    ['no publisher', { type: 'DSC' }],
    ['a publisher that is not known', { publisher: "[parameters('publisher')]", type: 'DSC' }],
  ])('%s is an extension but not a DSC extension', (_name, properties) => {
    const model = modelOfTemplate({ parameters: { publisher: { type: 'string' } }, resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'ext', properties)] })] });
    expect(only(model.extensions).properties).toBeNode(propertiesNode(model));
    expect(model.dscExtensions.length).toBe(0);
    expect(model.misplacements.length).toBe(0);
  });

  it('accepts publisher and type from a parameter default or a variable', () => {
    const model = modelWithExtension(
      { publisher: "[parameters('publisher')]", type: "[variables('handler')]" },
      { parameters: { publisher: { type: 'string', defaultValue: 'Microsoft.Powershell' } }, variables: { handler: 'DSC' } },
    );
    expect(dscOf(model).publisher).toBeNode(nodeAt(propertiesNode(model), 'publisher'));
  });

  it('reads extension properties kept in a variable', () => {
    const model = modelWithExtension("[variables('dscProperties')]", { variables: { dscProperties: dscProperties() } });
    expect(dscOf(model).extension.properties).toBeNode(nodeAt(model.root.node, 'variables', 'dscProperties'));
  });
});
