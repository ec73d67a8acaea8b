import type { LintMessage } from '../engine';
import { escapeControlCharacters } from './escape';
import { relativePath, severityName } from './shared';
import type { SyncFormatter } from './types';

// GitHub's own escaping (actions/toolkit command.ts): the runner decodes these, so line breaks
// survive; the other control characters are shown as escapes first.
function commandData(text: string): string {
  return escapeControlCharacters(text, { keepLineBreaks: true }).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function commandProperty(value: string | number): string {
  return commandData(String(value)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Columns only for a one-line range: the runner rejects them when line and endLine differ. */
function region(message: LintMessage): Record<string, number> {
  const lines = { line: message.line, endLine: message.endLine };
  return message.line === message.endLine ? { ...lines, col: message.column, endColumn: message.endColumn } : lines;
}

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per problem, on the
 * file relative to the working directory (the workspace in a workflow). Suppressed messages are
 * not annotated.
 */
export const github: SyncFormatter = (results, { cwd }) => {
  let output = '';
  for (const result of results) {
    const file = relativePath(cwd, result.filePath);
    for (const message of result.messages) {
      const properties = { file, ...region(message), title: message.ruleId ?? 'armdsc-lint' };
      const list = Object.entries(properties)
        .map(([name, value]) => `${name}=${commandProperty(value)}`)
        .join(',');
      const rule = message.ruleId ? ` [${message.ruleId}]` : '';
      output += `::${severityName(message.severity)} ${list}::${commandData(message.message + rule)}\n`;
    }
  }
  return output;
};
