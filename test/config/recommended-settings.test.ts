/** The recommended set: each rule at its meta.severity, except rules marked `recommended: false`. */
import { applyRuleEntries, recommendedSettings } from '../../src/config/rule-settings';
import { defineRule, type RuleModule } from '../../src/engine';

function rule(id: string, severity: 'error' | 'warn', recommended?: boolean): RuleModule {
  return defineRule({
    meta: { id, type: 'suggestion', severity, recommended, docs: { description: 'x' }, messages: {}, schema: [] },
    create: () => ({}),
  });
}

const rules = new Map([
  ['on-error', rule('on-error', 'error')],
  ['on-warn', rule('on-warn', 'warn', true)],
  ['off-warn', rule('off-warn', 'warn', false)],
]);

it('turns rules with recommended: false off, and the others on at their severity', () => {
  const severities = [...recommendedSettings(rules)].map(([id, setting]) => [id, setting.severity]);
  expect(severities).toEqual([
    ['on-error', 2],
    ['on-warn', 1],
    ['off-warn', 0],
  ]);
});

it('lets a user entry turn a rule that is not recommended on', () => {
  const settings = applyRuleEntries(recommendedSettings(rules), rules, [['off-warn', 'warn']]);
  expect(settings.get('off-warn')?.severity).toBe(1);
});
