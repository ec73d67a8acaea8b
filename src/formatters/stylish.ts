import { styleText } from 'node:util';
import { escapeControlCharacters, singleLine } from './escape';
import { plural, relativePath } from './shared';
import type { SyncFormatter } from './types';

type Style = Parameters<typeof styleText>[0];

/** Pad every column but the last to the width of its widest cell. */
function alignColumns(rows: string[][], widthOf: (cell: string) => number): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, widthOf(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - widthOf(cell))))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * ESLint's default layout: problems grouped by file as `line:col  severity  message  rule-id`,
 * then a summary line and the count of problems --fix can solve. Nothing when there are none.
 */
export const stylish: SyncFormatter = (results, { cwd, color }) => {
  // The caller decides about colour: Node must not second-guess it from process.stdout.
  const paint = (style: Style, text: string): string => (color && text ? styleText(style, text, { validateStream: false }) : text);
  // Widths ignore colour codes, the only escape sequences left once the text is escaped.
  const visibleWidth = (text: string): number => text.replace(/\x1b\[[0-9;]*m/g, '').length;
  let output = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;

  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
    const rows = result.messages.map((m) => [
      '',
      paint('dim', `${m.line}:${m.column}`),
      m.severity === 2 ? paint('red', 'error') : paint('yellow', 'warning'),
      singleLine(m.message),
      paint('dim', m.ruleId ?? ''),
    ]);
    const path = escapeControlCharacters(relativePath(cwd, result.filePath));
    output += `\n${paint('underline', path)}\n${alignColumns(rows, visibleWidth).join('\n')}\n`;
  }

  const total = errors + warnings;
  if (total === 0) return '';
  const summaryStyle: Style = errors > 0 ? ['red', 'bold'] : ['yellow', 'bold'];
  output += `\n${paint(summaryStyle, `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`)}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    output += paint(summaryStyle, `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  return output;
};
