/**
 * Templates of a file: the root, inline nested deployments (inner and outer scope, any depth),
 * languageVersion 2.0 symbolic names, which template a node belongs to, and evaluation in that
 * template's scope.
 */
import { knownString, type AbstractValue } from '../../src/expression';
import type { FileModel, Template } from '../../src/model';
import type { JsonValue } from '../../src/parse';
import {
  dscProperties,
  extensionResource,
  labelled,
  modelOf,
  modelOfTemplate,
  nestedDeployment,
  nodeAt,
  only,
  placementOf,
  virtualMachine,
  VM_EXTENSION_TYPE,
} from '../support/model';

/** The fully known string a node evaluates to in the model (undefined when not fully known). */
const evaluatedText = (model: FileModel, node: JsonValue): string | undefined => knownString(model.evaluate(node));
const NESTED_TEMPLATE = ['resources', 0, 'properties', 'template'] as const;
/** A template as its index in model.templates (templates are large cyclic objects: compare indexes). */
const indexOf = (model: FileModel, template: Template | undefined): number => (template ? model.templates.indexOf(template) : -1);

describe('nested deployments, inner scope', () => {
  const model = modelOfTemplate({
    parameters: { vmName: { type: 'string', defaultValue: 'root-vm' }, size: { type: 'string', defaultValue: 'root-size' } },
    variables: { label: 'root-label', passedName: 'from-parent-variable' },
    resources: [
      nestedDeployment(
        'inner',
        {
          parameters: { vmName: { type: 'string' }, size: { type: 'string', defaultValue: 'inner-size' } },
          variables: { label: 'inner-label' },
          resources: [
            virtualMachine("[parameters('vmName')]", {
              tags: { size: "[parameters('size')]", label: "[variables('label')]" },
              resources: [extensionResource('extensions', 'dsc')],
            }),
          ],
        },
        { scope: 'inner', parameters: { vmName: { value: "[variables('passedName')]" } } },
      ),
    ],
  });
  const nestedVm = (...path: Array<string | number>) => nodeAt(model.root.node, ...NESTED_TEMPLATE, 'resources', 0, ...path);

  it('has a second template with its own scope, tied to its deployment and parent', () => {
    expect(model.templates.length).toBe(2);
    const [root, nested] = model.templates;
    expect(root!.scopeKind).toBe('root');
    expect(root!.node).toBeNode(model.root.node);
    expect(nested!.scopeKind).toBe('inner');
    expect(nested!.node).toBeNode(nodeAt(model.root.node, ...NESTED_TEMPLATE));
    expect(nested!.deployment?.node).toBeNode(nodeAt(model.root.node, 'resources', 0));
    expect(indexOf(model, nested!.parent)).toBe(0);
    expect(nested!.scope.id).not.toBe(root!.scope.id);
  });

  it('takes a parameter value passed by the parent, evaluated in the parent scope', () => {
    expect(evaluatedText(model, nestedVm('name'))).toBe('from-parent-variable');
    // The passed value itself sits outside the nested template: it belongs to the parent.
    const passed = nodeAt(model.root.node, 'resources', 0, 'properties', 'parameters', 'vmName', 'value');
    expect(indexOf(model, model.templateOf(passed))).toBe(0);
    expect(evaluatedText(model, passed)).toBe('from-parent-variable');
  });

  it("uses the nested template's own default and variables, not the parent's same-named ones", () => {
    expect(evaluatedText(model, nestedVm('tags', 'size'))).toBe('inner-size');
    expect(evaluatedText(model, nestedVm('tags', 'label'))).toBe('inner-label');
  });

  it('finds the extension inside the nested template, targeting the nested VM', () => {
    const extension = only(model.dscExtensions).extension;
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vm-child', targetKind: 'virtualMachine', target: nestedVm() }));
    expect(indexOf(model, extension.template)).toBe(1);
  });
});

describe('nested deployments, outer scope', () => {
  const outerModel = (scope: 'outer' | undefined) =>
    modelOfTemplate({
      parameters: { vmName: { type: 'string', defaultValue: 'root-vm' } },
      variables: { label: 'root-label' },
      resources: [
        nestedDeployment(
          'outer',
          // An outer-scope template's own declarations are not what parameters()/variables() see.
          {
            parameters: { vmName: { type: 'string', defaultValue: 'ignored-vm' } },
            variables: { label: 'ignored-label' },
            resources: [virtualMachine("[parameters('vmName')]", { tags: { label: "[variables('label')]" } })],
          },
          scope ? { scope } : {},
        ),
      ],
    });

  it.each([
    ['by default', undefined],
    ['when asked for', 'outer' as const],
  ])('sees the parent parameters and variables %s', (_name, scope) => {
    const model = outerModel(scope);
    const [root, nested] = model.templates;
    expect(nested!.scopeKind).toBe('outer');
    expect(nested!.scope.id).toBe(root!.scope.id);
    const vm = nodeAt(model.root.node, ...NESTED_TEMPLATE, 'resources', 0);
    expect(evaluatedText(model, nodeAt(vm, 'name'))).toBe('root-vm');
    expect(evaluatedText(model, nodeAt(vm, 'tags', 'label'))).toBe('root-label');
  });
});

describe('nested deployments, depth 2', () => {
  // root → middle (inner scope) → deepest (outer scope: sees middle's declarations).
  const deepest = nestedDeployment('deepest', {
    resources: [virtualMachine("[parameters('vmName')]"), extensionResource(VM_EXTENSION_TYPE, "[concat(parameters('vmName'), '/dsc')]")],
  });
  const middle = nestedDeployment('middle', { parameters: { vmName: { type: 'string', defaultValue: 'middle-vm' } }, resources: [deepest] }, { scope: 'inner' });
  const model = modelOfTemplate({ parameters: { vmName: { type: 'string', defaultValue: 'root-vm' } }, resources: [middle] });
  const deepestTemplate = nodeAt(model.root.node, ...NESTED_TEMPLATE, ...NESTED_TEMPLATE);

  it('has three templates, each the parent of the next', () => {
    const [root, second, third] = model.templates;
    expect(model.templates.length).toBe(3);
    expect(indexOf(model, second!.parent)).toBe(0);
    expect(indexOf(model, third!.parent)).toBe(1);
    expect(third!.node).toBeNode(deepestTemplate);
    expect([second!.scopeKind, third!.scopeKind]).toEqual(['inner', 'outer']);
    expect(second!.scope.id).not.toBe(root!.scope.id);
    expect(third!.scope.id).toBe(second!.scope.id);
  });

  it("evaluates the deepest template's names in the middle template's scope", () => {
    expect(evaluatedText(model, nodeAt(deepestTemplate, 'resources', 0, 'name'))).toBe('middle-vm');
  });

  it('resolves the deepest extension to the deepest VM', () => {
    const extension = only(model.dscExtensions).extension;
    expect(placementOf(extension)).toEqual(labelled({ placement: 'vm-resource', targetKind: 'virtualMachine', target: nodeAt(deepestTemplate, 'resources', 0) }));
    expect(indexOf(model, extension.template)).toBe(2);
  });
});

describe('templates order and templateOf', () => {
  const leaf = (name: string) => nestedDeployment(name, { resources: [virtualMachine(name)] });
  const model = modelOfTemplate({
    resources: [nestedDeployment('a', { resources: [leaf('a1')] }), virtualMachine('rootVm'), leaf('b')],
  });
  const nodeOf = (name: string) => model.resources.find((r) => r.nameNode?.kind === 'string' && r.nameNode.value === name)!.node;

  it('lists templates root first, then nested ones depth-first', () => {
    const deploymentNames = model.templates.map((t) => (t.deployment?.nameNode?.kind === 'string' ? t.deployment.nameNode.value : 'root'));
    expect(deploymentNames).toEqual(['root', 'a', 'a1', 'b']);
  });

  it('lists every resource of every template, parents before their nested template', () => {
    const names = model.resources.map((r) => (r.nameNode?.kind === 'string' ? r.nameNode.value : '?'));
    expect(names).toEqual(['a', 'rootVm', 'b', 'a1', 'a1', 'b']);
  });

  it('gives each node the innermost template containing it', () => {
    const [, a, a1, b] = model.templates;
    expect(indexOf(model, model.templateOf(model.root.node))).toBe(0);
    expect(indexOf(model, model.templateOf(nodeOf('rootVm')))).toBe(0);
    // The deployment resource itself lives in its parent template; only its properties.template is nested.
    expect(indexOf(model, model.templateOf(nodeAt(model.root.node, 'resources', 0)))).toBe(0);
    expect(indexOf(model, model.templateOf(nodeAt(model.root.node, 'resources', 0, 'properties', 'mode')))).toBe(0);
    expect(indexOf(model, model.templateOf(a!.node))).toBe(1);
    expect(indexOf(model, model.templateOf(nodeAt(a1!.node, 'resources', 0, 'name')))).toBe(2);
    expect(indexOf(model, model.templateOf(nodeAt(b!.node, 'resources', 0, 'properties')))).toBe(3);
    const property = nodeAt(b!.node, 'resources', 0, 'location').parent!;
    expect(property.kind).toBe('property');
    expect(indexOf(model, model.templateOf(property))).toBe(3);
  });

  it('records the template of each resource', () => {
    const [, , a1] = model.templates;
    expect(indexOf(model, model.resources.find((r) => r.node === nodeOf('rootVm'))!.template)).toBe(0);
    expect(labelled(a1!.resources.map((r) => r.node))).toEqual(labelled([nodeAt(a1!.node, 'resources', 0)]));
    expect(indexOf(model, a1!.resources[0]!.template)).toBe(2);
  });
});

describe('inner-scope parameters the parent does not give a value', () => {
  it('treats a Key Vault reference as an unknown secret', () => {
    const inner = { parameters: { adminPassword: { type: 'string' } }, resources: [{ type: 'Microsoft.Storage/storageAccounts', name: "[parameters('adminPassword')]" }] };
    const reference = { reference: { keyVault: { id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' }, secretName: 'admin' } };
    const model = modelOfTemplate({ resources: [nestedDeployment('nested', inner, { scope: 'inner', parameters: { adminPassword: reference } })] });
    const value = model.evaluate(nodeAt(model.root.node, ...NESTED_TEMPLATE, 'resources', 0, 'name'));
    expect(value.kind).toBe('unknown');
    expect(value.secret).toBe(true);
  });

  it("does not resolve an extension to a VM named by the root's same-named parameter", () => {
    const inner = { parameters: { vmName: { type: 'string' } }, resources: [extensionResource(VM_EXTENSION_TYPE, "[concat(parameters('vmName'), '/dsc')]")] };
    const model = modelOfTemplate({
      parameters: { vmName: { type: 'string' } },
      resources: [virtualMachine("[parameters('vmName')]"), nestedDeployment('nested', inner, { scope: 'inner' })],
    });
    expect(placementOf(only(model.dscExtensions).extension)).toEqual(labelled({ placement: 'vm-resource', targetKind: 'virtualMachine', target: undefined }));
  });

  it("resolves an outer-scope extension to the VM named by the root's parameter", () => {
    const inner = { resources: [extensionResource(VM_EXTENSION_TYPE, "[concat(parameters('vmName'), '/dsc')]")] };
    const model = modelOfTemplate({
      parameters: { vmName: { type: 'string' } },
      resources: [virtualMachine("[parameters('vmName')]"), nestedDeployment('nested', inner)],
    });
    expect(placementOf(only(model.dscExtensions).extension)).toEqual(labelled({ placement: 'vm-resource', targetKind: 'virtualMachine', target: nodeAt(model.root.node, 'resources', 0) }));
  });
});

describe('an extension resource prefers the same-named VM of its own template', () => {
  it('resolves to the nested VM, not the root VM of the same name', () => {
    const model = modelOfTemplate({
      resources: [virtualMachine('vm1'), nestedDeployment('nested', { resources: [virtualMachine('vm1'), extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc')] })],
    });
    expect(only(model.dscExtensions).extension.target?.resource.node).toBeNode(nodeAt(model.root.node, 'resources', 1, 'properties', 'template', 'resources', 0));
  });

  it('resolves to a VM of another template when its own has none', () => {
    const model = modelOfTemplate({ resources: [virtualMachine('vm1'), nestedDeployment('nested', { resources: [extensionResource(VM_EXTENSION_TYPE, 'vm1/dsc')] })] });
    expect(only(model.dscExtensions).extension.target?.resource.node).toBeNode(nodeAt(model.root.node, 'resources', 0));
  });
});

describe('languageVersion 2.0', () => {
  const text = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    languageVersion: '2.0',
    contentVersion: '1.0.0.0',
    resources: {
      webVm: virtualMachine('web'),
      webDsc: { ...extensionResource(VM_EXTENSION_TYPE, 'web/dsc'), dependsOn: ['webVm'] },
      notAResource: 'ignored: not an object',
      nested: nestedDeployment('nested', {
        languageVersion: '2.0',
        resources: { innerVm: virtualMachine('inner', { resources: [extensionResource('extensions', 'dsc')] }) },
      }),
    },
  });
  const model = modelOf(text);

  it('reads resources as an object of symbolic names', () => {
    expect(model.root.languageVersion).toBe('2.0');
    expect(model.resources.map((r) => r.symbolicName)).toEqual(['webVm', 'webDsc', 'nested', 'innerVm', undefined]);
    expect(labelled(model.root.resources.map((r) => r.node))).toEqual(labelled(['webVm', 'webDsc', 'nested'].map((key) => nodeAt(model.root.node, 'resources', key))));
  });

  it('finds extensions among symbolic-name resources, in the root and nested templates', () => {
    const innerVm = nodeAt(model.root.node, 'resources', 'nested', 'properties', 'template', 'resources', 'innerVm');
    expect(model.dscExtensions.map((d) => placementOf(d.extension))).toEqual(
      labelled([
        { placement: 'vm-resource', targetKind: 'virtualMachine', target: nodeAt(model.root.node, 'resources', 'webVm') },
        { placement: 'vm-child', targetKind: 'virtualMachine', target: innerVm },
      ]),
    );
    expect(model.templates[1]!.languageVersion).toBe('2.0');
  });
});

describe('model.evaluate scope', () => {
  const model = modelOfTemplate({
    parameters: { location: { type: 'string', defaultValue: 'root-default' } },
    resources: [
      { type: 'Microsoft.Storage/storageAccounts', name: 'st', location: "[parameters('location')]" },
      nestedDeployment(
        'inner',
        {
          parameters: { location: { type: 'string', defaultValue: 'inner-default' } },
          resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'st', location: "[parameters('location')]" }],
        },
        { scope: 'inner' },
      ),
      nestedDeployment('outer', { resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'st', location: "[parameters('location')]" }] }),
    ],
  });
  const locationIn = (...path: Array<string | number>): AbstractValue => model.evaluate(nodeAt(model.root.node, ...path, 'location'));

  it('resolves parameters() in an inner-scope template to its own declaration', () => {
    expect(knownString(locationIn('resources', 1, 'properties', 'template', 'resources', 0))).toBe('inner-default');
  });

  it("resolves parameters() in the root and an outer-scope template to the root's declaration", () => {
    expect(knownString(locationIn('resources', 0))).toBe('root-default');
    expect(knownString(locationIn('resources', 2, 'properties', 'template', 'resources', 0))).toBe('root-default');
  });

  it('records where a value came from', () => {
    expect(locationIn('resources', 1, 'properties', 'template', 'resources', 0).origins).toEqual([{ kind: 'parameter', name: 'location' }]);
  });
});

describe('the properties a DSC extension is read from in a nested template', () => {
  it('resolves settings through the nested template variables', () => {
    const inner = {
      variables: { dscSettings: { configuration: { url: 'https://example.com/inner.zip', script: 'a.ps1', function: 'A' } } },
      resources: [virtualMachine('vm1', { resources: [extensionResource('extensions', 'dsc', dscProperties({ settings: "[variables('dscSettings')]" }))] })],
    };
    const model = modelOfTemplate({
      variables: { dscSettings: { configuration: { url: 'https://example.com/root.zip' } } },
      resources: [nestedDeployment('nested', inner, { scope: 'inner' })],
    });
    expect(only(model.dscExtensions).settings).toBeNode(nodeAt(model.root.node, ...NESTED_TEMPLATE, 'variables', 'dscSettings'));
  });
});
