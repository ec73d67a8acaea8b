import { builtInRules } from '../rules';
import type { RuleMeta, RuleModule } from './engine';

/** Where each rule's documentation page is published. */
export const DOCS_BASE_URL = 'https://github.com/armdsc-lint/armdsc-lint/blob/main/docs/rules/';

/** Built-in rules by id, each with its docs.url. */
export const rules: ReadonlyMap<string, RuleModule> = new Map(
  builtInRules.map((rule) => {
    rule.meta.docs.url ??= `${DOCS_BASE_URL}${rule.meta.id}.md`;
    return [rule.meta.id, rule];
  }),
);

/** Meta of the rules by id, as formatters receive it. */
export function rulesMeta(ids: Iterable<string> = rules.keys()): Record<string, RuleMeta> {
  const meta: Record<string, RuleMeta> = {};
  for (const id of ids) {
    const rule = rules.get(id);
    if (rule) meta[id] = rule.meta;
  }
  return meta;
}
