/**
 * Adopting armdsc-lint on a repository, as issue 7 describes it, on a real template
 * (fixtures/dsc-no-secrets-in-settings/invalid/quickstart-application-gateway-iis-ssl.json, see its
 * provenance file): lint it, turn off a rule in a config file, suppress an accepted finding with a
 * reason, and find every remaining finding's docs page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LintResult } from '../../src/index';
import { runCli, workspace } from '../support/cli';

const REAL_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'dsc-no-secrets-in-settings', 'invalid', 'quickstart-application-gateway-iis-ssl.json');
const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

async function lintJson(cwd: string): Promise<{ code: number; result: LintResult }> {
  const run = await runCli(['azuredeploy.json', '--format', 'json'], cwd);
  const [result] = JSON.parse(run.stdout) as LintResult[];
  return { code: run.code, result: result! };
}

const ruleIds = (result: LintResult): string[] => [...new Set(result.messages.map((m) => m.ruleId ?? '(none)'))].sort();

describe('adopting armdsc-lint on a real template', () => {
  it('reports, obeys a config that turns a rule off and a directive with a reason, and documents every remaining finding', async () => {
    const root = workspace({ 'azuredeploy.json': readFileSync(REAL_TEMPLATE) });

    const first = await lintJson(root);
    expect(first.code).toBe(1);
    expect(ruleIds(first.result)).toEqual(expect.arrayContaining(['dsc-no-secrets-in-settings', 'dsc-sas-token', 'dsc-type-handler-version']));

    // The team does not want the handler-version rule.
    writeFileSync(join(root, '.armdsclintrc.json'), JSON.stringify({ root: true, rules: { 'dsc-type-handler-version': 'off' } }));
    const configured = await lintJson(root);
    expect(ruleIds(configured.result)).not.toContain('dsc-type-handler-version');
    expect(configured.result.messages.length).toBe(first.result.messages.filter((m) => m.ruleId !== 'dsc-type-handler-version').length);

    // It accepts the SAS-token finding, with a reason, on the line before it.
    const accepted = configured.result.messages.find((m) => m.ruleId === 'dsc-sas-token')!;
    const lines = readFileSync(join(root, 'azuredeploy.json'), 'utf8').split('\n');
    lines.splice(accepted.line - 1, 0, '// armdsc-lint-disable-next-line dsc-sas-token -- the archive is public until the storage move');
    writeFileSync(join(root, 'azuredeploy.json'), lines.join('\n'));
    const suppressed = await lintJson(root);
    expect(suppressed.result.fatalErrorCount).toBe(0);
    expect(suppressed.result.messages.filter((m) => m.ruleId === 'dsc-sas-token').length).toBe(configured.result.messages.filter((m) => m.ruleId === 'dsc-sas-token').length - 1);
    expect(suppressed.result.suppressedMessages).toEqual([
      expect.objectContaining({ ruleId: 'dsc-sas-token', line: accepted.line + 1, suppressions: [{ kind: 'directive', justification: 'the archive is public until the storage move' }] }),
    ]);

    // Every remaining finding is explained by its rule's page, which SARIF links to.
    const sarif = JSON.parse((await runCli(['azuredeploy.json', '--format', 'sarif'], root)).stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }>;
    };
    const helpUris = new Map(sarif.runs[0]!.tool.driver.rules.map((rule) => [rule.id, rule.helpUri]));
    for (const id of ruleIds(suppressed.result)) {
      expect(existsSync(join(DOCS, `${id}.md`))).toBe(true);
      expect(helpUris.get(id)).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
    }
  });
});
