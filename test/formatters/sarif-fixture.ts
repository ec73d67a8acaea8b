import type { LintResult } from '../../src/engine';
import { result } from './results';

/**
 * A realistic run for SARIF: several rules in a file, a fix and a suggestion, messages suppressed
 * by a directive (with a justification) and by metadata (without), a file in a subfolder whose
 * name has a space and a non-ASCII character, a file that does not parse, and a file outside cwd.
 */
export function sarifRun(cwd: string): LintResult[] {
  return [
    result(
      `${cwd}/azuredeploy.json`,
      [
        {
          ruleId: 'dsc-sas-token',
          messageId: 'missingToken',
          severity: 2,
          message: 'settings.configuration.url is built from _artifactsLocation but protectedSettings.configurationUrlSasToken is missing, so a private artifacts location cannot be read.',
          line: 31,
          column: 22,
          endLine: 31,
          endColumn: 76,
          fix: { range: [1180, 1180], text: ',\n        "protectedSettings": {\n          "configurationUrlSasToken": "[parameters(\'_artifactsLocationSasToken\')]"\n        }' },
        },
        {
          ruleId: 'dsc-vmss-node-name',
          messageId: 'notLocalhost',
          severity: 2,
          message: 'Scale set DSC nodeName is "web01"; every instance applies the same configuration, so use "localhost".',
          line: 40,
          column: 27,
          endLine: 40,
          endColumn: 44,
          suggestions: [{ desc: 'Set nodeName to "localhost".', fix: { range: [1500, 1517], text: '"localhost"' } }],
        },
        {
          ruleId: 'dsc-consistent-auto-upgrade',
          messageId: 'differs',
          severity: 1,
          message: 'autoUpgradeMinorVersion is false here but true in 2 other DSC extension(s) (first at nested/my templates/vm-ü.json:12).',
          line: 52,
          column: 40,
          endLine: 52,
          endColumn: 45,
        },
      ],
      [
        {
          ruleId: 'dsc-sas-token',
          messageId: 'hardCodedToken',
          severity: 2,
          message: 'protectedSettings.configurationDataUrlSasToken is a hard-coded value; pass the token through a securestring parameter such as _artifactsLocationSasToken.',
          line: 60,
          column: 41,
          endLine: 60,
          endColumn: 47,
          suppressions: [{ kind: 'directive', justification: 'test storage, no secret' }],
        },
        {
          ruleId: 'dsc-extension-placement',
          messageId: 'wrongParent',
          severity: 2,
          message: "A DSC extension under 'Microsoft.Resources/deployments'; it belongs to a virtual machine or a virtual machine scale set.",
          line: 70,
          column: 9,
          endLine: 75,
          endColumn: 10,
          suppressions: [{ kind: 'metadata', justification: '' }],
        },
      ],
    ),
    result(`${cwd}/nested/my templates/vm-ü.json`, [
      { ruleId: 'dsc-consistent-auto-upgrade', messageId: 'differs', severity: 1, message: 'autoUpgradeMinorVersion is true here but false in 2 other DSC extension(s) (first at azuredeploy.json:52).', line: 12, column: 40, endLine: 12, endColumn: 44 },
    ]),
    result(`${cwd}/broken.json`, [{ ruleId: null, severity: 2, fatal: true, message: 'Parsing error: Expected a comma', line: 7, column: 5, endLine: 7, endColumn: 6 }]),
    result('/elsewhere/shared.json', [{ ruleId: 'dsc-sas-token', severity: 1, messageId: 'publicToken', message: 'A SAS token is in public settings (settings.SasToken), which are stored unencrypted; pass it in protectedSettings.configurationUrlSasToken.', line: 3, column: 1, endLine: 3, endColumn: 9 }]),
  ];
}
