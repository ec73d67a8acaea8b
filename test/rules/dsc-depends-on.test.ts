/**
 * dsc-depends-on beyond the fixtures: dependencies through nested deployments, entries that only
 * may name an extension, symbolic names, and extensions that are never deployed.
 */
import { lintWithRule, positionOf, positions, template } from '../support/lint';
import { dscProperties, extensionResource, nestedDeployment, virtualMachine, VM_EXTENSION_TYPE } from '../support/model';

const RULE = 'dsc-depends-on';
const messageIds = (text: string) => lintWithRule(RULE, text).messages.map((m) => m.messageId);
const dsc = (name: string, extra: Record<string, unknown> = {}) => ({ ...extensionResource(VM_EXTENSION_TYPE, name), ...extra });

describe(RULE, () => {
  it('accepts an extension in a nested deployment when the deployment depends on the VM', () => {
    const text = template({
      resources: [virtualMachine('vm1'), { ...nestedDeployment('configure', { resources: [dsc('vm1/Configure')] }), dependsOn: ["[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]"] }],
    });
    expect(messageIds(text)).toEqual([]);
  });

  it('does not report an entry that only may name an extension', () => {
    const text = template({
      parameters: { prerequisite: { type: 'string' } },
      resources: [
        virtualMachine('vm1'),
        extensionResource(VM_EXTENSION_TYPE, 'vm1/setup', { publisher: 'Microsoft.Compute', type: 'CustomScriptExtension' }),
        dsc('vm1/Configure', { dependsOn: ['vm1', "[resourceId('Microsoft.Compute/virtualMachines/extensions', 'vm1', parameters('prerequisite'))]"] }),
      ],
    });
    expect(messageIds(text)).toEqual([]);
  });

  it('reports a dependency on an extension by its symbolic name (languageVersion 2.0)', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        languageVersion: '2.0',
        contentVersion: '1.0.0.0',
        resources: {
          vm: virtualMachine('vm1'),
          antimalware: extensionResource(VM_EXTENSION_TYPE, 'vm1/IaaSAntimalware', { publisher: 'Microsoft.Azure.Security', type: 'IaaSAntimalware' }),
          dsc: dsc('vm1/Configure', { dependsOn: ['vm', 'antimalware'], properties: dscProperties() }),
        },
      },
      null,
      2,
    );
    expect(positions(lintWithRule(RULE, text).messages)).toEqual([{ messageId: 'dependsOnExtension', ...positionOf(text, '"antimalware"', '"dependsOn"') }]);
  });

  it('says when the entry names the other extension through its copy loop', () => {
    const text = template({
      resources: [
        virtualMachine('vm1'),
        { ...extensionResource(VM_EXTENSION_TYPE, "[concat('vm1/prep', copyIndex())]", { publisher: 'Microsoft.Powershell', type: 'DSC' }), copy: { name: 'prepLoop', count: 2 } },
        dsc('vm1/Configure', { dependsOn: ['vm1', 'prepLoop'], properties: dscProperties() }),
      ],
    });
    const messages = lintWithRule(RULE, text).messages.filter((m) => m.messageId === 'dependsOnExtension');
    expect(messages.map((m) => m.message)).toEqual([expect.stringContaining(' (every one its copy loop "prepLoop" makes) (line ')]);
    expect(positions(messages)).toEqual([{ messageId: 'dependsOnExtension', ...positionOf(text, '"prepLoop"', '"dependsOn"') }]);
  });

  it('leaves out an extension whose condition is known to be false', () => {
    const text = template({ resources: [virtualMachine('vm1'), dsc('vm1/Retired', { condition: false })] });
    expect(messageIds(text)).toEqual([]);
  });
});
