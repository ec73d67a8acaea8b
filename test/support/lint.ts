import { lintText, rules, type LintMessage, type LintResult, type RuleEntry } from '../../src/index';
import type { ProcessOptions } from '../../src/runner/process-file';

/** How the CLI processes files without --fix or extra options: for tests that call processFile or the pool. */
export const PLAIN_PROCESS_OPTIONS: ProcessOptions = { fix: false, writeFixes: false, includeFixes: false, debug: false, inlineConfig: true, reportUnusedDisableDirectives: false };

/** Rule entries that turn every rule off except `ruleId` (at `entry`, default its recommended severity). */
export function onlyRule(ruleId: string, entry?: RuleEntry): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const [id, rule] of rules) entries[id] = id === ruleId ? (entry ?? rule.meta.severity) : 'off';
  return entries;
}

/** Lint `text` with one rule; throws when the text is not treated as a template. */
export function lintWithRule(ruleId: string, text: string, options: { entry?: RuleEntry; fix?: boolean; filePath?: string } = {}): LintResult {
  const result = lintText(text, { rules: onlyRule(ruleId, options.entry), fix: options.fix, includeFixes: true, filePath: options.filePath });
  if (!result) throw new Error('The text was skipped as not a template');
  return result;
}

/** Messages of one rule, as the fields tests compare. */
export function positions(messages: readonly LintMessage[]) {
  return messages.map(({ messageId, line, column, endLine, endColumn }) => ({ messageId, line, column, endLine, endColumn }));
}

/** A minimal deployment template around `resources` (and optional parameters/variables). */
export function template(parts: { resources: unknown; parameters?: unknown; variables?: unknown }): string {
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      ...(parts.parameters ? { parameters: parts.parameters } : {}),
      ...(parts.variables ? { variables: parts.variables } : {}),
      resources: parts.resources,
    },
    null,
    2,
  );
}

/** 1-based position of the first `token` in `text` after `after` (single line; endColumn exclusive). */
export function positionOf(text: string, token: string, after = ''): { line: number; column: number; endLine: number; endColumn: number } {
  const start = text.indexOf(after);
  const offset = start < 0 ? -1 : text.indexOf(token, start + after.length);
  if (offset < 0) throw new Error(`${token} is not in the text after '${after}'`);
  const lines = text.slice(0, offset).split('\n');
  const line = lines.length;
  const column = lines[line - 1]!.length + 1;
  return { line, column, endLine: line, endColumn: column + token.length };
}

/**
 * A template with one scale set whose DSC profile extension passes `nodeName` as a configuration
 * argument: anything but "localhost" is a fixable dsc-vmss-node-name error.
 */
export function scaleSetTemplate(nodeName: string, options: { version?: string; parameters?: unknown } = {}): string {
  return template({
    ...(options.parameters ? { parameters: options.parameters } : {}),
    resources: [
      {
        type: 'Microsoft.Compute/virtualMachineScaleSets',
        apiVersion: '2024-07-01',
        name: 'web',
        properties: {
          virtualMachineProfile: {
            extensionProfile: {
              extensions: [
                {
                  name: 'DSC',
                  properties: {
                    publisher: 'Microsoft.Powershell',
                    type: 'DSC',
                    typeHandlerVersion: options.version ?? '2.83',
                    autoUpgradeMinorVersion: true,
                    settings: { configurationArguments: { nodeName } },
                  },
                },
              ],
            },
          },
        },
      },
    ],
  });
}
