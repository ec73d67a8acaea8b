/**
 * DSC extension resources and templates for rule tests, and scripts and workspaces for the DSC
 * artifact rules' tests: templates are written as text (so positions can be found in them),
 * archives are built from text at test time.
 */
import { relative, sep } from 'node:path';
import { lintFiles, rules, type LintMessage } from '../../src/index';
import { template } from './lint';
import { createWorkspace, type WorkspaceFile } from './workspace';

export const ARTIFACTS_PARAMETERS = {
  _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' },
  _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' },
};

/** `uri(_artifactsLocation, '<path>')` */
export const artifactUrl = (path: string): string => `[uri(parameters('_artifactsLocation'), '${path}')]`;

/** A VM extension resource of DSC 2.83 with automatic minor upgrades, its other `properties` given. */
export function dscExtensionResource(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): object {
  return {
    type: 'Microsoft.Compute/virtualMachines/extensions',
    apiVersion: '2024-07-01',
    name: 'web/Microsoft.Powershell.DSC',
    location: 'westeurope',
    ...extra,
    properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, ...properties },
  };
}

/** A VM extension resource with DSC `properties` around `settings` (and protectedSettings). */
export function dscResource(settings: unknown, protectedSettings?: unknown, extra: Record<string, unknown> = {}): object {
  return dscExtensionResource({ settings, ...(protectedSettings === undefined ? {} : { protectedSettings }) }, extra);
}

/** A template of DSC extensions with the two artifacts parameters (more parameters and variables optional). */
export function dscTemplate(resources: unknown[], parts: { parameters?: Record<string, unknown>; variables?: unknown } = {}): string {
  return template({ resources, parameters: { ...ARTIFACTS_PARAMETERS, ...parts.parameters }, variables: parts.variables });
}

/** `Configuration <name> { param(<parameters>) Node localhost {} }`, parameters one per line. */
export function configurationScript(name: string, parameters: readonly string[] = []): string {
  const block = parameters.length > 0 ? `    param\n    (\n${parameters.map((p) => `        ${p}`).join(',\n')}\n    )\n\n` : '';
  return `Configuration ${name}\n{\n${block}    Node localhost\n    {\n    }\n}\n`;
}

/** The span of the `occurrence`-th `needle` in `text`, 1-based as messages give it (one line). */
export function spanOf(text: string, needle: string, occurrence = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let offset = -1;
  for (let index = 0; index <= occurrence; index++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence + 1} times`);
  }
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return { line, column, endLine: line, endColumn: column + needle.length };
}

/** The fields tests compare of a message. */
export const found = ({ messageId, message, line, column, endLine, endColumn }: LintMessage) => ({ messageId, message, line, column, endLine, endColumn });

/** Lay out `files`, lint the whole workspace with only the rules named, and remove it: messages by template path. */
export async function lintWorkspace(files: readonly WorkspaceFile[], ruleIds: readonly string[], options: { gitWorkingTree?: boolean } = {}): Promise<Record<string, LintMessage[]>> {
  const workspace = createWorkspace(files, options);
  try {
    const entries = Object.fromEntries([...rules].map(([id, rule]) => [id, ruleIds.includes(id) ? rule.meta.severity : 'off'] as const));
    const { results } = await lintFiles([workspace.root], { cwd: workspace.root, rules: entries, includeFixes: true });
    return Object.fromEntries(results.map((result) => [relative(workspace.root, result.filePath).split(sep).join('/'), result.messages]));
  } finally {
    workspace.remove();
  }
}
