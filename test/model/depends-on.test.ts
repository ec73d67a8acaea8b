/**
 * dependsOn resolution (src/model/depends-on.ts): every form of entry ARM accepts, what cannot be
 * resolved, and whether one resource may wait for another through explicit and implicit
 * dependencies.
 */
import { dependencyGraph, type FileModel, type Resource, type ResourceReference } from '../../src/model';
import { extensionResource, modelOf, modelOfTemplate, nestedDeployment, virtualMachine, VM_EXTENSION_TYPE } from '../support/model';

const NIC_TYPE = 'Microsoft.Network/networkInterfaces';
const nic = (name: string, extra: Record<string, unknown> = {}) => ({ type: NIC_TYPE, apiVersion: '2023-04-01', name, location: 'westeurope', properties: {}, ...extra });

/** The resource whose name node is the string `name` as written. */
function resourceNamed(model: FileModel, name: string): Resource {
  const found = model.resources.filter((r) => r.nameNode?.kind === 'string' && r.nameNode.value === name);
  if (found.length !== 1) throw new Error(`${found.length} resources named ${name}`);
  return found[0]!;
}

/** A reference as the tests compare it: each candidate by its written name, and certainty. */
function described(reference: ResourceReference): unknown {
  return {
    unresolved: reference.unresolved,
    candidates: reference.candidates.map(({ resource, certain }) => ({ name: resource.nameNode?.kind === 'string' ? resource.nameNode.value : undefined, certain })),
  };
}

/** The resolved dependsOn entries of the resource named `name`. */
function entriesOf(model: FileModel, name: string): unknown[] {
  return dependencyGraph(model).dependsOn(resourceNamed(model, name)).map(described);
}

const certainly = (...names: string[]) => ({ unresolved: false, candidates: names.map((name) => ({ name, certain: true })) });

describe('dependsOn entries', () => {
  const vmWith = (dependsOn: unknown, parts: { parameters?: unknown; variables?: unknown } = {}) =>
    modelOfTemplate({
      ...parts,
      resources: [virtualMachine('vm1'), nic('nic1'), extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc', {}), { ...nic('consumer'), dependsOn }],
    });

  it('resolves resourceId(type, name), with or without the subscription and resource group', () => {
    const model = vmWith([
      "[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]",
      "[resourceId('Microsoft.Compute/virtualMachines/', 'VM1')]",
      "[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Compute/virtualMachines', 'vm1')]",
      "[resourceId('Microsoft.Compute/virtualMachines/extensions', 'vm1', 'dsc')]",
    ]);
    expect(entriesOf(model, 'consumer')).toEqual([certainly('vm1'), certainly('vm1'), certainly('vm1'), certainly('vm1/dsc')]);
  });

  it('resolves Namespace/type/name paths, full resource IDs and plain names, through variables and parameter defaults', () => {
    const model = vmWith(
      [
        "[concat('Microsoft.Compute/virtualMachines/', variables('vmName'))]",
        'Microsoft.Compute/virtualMachines/vm1/extensions/dsc',
        '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic1',
        "[parameters('nicName')]",
        "[variables('vmId')]",
      ],
      {
        parameters: { nicName: { type: 'string', defaultValue: 'nic1' } },
        variables: { vmName: 'vm1', vmId: "[resourceId('Microsoft.Compute/virtualMachines', variables('vmName'))]" },
      },
    );
    expect(entriesOf(model, 'consumer')).toEqual([certainly('vm1'), certainly('vm1/dsc'), certainly('nic1'), certainly('nic1'), certainly('vm1')]);
  });

  it('gives every resource with that name for a plain name', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('web'), nic('web'), { ...nic('consumer'), dependsOn: ['web'] }] });
    expect(entriesOf(model, 'consumer')).toEqual([certainly('web', 'web')]);
  });

  it('names nothing in the file when every part is known and nothing matches', () => {
    const model = vmWith(["[resourceId('Microsoft.Compute/virtualMachines', 'vm2')]", 'Microsoft.Compute/virtualMachines/vm2', 'vm2']);
    expect(entriesOf(model, 'consumer')).toEqual([
      { unresolved: false, candidates: [] },
      { unresolved: false, candidates: [] },
      { unresolved: false, candidates: [] },
    ]);
  });

  it('keeps a resource whose name may be the unknown part as a possible, not certain, candidate', () => {
    const model = vmWith(["[resourceId('Microsoft.Compute/virtualMachines', parameters('otherVm'))]"], { parameters: { otherVm: { type: 'string' } } });
    expect(entriesOf(model, 'consumer')).toEqual([{ unresolved: false, candidates: [{ name: 'vm1', certain: false }] }]);
  });

  it('rules out a name whose known start or end cannot be the partly known one', () => {
    const model = modelOfTemplate({
      resources: [
        virtualMachine('cb-vm'),
        virtualMachine('rdsh-vm'),
        { ...nic('consumer'), dependsOn: ["[resourceId('Microsoft.Compute/virtualMachines', concat('rdsh-', copyIndex()))]", "[concat('Microsoft.Compute/virtualMachines/', copyIndex(), '-vm')]"] },
      ],
    });
    expect(entriesOf(model, 'consumer')).toEqual([
      { unresolved: false, candidates: [{ name: 'rdsh-vm', certain: false }] },
      { unresolved: false, candidates: [{ name: 'cb-vm', certain: false }, { name: 'rdsh-vm', certain: false }] },
    ]);
  });

  it('matches unknown names symbolically: the same parameter is the same name', () => {
    const model = modelOfTemplate({
      parameters: { vmName: { type: 'string' } },
      resources: [virtualMachine("[parameters('vmName')]"), { ...nic('consumer'), dependsOn: ["[resourceId('Microsoft.Compute/virtualMachines', parameters('vmName'))]"] }],
    });
    expect(entriesOf(model, 'consumer')).toEqual([{ unresolved: false, candidates: [{ name: "[parameters('vmName')]", certain: true }] }]);
  });

  it('cannot resolve an entry computed at deployment or one with an unknown first segment', () => {
    const model = vmWith(["[reference('nic1').id]", "[parameters('anything')]", "[concat(parameters('anything'), '/dsc')]"], {
      parameters: { anything: { type: 'string' } },
    });
    expect(entriesOf(model, 'consumer')).toEqual([
      { unresolved: true, candidates: [] },
      { unresolved: true, candidates: [] },
      { unresolved: true, candidates: [] },
    ]);
  });

  it('cannot resolve a dependsOn that is not an array', () => {
    const model = vmWith("[variables('dependencies')]", { variables: { dependencies: "[createArray('vm1')]" } });
    expect(entriesOf(model, 'consumer')).toEqual([{ unresolved: true, candidates: [] }]);
  });

  it('resolves symbolic names and copy loop names of the same template (languageVersion 2.0)', () => {
    const model = modelOf(
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        languageVersion: '2.0',
        contentVersion: '1.0.0.0',
        resources: {
          vm: virtualMachine('vm1'),
          nics: { ...nic("[format('nic{0}', copyIndex())]"), copy: { name: 'nicLoop', count: 2 } },
          consumer: { ...nic('consumer'), dependsOn: ['vm', 'nicLoop'] },
        },
      }),
    );
    expect(entriesOf(model, 'consumer')).toEqual([certainly('vm1'), certainly("[format('nic{0}', copyIndex())]")]);
  });
});

describe('mayWaitFor', () => {
  const waits = (model: FileModel, from: string, to: string) => dependencyGraph(model).mayWaitFor(resourceNamed(model, from), resourceNamed(model, to));

  it('follows dependsOn directly and through other resources', () => {
    const model = modelOfTemplate({
      resources: [
        virtualMachine('vm1', { dependsOn: ['nic1'] }),
        nic('nic1'),
        { ...nic('direct'), dependsOn: ['vm1'] },
        { ...nic('through'), dependsOn: ['direct'] },
        { ...nic('elsewhere'), dependsOn: ['nic1'] },
      ],
    });
    expect([waits(model, 'direct', 'vm1'), waits(model, 'through', 'vm1'), waits(model, 'elsewhere', 'vm1'), waits(model, 'vm1', 'direct')]).toEqual([true, true, false, false]);
  });

  it('waits for everything in a nested deployment it depends on, and for what its own deployment depends on', () => {
    const model = modelOfTemplate({
      resources: [
        nestedDeployment('holdsVm', { resources: [virtualMachine('vm1')] }),
        { ...nic('afterDeployment'), dependsOn: ['holdsVm'] },
        { ...nestedDeployment('holdsNic', { resources: [nic('inner')] }), dependsOn: ['afterDeployment'] },
      ],
    });
    expect([waits(model, 'afterDeployment', 'vm1'), waits(model, 'inner', 'vm1')]).toEqual([true, true]);
  });

  it('counts reference() and list*() of a resource as a dependency, not those in child resources', () => {
    const model = modelOfTemplate({
      variables: { pipId: "[resourceId('Microsoft.Network/publicIPAddresses', 'pip1')]" },
      resources: [
        virtualMachine('vm1'),
        { type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2023-04-01', name: 'pip1', location: 'westeurope', properties: {} },
        { ...nic('viaVariable'), properties: { fqdn: "[reference(variables('pipId')).dnsSettings.fqdn]" } },
        { ...nic('refers'), properties: { note: "[reference('vm1').vmId]" } },
        { ...nic('lists'), properties: { keys: "[listKeys(resourceId('Microsoft.Compute/virtualMachines', 'vm1'), '2023-03-01')]" } },
        { ...nic('parent'), resources: [{ ...nic('child'), properties: { note: "[reference('vm1').vmId]" } }] },
      ],
    });
    expect([waits(model, 'refers', 'vm1'), waits(model, 'lists', 'vm1'), waits(model, 'parent', 'vm1'), waits(model, 'child', 'vm1')]).toEqual([true, true, false, true]);
    expect([waits(model, 'viaVariable', 'pip1'), waits(model, 'viaVariable', 'vm1')]).toEqual([true, false]);
  });

  it("waits for a nested child's parent through the child", () => {
    const model = modelOfTemplate({
      resources: [
        virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc', {})] }),
        { ...nic('consumer'), dependsOn: ["[resourceId('Microsoft.Compute/virtualMachines/extensions', 'vm1', 'dsc')]"] },
      ],
    });
    expect(entriesOf(model, 'consumer')).toEqual([certainly('dsc')]);
    expect(waits(model, 'consumer', 'vm1')).toBe(true);
  });

  it('may wait for anything once an entry on the way cannot be resolved', () => {
    const model = modelOfTemplate({
      parameters: { unknownId: { type: 'string' } },
      resources: [virtualMachine('vm1'), nic('nic1', { dependsOn: ["[parameters('unknownId')]"] }), { ...nic('consumer'), dependsOn: ['nic1'] }],
    });
    expect(waits(model, 'consumer', 'vm1')).toBe(true);
  });

  it('is false for a resource with no dependencies at all', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), nic('alone')] });
    expect(waits(model, 'alone', 'vm1')).toBe(false);
  });
});

it('builds the graph once per model', () => {
  const model = modelOfTemplate({ resources: [virtualMachine('vm1')] });
  expect(dependencyGraph(model)).toBe(dependencyGraph(model));
});
