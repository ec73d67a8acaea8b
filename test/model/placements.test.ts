/**
 * The five placements of RULES.md "Finding DSC extensions", and how a full-type extension
 * resource finds its VM or scale set by the first segment of its name.
 */
import type { FileModel } from '../../src/model';
import {
  dscProperties,
  extensionResource,
  labelled,
  modelOfTemplate,
  nodeAt,
  only,
  placementOf,
  SCALE_SET_EXTENSION_TYPE,
  scaleSet,
  scaleSetWithProfile,
  virtualMachine,
  VM_EXTENSION_TYPE,
} from '../support/model';

const rootNode = (model: FileModel) => model.root.node;

describe('placements', () => {
  it('vm-child: an "extensions" child in a VM\'s resources targets that VM', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc')] })] });
    const extension = only(model.extensions);
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vm-child', targetKind: 'virtualMachine', target: nodeAt(rootNode(model), 'resources', 0) }));
    expect(extension.node).toBeNode(nodeAt(rootNode(model), 'resources', 0, 'resources', 0));
    expect(extension.resource?.node).toBeNode(extension.node);
    expect(extension.properties).toBeNode(nodeAt(rootNode(model), 'resources', 0, 'resources', 0, 'properties'));
    expect(only(model.dscExtensions).extension.node).toBeNode(extension.node);
  });

  it('vm-child: a full-type child of a VM is still a child of that VM', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1', { resources: [extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc')] })] });
    expect(placementOf(only(model.extensions))).toEqual(labelled({ placement: 'vm-child', targetKind: 'virtualMachine', target: nodeAt(rootNode(model), 'resources', 0) }));
  });

  it('a full-type child of a resource other than a VM or scale set has no placement, whatever its type says', () => {
    const storage = { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'vm1', resources: [extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc')] };
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), storage] });
    expect(model.extensions).toEqual([]);
    expect(model.dscExtensions).toEqual([]);
  });

  it('vm-resource: a top-level virtualMachines/extensions resource targets the VM named by its first segment', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc')] });
    const extension = only(model.extensions);
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vm-resource', targetKind: 'virtualMachine', target: nodeAt(rootNode(model), 'resources', 0) }));
    expect(extension.node).toBeNode(nodeAt(rootNode(model), 'resources', 1));
    expect(only(model.dscExtensions).extension.node).toBeNode(extension.node);
  });

  it('vmss-profile: an item of virtualMachineProfile.extensionProfile.extensions targets that scale set', () => {
    const model = modelOfTemplate({ resources: [scaleSetWithProfile('ss1', [{ name: 'dsc', properties: dscProperties() }])] });
    const extension = only(model.extensions);
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vmss-profile', targetKind: 'scaleSet', target: nodeAt(rootNode(model), 'resources', 0) }));
    const itemPath = ['resources', 0, 'properties', 'virtualMachineProfile', 'extensionProfile', 'extensions', 0] as const;
    expect(extension.node).toBeNode(nodeAt(rootNode(model), ...itemPath));
    expect(extension.properties).toBeNode(nodeAt(rootNode(model), ...itemPath, 'properties'));
    expect(extension.resource).toBeUndefined();
    expect(only(model.dscExtensions).extension.node).toBeNode(extension.node);
  });

  it('vmss-profile: finds items when the extensionProfile is kept in a variable', () => {
    const model = modelOfTemplate({
      variables: { extensionProfile: { extensions: [{ name: 'dsc', properties: dscProperties() }] } },
      resources: [scaleSet('ss1', { properties: { virtualMachineProfile: { extensionProfile: "[variables('extensionProfile')]" } } })],
    });
    const extension = only(model.extensions);
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vmss-profile', targetKind: 'scaleSet', target: nodeAt(rootNode(model), 'resources', 0) }));
    expect(extension.node).toBeNode(nodeAt(rootNode(model), 'variables', 'extensionProfile', 'extensions', 0));
  });

  it('vmss-child: an "extensions" child in a scale set\'s resources targets that scale set', () => {
    const model = modelOfTemplate({ resources: [scaleSet('ss1', { resources: [extensionResource('extensions', 'dsc')] })] });
    const extension = only(model.extensions);
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vmss-child', targetKind: 'scaleSet', target: nodeAt(rootNode(model), 'resources', 0) }));
    expect(extension.node).toBeNode(nodeAt(rootNode(model), 'resources', 0, 'resources', 0));
    expect(only(model.dscExtensions).extension.node).toBeNode(extension.node);
  });

  it('vmss-resource: a top-level virtualMachineScaleSets/extensions resource targets the scale set named by its first segment', () => {
    const model = modelOfTemplate({ resources: [extensionResource(SCALE_SET_EXTENSION_TYPE, 'ss1/dsc'), scaleSet('ss1')] });
    const extension = only(model.extensions);
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vmss-resource', targetKind: 'scaleSet', target: nodeAt(rootNode(model), 'resources', 1) }));
    expect(only(model.dscExtensions).extension.node).toBeNode(extension.node);
  });

  it('keeps the placement of extensions under copy loops and conditions', () => {
    const loopedVm = virtualMachine("[concat('vm', copyIndex())]", {
      copy: { name: 'vms', count: 2 },
      resources: [{ ...extensionResource('extensions', 'dsc'), condition: "[equals(parameters('withDsc'), 'yes')]" }],
    });
    const model = modelOfTemplate({ parameters: { withDsc: { type: 'string' } }, resources: [loopedVm] });
    expect(placementOf(only(model.dscExtensions).extension)).toEqual(labelled({ placement: 'vm-child', targetKind: 'virtualMachine', target: nodeAt(rootNode(model), 'resources', 0) }));
  });

  it('records VMs and scale sets as compute targets, whatever the key case of "type"', () => {
    const model = modelOfTemplate({
      resources: [virtualMachine('vm1'), { ...scaleSet('ss1'), type: undefined, Type: 'microsoft.compute/VIRTUALMACHINESCALESETS' }, { type: 'Microsoft.Storage/storageAccounts', name: 'st' }],
    });
    expect(labelled(model.computeTargets.map((t) => ({ kind: t.kind, node: t.resource.node })))).toEqual(
      labelled([
        { kind: 'virtualMachine', node: nodeAt(rootNode(model), 'resources', 0) },
        { kind: 'scaleSet', node: nodeAt(rootNode(model), 'resources', 1) },
      ]),
    );
  });
});

describe('vm-resource target resolution by the first name segment', () => {
  /** The target of the only extension, as its index among the root's resources (undefined when unresolved). */
  const targetIndex = (model: FileModel): number | undefined => {
    const extension = only(model.extensions);
    expect(extension.placement).toBe('vm-resource');
    expect(extension.targetKind).toBe('virtualMachine');
    const target = extension.target?.resource.node;
    const resources = nodeAt(rootNode(model), 'resources');
    return target && resources.kind === 'array' ? resources.items.indexOf(target) : undefined;
  };

  it('matches literal names case-insensitively', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('other'), virtualMachine('Vm1'), extensionResource(VM_EXTENSION_TYPE, 'vM1/dsc')] });
    expect(targetIndex(model)).toBe(1);
  });

  it('matches a parameter with a default value against the literal it evaluates to', () => {
    const model = modelOfTemplate({
      parameters: { vmName: { type: 'string', defaultValue: 'vm1' } },
      resources: [virtualMachine('vm1'), extensionResource(VM_EXTENSION_TYPE, "[concat(parameters('vmName'), '/dsc')]")],
    });
    expect(targetIndex(model)).toBe(0);
  });

  it('matches the same parameter without a default value, and not another one', () => {
    const model = modelOfTemplate({
      parameters: { firstVm: { type: 'string' }, secondVm: { type: 'string' } },
      resources: [
        virtualMachine("[parameters('firstVm')]"),
        virtualMachine("[parameters('secondVm')]"),
        extensionResource(VM_EXTENSION_TYPE, "[concat(parameters('secondVm'), '/dsc')]"),
      ],
    });
    expect(targetIndex(model)).toBe(1);
  });

  it('matches a variable name', () => {
    const model = modelOfTemplate({
      variables: { vmName: 'web-vm' },
      resources: [virtualMachine("[variables('vmName')]"), extensionResource(VM_EXTENSION_TYPE, "[concat(variables('vmName'), '/dsc')]")],
    });
    expect(targetIndex(model)).toBe(0);
  });

  it('matches concat and format names built from an unknown parameter', () => {
    const model = modelOfTemplate({
      parameters: { prefix: { type: 'string' } },
      resources: [
        virtualMachine("[concat(parameters('prefix'), '-sql')]"),
        virtualMachine("[concat(parameters('prefix'), '-web')]"),
        extensionResource(VM_EXTENSION_TYPE, "[format('{0}-web/{1}', parameters('prefix'), 'dsc')]"),
      ],
    });
    expect(targetIndex(model)).toBe(1);
  });

  it("matches a copyIndex() name to the VM's copyIndex() name", () => {
    const model = modelOfTemplate({
      resources: [
        virtualMachine("[concat('web', copyIndex())]", { copy: { name: 'webs', count: 2 } }),
        virtualMachine("[concat('vm', copyIndex())]", { copy: { name: 'vms', count: 2 } }),
        { ...extensionResource(VM_EXTENSION_TYPE, "[concat('vm', copyIndex(), '/dsc')]"), copy: { name: 'dscs', count: 2 } },
      ],
    });
    expect(targetIndex(model)).toBe(1);
  });

  it('leaves the target unresolved when the VM is not in the file', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), extensionResource(VM_EXTENSION_TYPE, 'elsewhere/dsc')] });
    expect(targetIndex(model)).toBeUndefined();
  });

  it('leaves the target unresolved when only a scale set has that name', () => {
    const model = modelOfTemplate({ resources: [scaleSet('vm1'), extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc')] });
    expect(targetIndex(model)).toBeUndefined();
  });
});

describe('vmss-resource target resolution by the first name segment', () => {
  it('matches literal names', () => {
    const model = modelOfTemplate({ resources: [scaleSet('ss1'), scaleSet('ss2'), extensionResource(SCALE_SET_EXTENSION_TYPE, 'ss2/dsc')] });
    expect(placementOf(only(model.extensions))).toEqual(labelled({ placement: 'vmss-resource', targetKind: 'scaleSet', target: nodeAt(rootNode(model), 'resources', 1) }));
  });

  it('matches a parameter without a default value', () => {
    const model = modelOfTemplate({
      parameters: { scaleSetName: { type: 'string' } },
      resources: [scaleSet("[parameters('scaleSetName')]"), extensionResource(SCALE_SET_EXTENSION_TYPE, "[concat(parameters('scaleSetName'), '/dsc')]")],
    });
    expect(placementOf(only(model.extensions))).toEqual(labelled({ placement: 'vmss-resource', targetKind: 'scaleSet', target: nodeAt(rootNode(model), 'resources', 0) }));
  });

  it('leaves the target unresolved when the scale set is not in the file, or is a VM', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('ss1'), extensionResource(SCALE_SET_EXTENSION_TYPE, 'ss1/dsc')] });
    expect(placementOf(only(model.extensions))).toEqual(labelled({ placement: 'vmss-resource', targetKind: 'scaleSet', target: undefined }));
  });
});
