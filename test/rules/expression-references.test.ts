/** expression-references: scopes, what is not checked, and the suggestions. */
import { applyFixes } from '../../src/engine/fixes';
import { lintWithRule } from '../support/lint';

const RULE = 'expression-references';

function template(parts: { metadata?: object; parameters?: object; variables?: object; functions?: object[]; resources?: object[]; outputs?: object }): string {
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      ...parts,
      resources: parts.resources ?? [],
    },
    null,
    2,
  );
}

const output = (value: string) => ({ out: { type: 'string', value } });
const lint = (text: string) => lintWithRule(RULE, text).messages;
const ids = (text: string) => lint(text).map((m) => m.messageId);

function nestedDeployment(scope: 'inner' | 'outer' | undefined, template: object, parameters?: object): object {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: 'nested',
    properties: { mode: 'Incremental', ...(scope ? { expressionEvaluationOptions: { scope } } : {}), ...(parameters ? { parameters } : {}), template },
  };
}

describe('expression-references: what is declared', () => {
  it('compares names case-insensitively', () => {
    expect(lint(template({ parameters: { VmName: { type: 'string' } }, outputs: output("[parameters('VMNAME')]") }))).toEqual([]);
  });

  it('uses the last of two declarations that differ in case, as ARM does', () => {
    // Both keys name one parameter; whichever spelling the reference uses, it is declared.
    const text = template({ parameters: { vmName: { type: 'string' }, VMNAME: { type: 'string' } }, outputs: output("[parameters('vmname')]") });
    expect(lint(text)).toEqual([]);
  });

  it('counts a variable copy loop as a declared variable', () => {
    const text = template({ variables: { copy: [{ name: 'disks', count: 2, input: "[copyIndex('disks')]" }] }, outputs: output("[variables('disks')]") });
    expect(lint(text)).toEqual([]);
  });

  it('does not check a computed name', () => {
    expect(lint(template({ outputs: output("[parameters(concat('a', 'b'))]") }))).toEqual([]);
  });

  it('does not take a namespaced call for parameters() or variables()', () => {
    const functions = [{ namespace: 'my', members: { parameters: { parameters: [{ name: 'x', type: 'string' }], output: { type: 'string', value: "[parameters('x')]" } } } }];
    expect(lint(template({ functions, outputs: output("[my.parameters('missing')]") }))).toEqual([]);
  });
});

describe('expression-references: nested deployments', () => {
  const parent = { parameters: { location: { type: 'string' } }, variables: { prefix: 'app' } };

  it('lets an outer-scope template use the parent declarations', () => {
    const nested = { resources: [], outputs: output("[concat(parameters('location'), variables('prefix'))]") };
    expect(lint(template({ ...parent, resources: [nestedDeployment(undefined, nested)] }))).toEqual([]);
  });

  it("does not let an outer-scope template use its own declarations", () => {
    const nested = { variables: { own: 'x' }, resources: [], outputs: output("[variables('own')]") };
    expect(ids(template({ ...parent, resources: [nestedDeployment('outer', nested)] }))).toEqual(['outerScope']);
  });

  it('evaluates the values passed to an inner-scope template in the parent scope', () => {
    const nested = { parameters: { where: { type: 'string' } }, resources: [], outputs: output("[parameters('where')]") };
    const passed = { where: { value: "[parameters('location')]" } };
    expect(lint(template({ ...parent, resources: [nestedDeployment('inner', nested, passed)] }))).toEqual([]);
  });

  it('reports parent declarations used inside an inner-scope template', () => {
    const nested = { resources: [], outputs: output("[concat(parameters('location'), variables('prefix'))]") };
    expect(ids(template({ ...parent, resources: [nestedDeployment('inner', nested)] }))).toEqual(['innerScopeParameter', 'innerScopeVariable']);
  });

  it('gives the parent scope back after an inner-scope template ends', () => {
    const nested = { parameters: { own: { type: 'string' } }, resources: [], outputs: output("[parameters('own')]") };
    const text = template({ ...parent, resources: [nestedDeployment('inner', nested)], outputs: output("[concat(parameters('location'), parameters('own'))]") });
    // The parent's output sees the parent's parameters, and not the nested template's.
    expect(lint(text).map((m) => [m.messageId, m.line, m.message.startsWith("Parameter 'own' is not declared")])).toEqual([['undeclared', 42, true]]);
  });

  it('does not put a nested template that follows a user-defined function inside the function', () => {
    const functions = [{ namespace: 'ns', members: { fn: { parameters: [{ name: 'a', type: 'string' }], output: { type: 'string', value: "[parameters('a')]" } } } }];
    const nested = { parameters: { own: { type: 'string' } }, resources: [], outputs: output("[parameters('own')]") };
    expect(lint(template({ functions, resources: [nestedDeployment('inner', nested)] }))).toEqual([]);
  });
});

describe('expression-references: editor snippets', () => {
  // VS Code ARM Tools inserts a resource snippet into a template, which declares the names it uses.
  const snippet = { prefix: 'arm-vm', description: 'Virtual machine' };

  it("does not report names a snippet leaves to the template it is inserted into", () => {
    const text = template({ metadata: snippet, outputs: output("[concat(parameters('location'), variables('vmName'))]") });
    expect(lint(text)).toEqual([]);
    // Without the prefix it is a template, and both names are undeclared.
    expect(ids(template({ metadata: { description: 'Virtual machine' }, outputs: output("[concat(parameters('location'), variables('vmName'))]") }))).toEqual([
      'undeclared',
      'undeclared',
    ]);
  });

  it('still reports a name the snippet declares as the other kind', () => {
    expect(ids(template({ metadata: snippet, variables: { vmName: 'vm' }, outputs: output("[parameters('vmName')]") }))).toEqual(['wrongKind']);
  });

  it('still checks an inner-scope template in the snippet, whose scope is its own', () => {
    const nested = { resources: [], outputs: output("[parameters('missing')]") };
    expect(ids(template({ metadata: snippet, resources: [nestedDeployment('inner', nested)] }))).toEqual(['undeclared']);
  });
});

describe('expression-references: user-defined functions', () => {
  it('sees only the function parameters, and no variables', () => {
    const functions = [
      {
        namespace: 'ns',
        members: { fn: { parameters: [{ name: 'a', type: 'string' }], output: { type: 'string', value: "[concat(parameters('A'), parameters('b'), variables('v'))]" } } },
      },
    ];
    const text = template({ parameters: { b: { type: 'string' } }, variables: { v: 'x' }, functions });
    expect(lint(text).map((m) => [m.messageId, m.message])).toEqual([
      ['functionParameter', "User-defined function 'ns.fn' has no parameter 'b' (its parameters: a); a function sees only its own parameters, not the template's."],
      ['functionVariables', "User-defined function 'ns.fn' cannot use variables(); pass 'v' in as a parameter of the function."],
    ]);
  });
});

describe('expression-references: suggestions', () => {
  it('renames a typo to the declared name, quoting it for the expression and for JSON', () => {
    const text = template({ parameters: { "owner's name": { type: 'string' } }, outputs: output("[parameters('owner''s nme')]") });
    const [message] = lint(text);
    expect(message?.messageId).toBe('undeclaredDidYouMean');
    const fixed = applyFixes(text, [message!.suggestions![0]!.fix]).text;
    expect(fixed).toContain(`"value": "[parameters('owner''s name')]"`);
    expect(lint(fixed)).toEqual([]);
  });

  it('switches parameters() to variables() for a name declared as a variable', () => {
    const text = template({ variables: { nicName: 'nic' }, outputs: output("[parameters('nicName')]") });
    const [message] = lint(text);
    const fixed = applyFixes(text, [message!.suggestions![0]!.fix]).text;
    expect(fixed).toContain(`"value": "[variables('nicName')]"`);
    expect(lint(fixed)).toEqual([]);
  });
});

describe('expression-references: Azure Policy definitions', () => {
  const policyDefinition = (type: string, condition: string) => ({
    type,
    apiVersion: '2023-04-01',
    name: 'allowed-locations',
    properties: {
      policyType: 'Custom',
      parameters: { allowedLocations: { type: 'Array' } },
      policyRule: { if: { not: { field: 'location', in: condition } }, then: { effect: 'deny' } },
    },
  });

  it("says a policy definition's own parameter needs [[, and suggests adding it", () => {
    const text = template({ resources: [policyDefinition('Microsoft.Authorization/policyDefinitions', "[parameters('allowedLocations')]")] });
    const [message] = lint(text);
    expect(message?.messageId).toBe('policyParameter');
    expect(message?.message).toBe(
      `Parameter 'allowedLocations' is a parameter of the policy definition, not of this template, but ARM evaluates this string when it deploys the definition; start the string with "[[" so that Azure Policy evaluates it.`,
    );
    const escaped = applyFixes(text, [message!.suggestions![0]!.fix]).text;
    expect(escaped).toContain(`"in": "[[parameters('allowedLocations')]"`);
    expect(lint(escaped)).toEqual([]);
  });

  it('keeps the plain finding for a name the policy definition does not declare, or outside one', () => {
    expect(ids(template({ resources: [policyDefinition('Microsoft.Authorization/policyDefinitions', "[parameters('regions')]")] }))).toEqual(['undeclared']);
    expect(ids(template({ resources: [policyDefinition('Microsoft.Storage/storageAccounts', "[parameters('allowedLocations')]")] }))).toEqual(['undeclared']);
  });
});
