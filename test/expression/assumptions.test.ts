/**
 * Evaluation under assumptions: one copy-loop instance, chosen if() branches. Values that vary
 * together (an array element per instance, both sides of one condition) then come out paired.
 */
import { knownString, possibleValues, type AbstractValue } from '../../src/expression';
import { nodeAt, modelOfTemplate } from '../support/model';

const model = modelOfTemplate({
  parameters: { useB: { type: 'bool' }, other: { type: 'bool' } },
  variables: {
    urls: ['a.zip', 'b.zip'],
    chosen: "[if(parameters('useB'), 'b.zip', 'a.zip')]",
    both: "[concat(if(parameters('useB'), 'B', 'A'), if(parameters('other'), '1', '2'))]",
  },
  resources: [
    {
      type: 'Microsoft.Storage/storageAccounts',
      name: 'x',
      properties: {
        element: "[variables('urls')[copyIndex()]]",
        shifted: "[variables('urls')[copyIndex(1)]]",
        named: "[variables('urls')[copyIndex('loop')]]",
        otherLoop: "[variables('urls')[copyIndex('disks')]]",
        chosen: "[variables('chosen')]",
        both: "[variables('both')]",
      },
    },
  ],
});

const property = (name: string) => nodeAt(model.root.node, 'resources', 0, 'properties', name);
const texts = (value: AbstractValue) => possibleValues(value)?.map(knownString);

describe('evaluateAssuming', () => {
  it('gives copyIndex() the instance index, with an offset, and for the loop named', () => {
    const second = model.evaluateAssuming({ copyLoop: { name: 'loop', index: 1 } });
    expect(knownString(second.evaluate(property('element')))).toBe('b.zip');
    expect(knownString(model.evaluateAssuming({ copyLoop: { name: 'loop', index: 0 } }).evaluate(property('shifted')))).toBe('b.zip');
    expect(knownString(second.evaluate(property('named')))).toBe('b.zip');
  });

  it("leaves another loop's copyIndex('name') unknown: every element", () => {
    const assuming = model.evaluateAssuming({ copyLoop: { name: 'loop', index: 1 } });
    expect(texts(assuming.evaluate(property('otherLoop')))).toEqual(['a.zip', 'b.zip']);
  });

  it('without assumptions, copyIndex() is unknown as before', () => {
    expect(texts(model.evaluate(property('element')))).toEqual(['a.zip', 'b.zip']);
  });

  it('records unknown conditions, and takes the assumed branch of each', () => {
    const first = model.evaluateAssuming({});
    expect(texts(first.evaluate(property('chosen')))).toEqual(['b.zip', 'a.zip']);
    const [condition] = [...first.unknownConditions];
    expect(first.unknownConditions.size).toBe(1);
    const assumedFalse = model.evaluateAssuming({ conditions: new Map([[condition!, false]]) });
    expect(knownString(assumedFalse.evaluate(property('chosen')))).toBe('a.zip');
    expect(assumedFalse.unknownConditions.size).toBe(0);
  });

  it('records each distinct condition once, and leaves conditions not assumed as choices', () => {
    const first = model.evaluateAssuming({});
    first.evaluate(property('both'));
    expect(first.unknownConditions.size).toBe(2);
    const [useB] = [...first.unknownConditions];
    const partly = model.evaluateAssuming({ conditions: new Map([[useB!, true]]) });
    expect(texts(partly.evaluate(property('both')))).toEqual(['B1', 'B2']);
  });

  it("is separate from the model's own evaluation", () => {
    model.evaluateAssuming({ copyLoop: { name: 'loop', index: 0 } }).evaluate(property('element'));
    expect(texts(model.evaluate(property('element')))).toEqual(['a.zip', 'b.zip']);
  });
});
