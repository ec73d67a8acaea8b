import { UNUSED_DIRECTIVE } from './lint-file';
import type { LintMessage, RuleModule } from './types';

/** ESLint's --fix-type values; no rule of ours is of type `layout`, which is accepted all the same. */
export const FIX_TYPES = ['problem', 'suggestion', 'layout', 'directive'] as const;
export type FixType = (typeof FIX_TYPES)[number];

/** Which messages' fixes apply under --fix-type: by their rule's `meta.type`, and `directive` for unused directives. */
export function fixesOfTypes(rules: ReadonlyMap<string, RuleModule>, types: readonly FixType[]): (message: LintMessage) => boolean {
  const allowed = new Set<string>(types);
  return (message) => (message.ruleId === null ? message.messageId === UNUSED_DIRECTIVE && allowed.has('directive') : allowed.has(rules.get(message.ruleId)?.meta.type ?? ''));
}
