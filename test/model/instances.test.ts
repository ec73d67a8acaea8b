/**
 * When and how often a declaration is deployed (src/model/instances.ts), the names of extensions
 * and resources (src/model/names.ts), and FileModel.evaluateExpression.
 */
import { knownString, nullValue, parseTemplateString, stringOf, unknown, valueKey } from '../../src/expression';
import { nameSegments } from '../../src/model/compute';
import {
  canonicalExpression,
  extensionCondition,
  extensionCopyLoop,
  extensionName,
  fullNameSegments,
  resourceCondition,
  segmentBounds,
  segmentText,
  type FileModel,
} from '../../src/model';
import {
  dscProperties,
  extensionResource,
  modelOfTemplate,
  nestedDeployment,
  nodeAt,
  scaleSet,
  scaleSetWithProfile,
  virtualMachine,
  VM_EXTENSION_TYPE,
} from '../support/model';

const expressionOf = (text: string) => {
  const parsed = parseTemplateString(text);
  if (parsed.kind !== 'expression' || !parsed.expression) throw new Error(`not an expression: ${text}`);
  return parsed.expression;
};

describe('canonicalExpression', () => {
  it('lower-cases function, parameter and variable names and property names, but not other text', () => {
    expect(canonicalExpression(expressionOf("[Equals(Parameters('OS'), 'Windows')]"))).toBe('equals(parameters("os"),"Windows")');
    expect(canonicalExpression(expressionOf("[variables('Config').Enabled]"))).toBe('variables("config").enabled');
    expect(canonicalExpression(expressionOf("[parameters('list')[1]]"))).toBe('parameters("list")[1]');
  });
});

describe('resourceCondition', () => {
  const conditionOf = (model: FileModel, index: number) => {
    const resource = model.resources[index]!;
    const { never, requires } = resourceCondition(resource, model);
    return { never, requires: [...requires] };
  };

  it('evaluates a condition that no deployment can change, and keys one that reads root parameters', () => {
    const model = modelOfTemplate({
      parameters: { deployDsc: { type: 'bool', defaultValue: false } },
      variables: { enabled: true },
      resources: [
        virtualMachine('fixed', { condition: "[variables('enabled')]" }),
        virtualMachine('chosen', { condition: "[parameters('deployDsc')]" }),
        nestedDeployment(
          'module',
          {
            parameters: { config: { type: 'object', defaultValue: { enabled: false } }, passed: { type: 'bool' } },
            resources: [virtualMachine('notPassed', { condition: "[parameters('config').enabled]" }), virtualMachine('passed', { condition: "[parameters('passed')]" })],
          },
          { scope: 'inner', parameters: { passed: { value: "[parameters('deployDsc')]" } } },
        ),
      ],
    });
    expect([0, 1, 3, 4].map((i) => conditionOf(model, i))).toEqual([
      { never: false, requires: [] },
      { never: false, requires: ['0:parameters("deploydsc")'] },
      { never: true, requires: [] },
      { never: false, requires: ['1:parameters("passed")'] },
    ]);
  });

  it('leaves out literal true, notes literal false, and keys the rest with their scope', () => {
    const model = modelOfTemplate({
      resources: [
        virtualMachine('a', { condition: true }),
        virtualMachine('b', { condition: '[false()]' }),
        virtualMachine('c', { condition: "[parameters('deployC')]" }),
        virtualMachine('d', { condition: "[Parameters('DEPLOYC')]" }),
      ],
    });
    expect([0, 1, 2, 3].map((i) => conditionOf(model, i))).toEqual([
      { never: false, requires: [] },
      { never: true, requires: [] },
      { never: false, requires: ['0:parameters("deployc")'] },
      { never: false, requires: ['0:parameters("deployc")'] },
    ]);
  });

  it("adds a nested child's parent and the nested deployment that holds the resource", () => {
    const model = modelOfTemplate({
      resources: [
        {
          ...nestedDeployment(
            'inner',
            { resources: [virtualMachine('vm1', { condition: "[parameters('withDsc')]", resources: [extensionResource('extensions', 'dsc')] })] },
            { scope: 'inner' },
          ),
          condition: "[parameters('withVm')]",
        },
      ],
    });
    const child = model.resources.find((r) => r.fullType === VM_EXTENSION_TYPE)!;
    expect([...resourceCondition(child, model).requires]).toEqual(['1:parameters("withdsc")', '0:parameters("withvm")']);
    expect(resourceCondition(child, model).never).toBe(false);
  });

  it('deploys a scale set profile item with its scale set', () => {
    const model = modelOfTemplate({ resources: [{ ...scaleSetWithProfile('ss', [{ name: 'dsc', properties: dscProperties() }]), condition: "[parameters('withSs')]" }] });
    expect([...extensionCondition(model.extensions[0]!, model)!.requires]).toEqual(['0:parameters("withss")']);
  });
});

describe('extensionCopyLoop', () => {
  it("finds a resource's copy and an extensionProfile property loop named extensions", () => {
    const item = { name: "[concat('dsc', copyIndex('extensions'))]", properties: dscProperties() };
    const model = modelOfTemplate({
      resources: [
        { ...extensionResource(VM_EXTENSION_TYPE, "[concat('vm1/dsc', copyIndex())]"), copy: { name: 'dscLoop', count: 2 } },
        scaleSet('ss', { properties: { virtualMachineProfile: { extensionProfile: { copy: [{ name: 'extensions', count: 3, input: item }] } } } }),
        extensionResource(VM_EXTENSION_TYPE, 'vm1/single'),
      ],
    });
    const [looped, profileItem, single] = model.extensions;
    expect(extensionCopyLoop(looped!)).toBeNode(nodeAt(model.root.node, 'resources', 0, 'copy'));
    expect(extensionCopyLoop(profileItem!)).toBeNode(nodeAt(model.root.node, 'resources', 1, 'properties', 'virtualMachineProfile', 'extensionProfile', 'copy', 0));
    expect(extensionCopyLoop(single!)).toBeUndefined();
  });
});

describe('names', () => {
  it('segmentText gives the text of a known segment key only', () => {
    const keys = nameSegments(stringOf(['Vm1/', unknown('copyindex()'), '/ext']))!;
    expect(keys.map(segmentText)).toEqual(['vm1', undefined, 'ext']);
    expect(segmentText(valueKey(stringOf([])))).toBe('');
    expect(segmentText(valueKey(nullValue()))).toBeUndefined();
  });

  it('segmentBounds gives the literal text a segment starts and ends with', () => {
    const bounds = (...parts: Array<string | ReturnType<typeof unknown>>) => nameSegments(stringOf(parts))!.map(segmentBounds);
    expect(bounds('Web', unknown('copyindex()'), '-VM')).toEqual([{ prefix: 'web', suffix: '-vm' }]);
    expect(bounds('say "hi', unknown('x'), '\\" there')).toEqual([{ prefix: 'say "hi', suffix: '\\" there' }]);
    expect(bounds(unknown('x'))).toEqual([{ prefix: '', suffix: '' }]);
    expect(bounds('vm1/ext')).toEqual([
      { prefix: 'vm1', suffix: 'vm1' },
      { prefix: 'ext', suffix: 'ext' },
    ]);
  });

  it('fullNameSegments puts a nested child after its parent, unless the child is named in full', () => {
    const model = modelOfTemplate({
      resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc'), extensionResource(VM_EXTENSION_TYPE, 'vm1/other')] })],
    });
    const [, short, full] = model.resources;
    expect(fullNameSegments(short!, model.evaluate)?.map(segmentText)).toEqual(['vm1', 'dsc']);
    expect(fullNameSegments(full!, model.evaluate)?.map(segmentText)).toEqual(['vm1', 'other']);
  });

  it("extensionName is the extension's own name as written, when known", () => {
    const model = modelOfTemplate({
      parameters: { extName: { type: 'string' } },
      resources: [
        virtualMachine('vm1', { resources: [extensionResource('extensions', 'DscChild')] }),
        { ...extensionResource(VM_EXTENSION_TYPE, "[concat('vm', copyIndex(), '/DscLoop')]"), copy: { name: 'loop', count: 2 } },
        extensionResource(VM_EXTENSION_TYPE, "[concat('vm1/', parameters('extName'))]"),
        scaleSetWithProfile('ss', [{ name: 'DscItem', properties: dscProperties() }]),
      ],
    });
    expect(model.extensions.map((e) => extensionName(e, model.evaluate))).toEqual(['DscChild', 'DscLoop', undefined, 'DscItem']);
  });
});

it('evaluateExpression evaluates part of an expression in the scope of the template a node is in', () => {
  const model = modelOfTemplate({
    parameters: { vmName: { type: 'string', defaultValue: 'outer' } },
    resources: [
      nestedDeployment('inner', { parameters: { vmName: { type: 'string', defaultValue: 'inner' } }, resources: [virtualMachine("[resourceId('x/y', parameters('vmName'))]")] }, { scope: 'inner' }),
    ],
  });
  const nameNode = model.resources[1]!.nameNode!;
  const call = expressionOf("[resourceId('x/y', parameters('vmName'))]");
  const argument = call.kind === 'call' ? call.args[1]! : call;
  expect(knownString(model.evaluateExpression(argument, nameNode))).toBe('inner');
  expect(knownString(model.evaluateExpression(argument, model.root.node))).toBe('outer');
});
