import { lineReport, severityTitle } from './shared';
import type { SyncFormatter } from './types';

/** ESLint's compact layout: `path: line 3, col 5, Error - message (rule-id)`, then `N problems`. */
export const compact: SyncFormatter = (results, { cwd }) =>
  lineReport(results, cwd, ({ path, text, message }) => {
    const rule = message.ruleId ? ` (${message.ruleId})` : '';
    return `${path}: line ${message.line}, col ${message.column}, ${severityTitle(message.severity)} - ${text}${rule}`;
  });
