/** FileModel.declarationContaining: which variable or parameter default a node is written in. */
import { modelOfTemplate, nestedDeployment, nodeAt } from '../support/model';

describe('declarationContaining', () => {
  const model = modelOfTemplate({
    parameters: { settings: { type: 'object', defaultValue: { configurationArguments: { nodeName: 'web01' } } } },
    variables: { dscArguments: { nodeName: 'web02', nested: ['web03'] } },
    resources: [
      { type: 'Microsoft.Storage/storageAccounts', name: 'store', properties: { note: 'web04' } },
      nestedDeployment('inner', { variables: { innerName: 'web05' }, resources: [] }),
    ],
  });
  const root = model.root.node;

  it('names the variable whose value contains the node, at any depth', () => {
    expect(model.declarationContaining(nodeAt(root, 'variables', 'dscArguments', 'nodeName'))).toEqual({ kind: 'variable', name: 'dscArguments' });
    expect(model.declarationContaining(nodeAt(root, 'variables', 'dscArguments', 'nested', 0))).toEqual({ kind: 'variable', name: 'dscArguments' });
  });

  it('names the parameter whose declaration (default value) contains the node', () => {
    const node = nodeAt(root, 'parameters', 'settings', 'defaultValue', 'configurationArguments', 'nodeName');
    expect(model.declarationContaining(node)).toEqual({ kind: 'parameter', name: 'settings' });
  });

  it('gives nothing for a node in a resource', () => {
    expect(model.declarationContaining(nodeAt(root, 'resources', 0, 'properties', 'note'))).toBeUndefined();
  });

  it("uses the nested template's own variables for a node inside it", () => {
    const node = nodeAt(root, 'resources', 1, 'properties', 'template', 'variables', 'innerName');
    expect(model.declarationContaining(node)).toEqual({ kind: 'variable', name: 'innerName' });
  });
});
