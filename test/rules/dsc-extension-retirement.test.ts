/** dsc-extension-retirement is off in the recommended set and runs once configured. */
import { lintText } from '../../src/index';
import { template } from '../support/lint';

const RULE = 'dsc-extension-retirement';

const text = template({
  resources: [
    {
      type: 'Microsoft.Compute/virtualMachines/extensions',
      apiVersion: '2024-07-01',
      name: 'web01/Microsoft.Powershell.DSC',
      location: 'westeurope',
      properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, settings: {} },
    },
  ],
});

const retirementMessages = (rules?: Record<string, unknown>) => lintText(text, { rules })!.messages.filter((m) => m.ruleId === RULE);

it('reports nothing without configuration', () => {
  expect(retirementMessages()).toEqual([]);
});

it.each([
  ['warn', 1],
  ['error', 2],
] as const)('reports every DSC extension at %s when turned on', (severity, level) => {
  expect(retirementMessages({ [RULE]: severity }).map((m) => [m.severity, m.messageId])).toEqual([[level, 'retiring']]);
});
