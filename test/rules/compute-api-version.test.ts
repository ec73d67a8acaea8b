/** compute-api-version: how apiVersions are judged, and the first apiVersion of each extension property. */
import { lintWithRule, template } from '../support/lint';

const RULE = 'compute-api-version';

const lint = (resources: unknown[], parameters?: unknown) => lintWithRule(RULE, template({ resources, parameters })).messages;

const virtualMachine = (apiVersion: string) => ({ type: 'Microsoft.Compute/virtualMachines', apiVersion, name: 'web01', location: 'westeurope', properties: {} });

function extensionResource(kind: 'virtualMachines' | 'virtualMachineScaleSets', apiVersion: string, properties: Record<string, unknown> = {}) {
  return {
    type: `Microsoft.Compute/${kind}/extensions`,
    apiVersion,
    name: 'web01/Microsoft.Powershell.DSC',
    properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, settings: {}, ...properties },
  };
}

function scaleSetWithProfileExtension(apiVersion: unknown, properties: Record<string, unknown>) {
  return {
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    apiVersion,
    name: 'webfarm',
    location: 'westeurope',
    properties: {
      virtualMachineProfile: {
        extensionProfile: {
          extensions: [{ name: 'Microsoft.Powershell.DSC', properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', ...properties } }],
        },
      },
    },
  };
}

describe('judging the apiVersion', () => {
  it.each(['2015-06-15', '2016-04-30-preview', '2024-11-01', '2026-03-01'])('takes the Compute version %s', (apiVersion) => {
    expect(lint([virtualMachine(apiVersion)])).toEqual([]);
  });

  it('compares without regard to letter case', () => {
    expect(lint([virtualMachine('2016-04-30-Preview')])).toEqual([]);
    expect(lint([virtualMachine('2022-03-02-PREVIEW')]).map((m) => m.messageId)).toEqual(['notComputeVersion']);
  });

  it.each([
    ['2022-08-03', 'otherResourceType', '"2022-08-01" (the nearest earlier one)'],
    ['2019-04-01', 'notComputeVersion', '"2019-03-01" (the nearest earlier one)'],
    ['2015-01-01', 'notComputeVersion', '"2015-06-15" (the first published one)'],
    ['2014-12-01-preview', 'legacyPreview', '"2015-06-15" (the first published one)'],
    ['latest', 'notComputeVersion', '"2026-03-01" (the newest)'],
  ])('reports %s as %s, suggesting %s', (apiVersion, messageId, suggestion) => {
    const [message, ...rest] = lint([virtualMachine(apiVersion)]);
    expect(rest).toEqual([]);
    expect(message?.messageId).toBe(messageId);
    expect(message?.message).toContain(`use ${suggestion}`);
  });

  it('leaves out versions later than the newest one it knows, and 2015-08-01, whose support is not confirmed', () => {
    expect(lint([virtualMachine('2027-01-01'), virtualMachine('2015-08-01')])).toEqual([]);
  });

  it('judges only virtual machines, scale sets and their extensions', () => {
    expect(lint([{ type: 'Microsoft.Compute/disks', apiVersion: '2022-03-02', name: 'data', location: 'westeurope', properties: {} }])).toEqual([]);
  });

  it('takes scale set extension resources from 2017-03-30 only, and virtual machine extensions from the first version', () => {
    expect(lint([extensionResource('virtualMachineScaleSets', '2017-03-30'), extensionResource('virtualMachines', '2015-06-15')])).toEqual([]);
    expect(lint([extensionResource('virtualMachineScaleSets', '2016-04-30-preview')]).map((m) => m.messageId)).toEqual(['scaleSetExtensionResource']);
  });

  it('does not report a version that is not known before deployment', () => {
    expect(lint([virtualMachine("[parameters('apiVersion')]")], { apiVersion: { type: 'string' } })).toEqual([]);
  });
});

describe('extension properties newer than the apiVersion (DSC reference §5.2)', () => {
  // Each property, on each kind of extension: the last apiVersion without it, and the first with it.
  it.each([
    ['virtualMachines', 'provisionAfterExtensions', [], '2022-11-01', '2023-03-01'],
    ['virtualMachineScaleSets', 'provisionAfterExtensions', [], '2017-12-01', '2018-06-01'],
    ['virtualMachines', 'enableAutomaticUpgrade', false, '2019-12-01', '2020-06-01'],
    ['virtualMachineScaleSets', 'enableAutomaticUpgrade', false, '2019-12-01', '2020-06-01'],
    ['virtualMachines', 'suppressFailures', false, '2021-04-01', '2021-07-01'],
    ['virtualMachineScaleSets', 'suppressFailures', false, '2021-04-01', '2021-07-01'],
    ['virtualMachines', 'protectedSettingsFromKeyVault', {}, '2021-07-01', '2021-11-01'],
    ['virtualMachineScaleSets', 'protectedSettingsFromKeyVault', {}, '2021-07-01', '2021-11-01'],
  ] as const)('%s extensions: %s is reported at %s and not at %s', (kind, property, value, before, since) => {
    const found = lint([extensionResource(kind, before, { [property]: value })]);
    expect(found.map((m) => m.messageId)).toEqual(['propertyTooNew']);
    expect(found[0]?.message).toContain(`'${property}' of`);
    expect(found[0]?.message).toContain(`is in the Compute API schema from apiVersion "${since}"`);
    expect(lint([extensionResource(kind, since, { [property]: value })])).toEqual([]);
  });

  it('has forceUpdateTag on virtual machine extensions from the first version', () => {
    expect(lint([extensionResource('virtualMachines', '2015-06-15', { forceUpdateTag: '1' })])).toEqual([]);
  });

  it("judges a scale set's profile extensions by the scale set's apiVersion", () => {
    const [message, ...rest] = lint([scaleSetWithProfileExtension('2016-03-30', { forceUpdateTag: '1' })]);
    expect(rest).toEqual([]);
    expect(message?.message).toBe(
      `'forceUpdateTag' of scale set extensions is in the Compute API schema from apiVersion "2017-03-30", but the scale set's apiVersion is "2016-03-30", which the schema does not give it; use "2017-03-30" or later.`,
    );
    expect(lint([scaleSetWithProfileExtension('2017-03-30', { forceUpdateTag: '1' })])).toEqual([]);
  });

  it('reports a property of properties shared through a variable at its key inside the variable', () => {
    const text = template({
      variables: { dscProperties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', suppressFailures: true } },
      resources: [{ ...extensionResource('virtualMachines', '2021-03-01'), properties: "[variables('dscProperties')]" }],
    });
    const keyLine = text.split('\n').findIndex((line) => line.includes('"suppressFailures"')) + 1;
    expect(lintWithRule(RULE, text).messages.map((m) => [m.messageId, m.line])).toEqual([['propertyTooNew', keyLine]]);
  });

  it('does not judge properties when the apiVersion is unknown, or already reported as wrong', () => {
    expect(lint([scaleSetWithProfileExtension("[parameters('apiVersion')]", { suppressFailures: true })], { apiVersion: { type: 'string' } })).toEqual([]);
    expect(lint([scaleSetWithProfileExtension('2019-04-01', { suppressFailures: true })]).map((m) => m.messageId)).toEqual(['notComputeVersion']);
  });
});
