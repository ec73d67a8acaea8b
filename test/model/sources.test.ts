/** FileModel.sourcesOf: the JSON nodes a value is taken from, one per alternative. */
import { budgets } from '../../src/expression';
import type { FileModel } from '../../src/model';
import type { JsonValue } from '../../src/parse';
import { labelled, modelOfTemplate, nestedDeployment, nodeAt } from '../support/model';

/** The model of a template whose single output holds `value`, with `variables` and `parameters`. */
function modelWithValue(value: unknown, variables: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}): FileModel {
  return modelOfTemplate({ variables, parameters, resources: [{ type: 'Test/values', name: 'holder', properties: { value } }] });
}

const valueNode = (model: FileModel): JsonValue => nodeAt(model.root.node, 'resources', 0, 'properties', 'value');
const variable = (model: FileModel, name: string, ...path: Array<string | number>): JsonValue => nodeAt(model.root.node, 'variables', name, ...path);
const expectSources = (model: FileModel, node: JsonValue, expected: JsonValue[]): void => {
  expect(labelled(model.sourcesOf(node))).toEqual(labelled(expected));
};

describe('FileModel.sourcesOf', () => {
  it('is the node itself for a value written in place', () => {
    const model = modelWithValue({ configuration: {} });
    expectSources(model, valueNode(model), [valueNode(model)]);
  });

  it('follows whole-value variables() and parameters() references, through chains', () => {
    const model = modelWithValue("[variables('settings')]", { settings: "[parameters('defaults')]" }, { defaults: { type: 'object', defaultValue: { configuration: {} } } });
    expectSources(model, valueNode(model), [nodeAt(model.root.node, 'parameters', 'defaults', 'defaultValue')]);
  });

  it.each([
    ["[variables('all').web.configuration]", ['web', 'configuration']],
    ["[variables('all')['WEB']]", ['web']],
    ["[variables('all').list[1].url]", ['list', 1, 'url']],
  ])('follows members and items of referenced values: %s', (expression, path) => {
    const model = modelWithValue(expression, { all: { web: { configuration: { url: 'a' } }, list: ['x', { url: 'b' }] } });
    expectSources(model, valueNode(model), [variable(model, 'all', ...path)]);
  });

  it('takes every item for an index that is not known here, such as copyIndex(), and one item for a known index', () => {
    const variables = { configs: [{ url: 'a' }, { url: 'b' }, { url: 'c' }] };
    const unknownIndex = modelWithValue("[variables('configs')[copyIndex()]]", variables);
    expectSources(unknownIndex, valueNode(unknownIndex), [0, 1, 2].map((i) => variable(unknownIndex, 'configs', i)));
    const knownIndex = modelWithValue("[variables('configs')[parameters('which')]]", variables, { which: { type: 'int', defaultValue: 2 } });
    expectSources(knownIndex, valueNode(knownIndex), [variable(knownIndex, 'configs', 2)]);
  });

  it('takes both branches of an if() whose condition is not known, and the chosen one otherwise', () => {
    const variables = { a: { url: 'a' }, b: { url: 'b' } };
    const parameters = { useA: { type: 'bool' }, alwaysA: { type: 'bool', defaultValue: true } };
    const either = modelWithValue("[if(parameters('useA'), variables('a'), variables('b'))]", variables, parameters);
    expectSources(either, valueNode(either), [variable(either, 'a'), variable(either, 'b')]);
    const chosen = modelWithValue("[if(parameters('alwaysA'), variables('a'), variables('b'))]", variables, parameters);
    expectSources(chosen, valueNode(chosen), [variable(chosen, 'a')]);
  });

  it('follows an inner-scope parameter into the value the parent passes, and on into the parent variable it indexes', () => {
    const extension = { type: 'Test/values', name: 'holder', properties: { value: "[parameters('dscSettings')]" } };
    const inner = { parameters: { dscSettings: { type: 'object' } }, resources: [extension] };
    const deployment = nestedDeployment('module', inner, { scope: 'inner', parameters: { dscSettings: { value: "[variables('configs')[copyIndex()]]" } } });
    const model = modelOfTemplate({ variables: { configs: [{ url: 'a' }, { url: 'b' }] }, resources: [{ ...deployment, copy: { name: 'modules', count: 2 } }] });
    const value = nodeAt(model.root.node, 'resources', 0, 'properties', 'template', 'resources', 0, 'properties', 'value');
    expectSources(model, value, [variable(model, 'configs', 0), variable(model, 'configs', 1)]);
  });

  it.each([
    ['another function', "[union(variables('a'), variables('b'))]"],
    ['a member that is not there', "[variables('a').missing]"],
    ['a copy-loop variable', "[variables('looped')[0]]"],
    ['an if() with a branch that is no node', "[if(parameters('flag'), variables('a'), null())]"],
    ['a reference cycle', "[variables('cycle')]"],
    ['an index into an empty array', "[variables('empty')[copyIndex()]]"],
  ])('is the node itself for %s', (_name, expression) => {
    const variables = { a: { url: 'a' }, b: { url: 'b' }, cycle: "[variables('cycle')]", empty: [], copy: [{ name: 'looped', count: 2, input: 'x' }] };
    const model = modelWithValue(expression, variables, { flag: { type: 'bool' } });
    expectSources(model, valueNode(model), [valueNode(model)]);
  });

  it(`is the node itself past ${budgets.MAX_CHOICES} alternatives`, () => {
    const items = (count: number) => Array.from({ length: count }, (_, i) => ({ url: String(i) }));
    const atLimit = modelWithValue("[variables('items')[copyIndex()]]", { items: items(budgets.MAX_CHOICES) });
    expect(atLimit.sourcesOf(valueNode(atLimit)).length).toBe(budgets.MAX_CHOICES);
    const overLimit = modelWithValue("[variables('items')[copyIndex()]]", { items: items(budgets.MAX_CHOICES + 1) });
    expectSources(overLimit, valueNode(overLimit), [valueNode(overLimit)]);
  });
});
