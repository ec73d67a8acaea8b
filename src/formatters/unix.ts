import { lineReport, severityTitle } from './shared';
import type { SyncFormatter } from './types';

/** ESLint's unix layout, which editors' error parsers read: `path:3:5: message [Error/rule-id]`. */
export const unix: SyncFormatter = (results, { cwd }) =>
  lineReport(results, cwd, ({ path, text, message }) => {
    const rule = message.ruleId ? `/${message.ruleId}` : '';
    return `${path}:${message.line}:${message.column}: ${text} [${severityTitle(message.severity)}${rule}]`;
  });
