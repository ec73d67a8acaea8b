/**
 * dsc-publisher-type beyond the fixtures: the ignoreCase option, which extensions count as meant
 * to be DSC, and secrets in messages.
 */
import { lintWithRule, positionOf, positions, template } from '../support/lint';
import { dscProperties, extensionResource, nestedDeployment, virtualMachine, VM_EXTENSION_TYPE } from '../support/model';

const RULE = 'dsc-publisher-type';

/** A template with one VM and one extension resource on it with these properties. */
const withExtension = (properties: Record<string, unknown>, parameters?: unknown) =>
  template({ parameters, resources: [virtualMachine('vm1'), extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc', dscProperties(properties))] });

describe(RULE, () => {
  it('reports letter case by default, and not with ignoreCase; a name used as the type is reported either way', () => {
    const text = withExtension({ publisher: 'Microsoft.PowerShell', type: 'Microsoft.Powershell.DSC' });
    expect(lintWithRule(RULE, text).messages.map((m) => m.messageId)).toEqual(['letterCase', 'typeIsName']);
    expect(lintWithRule(RULE, text, { entry: ['error', { ignoreCase: true }] }).messages.map((m) => m.messageId)).toEqual(['typeIsName']);
  });

  it('reports both fields when both are the extension name', () => {
    const text = withExtension({ publisher: 'Microsoft.Powershell.DSC', type: 'microsoft.powershell.dsc' });
    expect(positions(lintWithRule(RULE, text).messages)).toEqual([
      { messageId: 'publisherIsName', ...positionOf(text, '"Microsoft.Powershell.DSC"', '"publisher"') },
      { messageId: 'typeIsName', ...positionOf(text, '"microsoft.powershell.dsc"', '"type"') },
    ]);
  });

  it('leaves alone an extension of another handler that happens to use the name', () => {
    const text = withExtension({ publisher: 'Microsoft.Compute', type: 'Microsoft.Powershell.DSC' });
    expect(lintWithRule(RULE, text).messages).toEqual([]);
  });

  it('leaves alone an extension that is never deployed (a module whose switch its caller leaves off)', () => {
    const module = nestedDeployment(
      'dscModule',
      {
        parameters: { dscConfig: { type: 'object', defaultValue: { enabled: false } } },
        resources: [{ ...extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc', dscProperties({ publisher: 'Microsoft.PowerShell' })), condition: "[parameters('dscConfig').enabled]" }],
      },
      { scope: 'inner' },
    );
    expect(lintWithRule(RULE, template({ resources: [virtualMachine('vm1'), module] })).messages).toEqual([]);
  });

  it('shows a value from a secure parameter by its name only', () => {
    const text = withExtension({ publisher: "[parameters('handlerPublisher')]" }, { handlerPublisher: { type: 'securestring', defaultValue: 'microsoft.powershell' } });
    const [message] = lintWithRule(RULE, text).messages;
    expect(message?.message).toBe(
      "Publisher parameters('handlerPublisher') differs from \"Microsoft.Powershell\" in letter case; write it exactly as published (that Azure matches it in any case is not documented).",
    );
    expect(message?.fix).toBeUndefined();
  });
});
