/** Ties in dsc-consistent-type-handler-version between a version and text that is not one. */
import { lintWithRule, template } from '../support/lint';

function dscExtensionResource(vmName: string, typeHandlerVersion: string) {
  return {
    type: 'Microsoft.Compute/virtualMachines/extensions',
    apiVersion: '2024-07-01',
    name: `${vmName}/Microsoft.Powershell.DSC`,
    location: 'westeurope',
    properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion, autoUpgradeMinorVersion: true },
  };
}

/** 1-based line of the first line of `text` that contains `needle`. */
const lineContaining = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('dsc-consistent-type-handler-version: a tie between a version and non-numeric text', () => {
  // RULES.md: "ties: the highest version wins". Text such as "latest" or "2.x" is not a version,
  // so "2.83" wins the tie and the text is reported, whichever comes first.
  it.each([
    ['2.83', 'latest'],
    ['latest', '2.83'],
    ['2.83', '2.x'],
  ])('%s and %s: the non-numeric value is the one reported', (first, second) => {
    const text = template({ resources: [dscExtensionResource('web', first), dscExtensionResource('sql', second)] });
    const odd = first === '2.83' ? second : first;
    const messages = lintWithRule('dsc-consistent-type-handler-version', text).messages;
    expect(messages.map(({ messageId, line, message }) => ({ messageId, line, message }))).toEqual([
      {
        messageId: 'differs',
        line: lineContaining(text, `"typeHandlerVersion": "${odd}"`),
        message: `typeHandlerVersion "${odd}" differs from "2.83", which 1 other DSC extension(s) use (first at line ${lineContaining(text, '"typeHandlerVersion": "2.83"')}).`,
      },
    ]);
  });
});

describe('dsc-consistent-type-handler-version: only a version is newer than another', () => {
  it('reports a version that is the odd one out among non-numeric text as differing, not as newer', () => {
    const text = template({ resources: [dscExtensionResource('web', 'latest'), dscExtensionResource('sql', 'latest'), dscExtensionResource('api', '2.83')] });
    const messages = lintWithRule('dsc-consistent-type-handler-version', text).messages;
    expect(messages.map(({ messageId, line, message }) => ({ messageId, line, message }))).toEqual([
      {
        messageId: 'differs',
        line: lineContaining(text, '"typeHandlerVersion": "2.83"'),
        message: `typeHandlerVersion "2.83" differs from "latest", which 2 other DSC extension(s) use (first at line ${lineContaining(text, '"typeHandlerVersion": "latest"')}).`,
      },
    ]);
  });
});
