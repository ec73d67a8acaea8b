/**
 * dsc-single-per-target beyond the fixtures: when copy loops and conditions make extensions
 * certain to meet on one target, and when they do not.
 */
import { lintWithRule, positionOf, positions, template } from '../support/lint';
import { dscProperties, extensionResource, nestedDeployment, scaleSetWithProfile, SCALE_SET_EXTENSION_TYPE, virtualMachine, VM_EXTENSION_TYPE } from '../support/model';

const RULE = 'dsc-single-per-target';
const messageIds = (text: string) => lintWithRule(RULE, text).messages.map((m) => m.messageId);
const dscResource = (name: string, extra: Record<string, unknown> = {}) => ({ ...extensionResource(VM_EXTENSION_TYPE, name), ...extra });

describe(RULE, () => {
  it('does not report a copy loop whose count is unknown, below two, or whose condition depends on the iteration', () => {
    const text = template({
      parameters: { count: { type: 'int' } },
      resources: [
        virtualMachine('vm1'),
        dscResource("[concat('vm1/dsc', copyIndex())]", { copy: { name: 'unknownCount', count: "[parameters('count')]" } }),
        virtualMachine('vm2'),
        dscResource("[concat('vm2/dsc', copyIndex())]", { copy: { name: 'oneOnly', count: 1 } }),
        virtualMachine('vm3'),
        dscResource("[concat('vm3/dsc', copyIndex())]", { copy: { name: 'first', count: 2 }, condition: '[equals(copyIndex(), 0)]' }),
      ],
    });
    expect(messageIds(text)).toEqual([]);
  });

  it('still reports a loop whose condition is the same for every iteration, at its count', () => {
    const text = template({
      parameters: { withDsc: { type: 'bool' } },
      resources: [virtualMachine('vm1'), dscResource("[concat('vm1/dsc', copyIndex())]", { copy: { name: 'twice', count: 2 }, condition: "[parameters('withDsc')]" })],
    });
    expect(positions(lintWithRule(RULE, text).messages)).toEqual([{ messageId: 'copyLoopOnVm', ...positionOf(text, '2', '"count": ') }]);
  });

  it('does not report a module whose DSC switch its caller leaves at the default false (parameters of an inner scope are fixed)', () => {
    const module = nestedDeployment(
      'vmModule',
      {
        parameters: { dscConfig: { type: 'object', defaultValue: { enabled: false } } },
        resources: [{ ...nestedDeployment('dscModule', { resources: [dscResource('vm1/OptionalDsc')] }), condition: "[parameters('dscConfig').enabled]" }],
      },
      { scope: 'inner' },
    );
    expect(messageIds(template({ resources: [virtualMachine('vm1'), dscResource('vm1/HostPoolRegistration'), module] }))).toEqual([]);
    const enabled = { ...module, properties: { ...(module.properties as object), parameters: { dscConfig: { value: { enabled: true } } } } };
    expect(messageIds(template({ resources: [virtualMachine('vm1'), dscResource('vm1/HostPoolRegistration'), enabled] }))).toEqual(['anotherOnVm']);
  });

  it('treats a scale set extension resource named like a profile item as the same extension', () => {
    const text = template({
      resources: [scaleSetWithProfile('web', [{ name: 'Microsoft.Powershell.DSC', properties: dscProperties() }]), extensionResource(SCALE_SET_EXTENSION_TYPE, 'web/microsoft.powershell.dsc')],
    });
    expect(messageIds(text)).toEqual([]);
  });

  it('reports each further extension against the first in document order, wherever the model finds it', () => {
    const text = template({
      resources: [
        virtualMachine('vm1'),
        nestedDeployment('earlier', { resources: [dscResource('vm1/First')] }),
        dscResource('vm1/Second'),
        dscResource('vm1/Third'),
      ],
    });
    const messages = lintWithRule(RULE, text).messages;
    expect(messages.map((m) => m.message.slice(0, m.message.indexOf(';')))).toEqual([
      `DSC extension "Second" is another on virtual machine "vm1", which already has "First" (line ${positionOf(text, '"vm1/First"').line})`,
      `DSC extension "Third" is another on virtual machine "vm1", which already has "First" (line ${positionOf(text, '"vm1/First"').line})`,
    ]);
  });
});
