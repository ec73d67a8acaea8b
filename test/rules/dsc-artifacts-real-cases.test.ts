/**
 * The DSC artifact rules over the real repositories in shared/artifacts/cases: exactly the
 * mistakes found by reading the scripts, and nothing on the extensions whose archive and
 * arguments agree (skipped when the cases are absent).
 */
import { lintFiles, rules } from '../../src/index';
import { CASES, describeWithCases } from '../artifacts/shared-cases';

const ARTIFACT_RULES = ['dsc-artifact-archive', 'dsc-configuration-arguments', 'dsc-artifact-stale'];
const AQT = 'Azure__AzureStack-QuickStart-Templates';

describeWithCases('DSC artifact rules over the real cases', () => {
  it('report the four real mistakes, and nothing else', async () => {
    const entries = Object.fromEntries([...rules].map(([id, rule]) => [id, ARTIFACT_RULES.includes(id) ? rule.meta.severity : 'off'] as const));
    const { results } = await lintFiles([CASES!], { cwd: CASES!, rules: entries });
    const findings = results.flatMap((result) =>
      result.messages.map((m) => [result.filePath.slice(CASES!.length + 1).split('\\').join('/'), m.ruleId, m.messageId, m.line, m.column, m.message]),
    );
    expect(findings).toEqual([
      [
        `${AQT}/active-directory-new-domain-ha-2-dc/azuredeploy.json`,
        'dsc-artifact-stale',
        'differs',
        345,
        29,
        '"DSC/CreateADPDC.ps1" differs from the copy inside "DSC/CreateADPDC.zip": one of them was changed without the other.',
      ],
      [`${AQT}/bootstorm-vm-boot-time/azuredeploy.json`, 'dsc-artifact-stale', 'differs', 337, 25, '"VMBootAll.ps1" differs from the copy inside "VMBootAll.zip": one of them was changed without the other.'],
      [
        `${AQT}/sql-2014-non-ha/deploySqlStandalone.json`,
        'dsc-configuration-arguments',
        'missingArguments',
        111,
        11,
        'Configuration "deploySqlStandalone" ("deploySqlStandalone.ps1" in "deploySqlStandalone.ps1.zip") has mandatory parameter "PrimaryADIP" that no configuration argument supplies.',
      ],
      [
        `${AQT}/sql-2014-standalone/azuredeploy.json`,
        'dsc-configuration-arguments',
        'unknownArgument',
        298,
        13,
        'Configuration "deploySqlStandalone" ("deploySqlStandalone_NonDomain.ps1" in "deploySqlStandalone_NonDomain.ps1.zip") has no parameter "sqlInstallationISOUri"; its parameters are "Admincreds", "SQLServicecreds", "DatabaseEnginePort".',
      ],
    ]);
  });
});
