/** Editor snippets (VS Code ARM Tools' format): recognised by root metadata.prefix; placeholders are unknown. */
import { knownString, valueKey } from '../../src/expression';
import { modelOf, nodeAt } from '../support/model';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A template whose only output has `value`, with `metadata` at its root when given. */
function withOutputs(values: Record<string, string>, metadata?: object): string {
  const outputs = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { type: 'string', value }]));
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...(metadata ? { metadata } : {}), resources: [], outputs }, null, 2);
}

const SNIPPET = { prefix: 'arm-thing', description: 'A thing' };

function evaluated(text: string, name: string) {
  const model = modelOf(text);
  return model.evaluate(nodeAt(model.root.node, 'outputs', name, 'value'));
}

describe('editor snippets', () => {
  it('are recognised by a string prefix in the root metadata, and only so', () => {
    expect(modelOf(withOutputs({}, SNIPPET)).snippet).toBe(true);
    expect(modelOf(withOutputs({}, { description: 'A template' })).snippet).toBe(false);
    expect(modelOf(withOutputs({}, { prefix: 3 })).snippet).toBe(false);
    expect(modelOf(withOutputs({})).snippet).toBe(false);
  });

  it.each([
    ['a placeholder', '${1:vm1}'],
    ['a tab stop', 'disk$2'],
    ['a braced tab stop', '${3}'],
    ['a choice', '${1|Standard_LRS,Premium_LRS|}'],
    ['a variable', '$TM_FILENAME_BASE'],
  ])('leave a string with %s unknown', (_what, text) => {
    expect(evaluated(withOutputs({ out: text }, SNIPPET), 'out').kind).toBe('unknown');
    // The same text in a template is a literal.
    expect(knownString(evaluated(withOutputs({ out: text }), 'out'))).toBe(text);
  });

  it('leave a placeholder unknown inside an expression too', () => {
    const value = evaluated(withOutputs({ out: "[concat('${1:vm1}', '-nic')]" }, SNIPPET), 'out');
    expect(knownString(value)).toBeUndefined();
  });

  it('keep strings without a placeholder known', () => {
    expect(knownString(evaluated(withOutputs({ out: 'costs $ 5, $$' }, SNIPPET), 'out'))).toBe('costs $ 5, $$');
    expect(knownString(evaluated(withOutputs({ out: "[concat('vm', '-nic')]" }, SNIPPET), 'out'))).toBe('vm-nic');
  });

  it('give the same placeholder the same value, and a different one another', () => {
    const text = withOutputs({ a: '${1:vm1}', b: '${1:vm1}', c: '${2:vm1}' }, SNIPPET);
    expect(valueKey(evaluated(text, 'a'))).toBe(valueKey(evaluated(text, 'b')));
    expect(valueKey(evaluated(text, 'a'))).not.toBe(valueKey(evaluated(text, 'c')));
  });
});
