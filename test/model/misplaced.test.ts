/** DSC extension objects ARM does not take where they are (the data of dsc-extension-placement). */
import type { FileModel, Misplacement } from '../../src/model';
import type { JsonValue } from '../../src/parse';
import {
  dscProperties,
  extensionResource,
  labelled,
  modelOf,
  modelOfTemplate,
  nestedDeployment,
  nodeAt,
  only,
  placementOf,
  propertyAt,
  scaleSet,
  scaleSetWithProfile,
  SCALE_SET_EXTENSION_TYPE,
  virtualMachine,
  VM_EXTENSION_TYPE,
} from '../support/model';

const dscItem = (name = 'dsc', extra: Record<string, unknown> = {}) => ({ name, properties: dscProperties(), ...extra });
const root = (model: FileModel): JsonValue => model.root.node;
/** Misplacements compared with nodes as labels (identity, readable diffs). */
const expectMisplacements = (model: FileModel, expected: unknown[]): void => {
  expect(labelled(model.misplacements)).toEqual(labelled(expected));
};
const reasonKinds = (misplacements: readonly Misplacement[]) => misplacements.map((m) => m.reason.kind);

describe('extension-profile-under-properties', () => {
  it("reports an extensionProfile directly under a scale set's properties, at its key", () => {
    const model = modelOfTemplate({ resources: [scaleSet('ss1', { properties: { extensionProfile: { extensions: [dscItem('first'), dscItem('second')] } } })] });
    const profile = propertyAt(root(model), 'resources', 0, 'properties', 'extensionProfile');
    // One report for the profile, not one per item, and nothing else for the items.
    expectMisplacements(model, [
      { node: nodeAt(profile.value, 'extensions', 0), reason: { kind: 'extension-profile-under-properties', computeKind: 'scaleSet', key: profile.key } },
    ]);
    expect(model.dscExtensions.length).toBe(0);
  });

  it("reports an extensionProfile under a VM's properties", () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { properties: { extensionProfile: { extensions: [dscItem()] } } })] });
    const profile = propertyAt(root(model), 'resources', 0, 'properties', 'extensionProfile');
    expectMisplacements(model, [
      { node: nodeAt(profile.value, 'extensions', 0), reason: { kind: 'extension-profile-under-properties', computeKind: 'virtualMachine', key: profile.key } },
    ]);
  });

  it('does not report a misplaced extensionProfile without DSC items', () => {
    const model = modelOfTemplate({ resources: [scaleSet('ss1', { properties: { extensionProfile: { extensions: [{ name: 'cse', properties: { publisher: 'Microsoft.Compute', type: 'CustomScriptExtension' } }] } } })] });
    expectMisplacements(model, []);
  });
});

describe('profile-item-resource-key', () => {
  it('reports each of type, apiVersion, location and dependsOn on a vmss-profile item', () => {
    const item = dscItem('dsc', { type: SCALE_SET_EXTENSION_TYPE, apiVersion: '2023-03-01', location: 'westeurope', dependsOn: [] });
    const model = modelOfTemplate({ resources: [scaleSetWithProfile('ss1', [item])] });
    const itemNode = only(model.dscExtensions).extension.node;
    expect(itemNode).toBeNode(nodeAt(root(model), 'resources', 0, 'properties', 'virtualMachineProfile', 'extensionProfile', 'extensions', 0));
    expectMisplacements(model, 
      ['type', 'apiVersion', 'location', 'dependsOn'].map((key) => ({ node: itemNode, reason: { kind: 'profile-item-resource-key', key: propertyAt(itemNode, key).key } })),
    );
  });

  it('accepts a profile item with only name and properties', () => {
    const model = modelOfTemplate({ resources: [scaleSetWithProfile('ss1', [dscItem()])] });
    expectMisplacements(model, []);
  });
});

describe('profile items from a property copy loop', () => {
  it('treats the input of a copy loop named "extensions" as a vmss-profile item, not as misplaced', () => {
    const extensionProfile = { copy: [{ name: 'extensions', count: 1, input: dscItem() }] };
    const model = modelOfTemplate({ resources: [scaleSet('ss1', { properties: { virtualMachineProfile: { extensionProfile } } })] });
    const input = nodeAt(root(model), 'resources', 0, 'properties', 'virtualMachineProfile', 'extensionProfile', 'copy', 0, 'input');
    const dsc = only(model.dscExtensions);
    expect(dsc.extension.node).toBeNode(input);
    expect(placementOf(dsc.extension)).toEqual(labelled({ placement: 'vmss-profile', targetKind: 'scaleSet', target: nodeAt(root(model), 'resources', 0) }));
    expectMisplacements(model, []);
  });

  it('reports a DSC object in a copy loop with another name as not an extension place', () => {
    const extensionProfile = { copy: [{ name: 'others', count: 1, input: dscItem() }] };
    const model = modelOfTemplate({ resources: [scaleSet('ss1', { properties: { virtualMachineProfile: { extensionProfile } } })] });
    const loop = nodeAt(root(model), 'resources', 0, 'properties', 'virtualMachineProfile', 'extensionProfile', 'copy', 0);
    expect(model.dscExtensions.length).toBe(0);
    expectMisplacements(model, [
      { node: nodeAt(loop, 'input'), reason: { kind: 'not-an-extension-place', key: propertyAt(loop, 'input').key, computeKind: 'scaleSet' } },
    ]);
  });
});

describe('child-type-under-wrong-parent', () => {
  it('reports an "extensions" child of a resource that is not a VM or scale set, at its type', () => {
    const nic = { type: 'Microsoft.Network/networkInterfaces', apiVersion: '2023-04-01', name: 'nic1', resources: [extensionResource('extensions', 'dsc')] };
    const model = modelOfTemplate({ resources: [nic] });
    const extension = nodeAt(root(model), 'resources', 0, 'resources', 0);
    expectMisplacements(model, [
      { node: extension, reason: { kind: 'child-type-under-wrong-parent', parentType: 'Microsoft.Network/networkInterfaces', typeNode: nodeAt(extension, 'type') } },
    ]);
  });

  it('reports a top-level "extensions" resource, which has no parent at all', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), extensionResource('extensions', 'vm1/dsc')] });
    const extension = nodeAt(root(model), 'resources', 1);
    expectMisplacements(model, [
      { node: extension, reason: { kind: 'child-type-under-wrong-parent', parentType: undefined, typeNode: nodeAt(extension, 'type') } },
    ]);
  });

  it('reports a full-type extension resource of another resource type, naming that type as written', () => {
    const model = modelOfTemplate({ resources: [extensionResource('Microsoft.Network/networkInterfaces/extensions', 'nic1/dsc')] });
    const extension = nodeAt(root(model), 'resources', 0);
    expectMisplacements(model, [
      { node: extension, reason: { kind: 'child-type-under-wrong-parent', parentType: 'Microsoft.Network/networkInterfaces', typeNode: nodeAt(extension, 'type') } },
    ]);
  });

  it('reports a full-type VM extension nested in a public IP: the enclosing resource is its parent, not its type string', () => {
    const publicIp = { type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2023-04-01', name: 'vm1', resources: [extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc')] };
    // A VM of the name the extension's first segment points at does not make it that VM's extension.
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), publicIp] });
    const extension = nodeAt(root(model), 'resources', 1, 'resources', 0);
    expect(model.extensions).toEqual([]);
    expectMisplacements(model, [
      { node: extension, reason: { kind: 'child-type-under-wrong-parent', parentType: 'Microsoft.Network/publicIPAddresses', typeNode: nodeAt(extension, 'type') } },
    ]);
  });

  it('takes the last of duplicate "type" keys of the enclosing resource, compared case-insensitively', () => {
    const nested = (fullType: boolean) => `{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [
        {
          "type": "Microsoft.Compute/virtualMachines", "name": "vm1", "TYPE": "Microsoft.Network/publicIPAddresses",
          "resources": [ { "type": "${fullType ? VM_EXTENSION_TYPE : 'extensions'}", "name": "${fullType ? 'vm1/dsc' : 'dsc'}", "properties": ${JSON.stringify(dscProperties())} } ]
        }
      ]
    }`;
    for (const fullType of [true, false]) {
      const model = modelOf(nested(fullType));
      const extension = nodeAt(root(model), 'resources', 0, 'resources', 0);
      expect(model.extensions).toEqual([]);
      expectMisplacements(model, [
        { node: extension, reason: { kind: 'child-type-under-wrong-parent', parentType: 'Microsoft.Network/publicIPAddresses', typeNode: nodeAt(extension, 'type') } },
      ]);
    }
  });

  it('does not report an extension nested in a resource whose type is an expression or missing', () => {
    const parents = [{ type: "[variables('computeType')]", name: 'vm1' }, { name: 'vm1' }];
    for (const parent of parents) {
      const model = modelOfTemplate({ variables: { computeType: 'Microsoft.Compute/virtualMachines' }, resources: [{ ...parent, resources: [extensionResource('extensions', 'dsc')] }] });
      expectMisplacements(model, []);
    }
  });

  it('does not report extensions of scale set instances (virtualMachineScaleSets/virtualMachines/extensions)', () => {
    const model = modelOfTemplate({ resources: [extensionResource('Microsoft.Compute/virtualMachineScaleSets/virtualMachines/extensions', 'ss1/0/dsc')] });
    expectMisplacements(model, []);
  });
});

describe('nested-type-of-other-parent', () => {
  it.each([
    ['a scale set extension type nested in a VM', virtualMachine('vm1', { resources: [extensionResource(SCALE_SET_EXTENSION_TYPE, 'vm1/dsc')] }), 'Microsoft.Compute/virtualMachines'],
    ['a VM extension type nested in a scale set', scaleSet('ss1', { resources: [extensionResource(VM_EXTENSION_TYPE, 'ss1/dsc')] }), 'Microsoft.Compute/virtualMachineScaleSets'],
    ['another resource\'s extension type nested in a VM', virtualMachine('vm1', { resources: [extensionResource('Microsoft.HybridCompute/machines/extensions', 'vm1/dsc')] }), 'Microsoft.Compute/virtualMachines'],
  ])('reports %s, at its type, naming the enclosing type', (_name, parent, parentType) => {
    const model = modelOfTemplate({ resources: [parent] });
    const extension = nodeAt(root(model), 'resources', 0, 'resources', 0);
    expect(model.extensions).toEqual([]);
    expectMisplacements(model, [{ node: extension, reason: { kind: 'nested-type-of-other-parent', parentType, typeNode: nodeAt(extension, 'type') } }]);
  });

  it("accepts a nested full type that names its parent's type in another case", () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource('microsoft.compute/VIRTUALMACHINES/extensions', 'vm1/dsc')] })] });
    expect(model.dscExtensions.map((d) => d.extension.placement)).toEqual(['vm-child']);
    expectMisplacements(model, []);
  });
});

describe('name-segments', () => {
  it.each([
    ['one segment', 'vm1', 1],
    ['three segments', 'vm1/dsc/extra', 3],
  ])('reports a virtualMachines/extensions resource whose name has %s', (_name, name, found) => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), extensionResource(VM_EXTENSION_TYPE, name)] });
    const extension = nodeAt(root(model), 'resources', 1);
    expectMisplacements(model, [
      { node: extension, reason: { kind: 'name-segments', nameNode: nodeAt(extension, 'name'), type: VM_EXTENSION_TYPE, expected: 2, found } },
    ]);
  });

  it('does not report a name whose unknown part may hold the missing segment', () => {
    const model = modelOfTemplate({ parameters: { extensionName: { type: 'string' } }, resources: [extensionResource(VM_EXTENSION_TYPE, "[parameters('extensionName')]")] });
    expectMisplacements(model, []);
  });

  it('reports too many segments even with unknown parts', () => {
    const model = modelOfTemplate({
      parameters: { vmName: { type: 'string' } },
      resources: [extensionResource(SCALE_SET_EXTENSION_TYPE, "[concat(parameters('vmName'), '/dsc/extra')]")],
    });
    expect(reasonKinds(model.misplacements)).toEqual(['name-segments']);
  });
});

describe('child-name-has-slash', () => {
  it('reports an "extensions" child whose name contains a slash, at its name', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'vm1/dsc')] })] });
    const extension = nodeAt(root(model), 'resources', 0, 'resources', 0);
    expectMisplacements(model, [{ node: extension, reason: { kind: 'child-name-has-slash', nameNode: nodeAt(extension, 'name') } }]);
  });
});

describe('settings-beside-properties and nested-in-settings', () => {
  it('reports settings and protectedSettings written beside properties', () => {
    const extension = { ...extensionResource('extensions', 'dsc'), settings: {}, protectedSettings: {} };
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extension] })] });
    const node = nodeAt(root(model), 'resources', 0, 'resources', 0);
    expectMisplacements(model, 
      ['settings', 'protectedSettings'].map((key) => ({ node, reason: { kind: 'settings-beside-properties', key: propertyAt(node, key).key } })),
    );
  });

  it('reports protectedSettings and publicSettings nested inside settings', () => {
    const properties = dscProperties({ settings: { configuration: {}, protectedSettings: {}, publicSettings: {} } });
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc', properties)] })] });
    const node = nodeAt(root(model), 'resources', 0, 'resources', 0);
    expectMisplacements(model, 
      ['protectedSettings', 'publicSettings'].map((key) => ({ node, reason: { kind: 'nested-in-settings', key: propertyAt(node, 'properties', 'settings', key).key } })),
    );
  });
});

describe('nested-in-extension-settings', () => {
  it("reports a DSC object inside a DSC extension's settings, at the key holding it", () => {
    const properties = dscProperties({ settings: { configurationArguments: { inner: dscItem() } } });
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc', properties)] })] });
    const holder = propertyAt(root(model), 'resources', 0, 'resources', 0, 'properties', 'settings', 'configurationArguments', 'inner');
    expect(only(model.dscExtensions).extension.node).toBeNode(nodeAt(root(model), 'resources', 0, 'resources', 0));
    expectMisplacements(model, [{ node: holder.value, reason: { kind: 'nested-in-extension-settings', key: holder.key } }]);
  });

  it("reports a DSC object in an array inside protectedSettings, at the array's key", () => {
    const properties = dscProperties({ protectedSettings: { items: [dscItem()] } });
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc', properties)] })] });
    const holder = propertyAt(root(model), 'resources', 0, 'resources', 0, 'properties', 'protectedSettings', 'items');
    expectMisplacements(model, [{ node: nodeAt(holder.value, 0), reason: { kind: 'nested-in-extension-settings', key: holder.key } }]);
  });

  it("reports a DSC object inside a scale set profile extension's settings as nested in settings, not as elsewhere in the scale set", () => {
    const item = dscItem('dsc', { properties: dscProperties({ settings: { wrapped: dscItem('inner') } }) });
    const model = modelOfTemplate({ resources: [scaleSetWithProfile('ss1', [item])] });
    const holder = propertyAt(root(model), 'resources', 0, 'properties', 'virtualMachineProfile', 'extensionProfile', 'extensions', 0, 'properties', 'settings', 'wrapped');
    expectMisplacements(model, [{ node: holder.value, reason: { kind: 'nested-in-extension-settings', key: holder.key } }]);
  });

  it("reports a DSC object inside the settings of an extension resource of another parent", () => {
    const properties = { publisher: 'Microsoft.Compute', type: 'CustomScriptExtension', settings: { wrapped: dscItem() } };
    const publicIp = { type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2023-04-01', name: 'ip1', resources: [extensionResource(VM_EXTENSION_TYPE, 'vm1/cse', properties)] };
    const model = modelOfTemplate({ resources: [publicIp, extensionResource('Microsoft.HybridCompute/machines/extensions', 'arc1/cse', properties)] });
    const holders = [
      propertyAt(root(model), 'resources', 0, 'resources', 0, 'properties', 'settings', 'wrapped'),
      propertyAt(root(model), 'resources', 1, 'properties', 'settings', 'wrapped'),
    ];
    expectMisplacements(model, holders.map((holder) => ({ node: holder.value, reason: { kind: 'nested-in-extension-settings', key: holder.key } })));
  });

  it("reports a DSC object inside another (non-DSC) extension's settings", () => {
    const properties = { publisher: 'Microsoft.Compute', type: 'CustomScriptExtension', settings: { wrapped: dscItem() } };
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'cse', properties)] })] });
    const holder = propertyAt(root(model), 'resources', 0, 'resources', 0, 'properties', 'settings', 'wrapped');
    expectMisplacements(model, [{ node: holder.value, reason: { kind: 'nested-in-extension-settings', key: holder.key } }]);
  });
});

describe('not-an-extension-place', () => {
  it("reports a DSC object elsewhere in a VM's properties, at the key holding it", () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { properties: { osProfile: { computerName: 'vm1' }, extensions: [dscItem()] } })] });
    const holder = propertyAt(root(model), 'resources', 0, 'properties', 'extensions');
    expectMisplacements(model, [{ node: nodeAt(holder.value, 0), reason: { kind: 'not-an-extension-place', key: holder.key, computeKind: 'virtualMachine' } }]);
  });

  it("reports a DSC object in a scale set's virtualMachineProfile outside extensionProfile", () => {
    const model = modelOfTemplate({ resources: [scaleSet('ss1', { properties: { virtualMachineProfile: { dsc: dscItem() } } })] });
    const holder = propertyAt(root(model), 'resources', 0, 'properties', 'virtualMachineProfile', 'dsc');
    expectMisplacements(model, [{ node: holder.value, reason: { kind: 'not-an-extension-place', key: holder.key, computeKind: 'scaleSet' } }]);
  });
});

describe('what is not misplaced', () => {
  it("does not report DSC-looking data passed in a deployment's properties.parameters value", () => {
    const deployment = nestedDeployment('nested', { parameters: { extension: { type: 'object' } }, resources: [] }, { scope: 'inner', parameters: { extension: { value: dscItem() } } });
    const model = modelOfTemplate({ resources: [deployment] });
    expect(model.extensions.length).toBe(0);
    expectMisplacements(model, []);
  });

  it('does not report DSC-looking data in parameter defaults, variables or outputs', () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { extension: { type: 'object', defaultValue: dscItem() } },
      variables: { extension: dscItem() },
      resources: [],
      outputs: { extension: { type: 'object', value: dscItem() } },
    });
    const model = modelOf(text);
    expect(model.extensions.length).toBe(0);
    expectMisplacements(model, []);
  });

  it('does not report DSC extensions in each valid placement', () => {
    const model = modelOfTemplate({
      resources: [
        virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc')] }),
        extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc2'),
        scaleSetWithProfile('ss1', [dscItem()]),
        scaleSet('ss2', { resources: [extensionResource('extensions', 'dsc')] }),
        extensionResource(SCALE_SET_EXTENSION_TYPE, 'ss2/dsc2'),
      ],
    });
    expect(model.dscExtensions.map((d) => d.extension.placement)).toEqual(['vm-child', 'vm-resource', 'vmss-profile', 'vmss-child', 'vmss-resource']);
    expectMisplacements(model, []);
  });
});
