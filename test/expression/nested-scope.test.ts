import { knownString, valueKey } from '../../src/expression';
import { parameter, templateEvaluator, variable } from '../support/evaluate';

function deployment(name: string, scope: 'inner' | undefined, properties: object): object {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: { mode: 'Incremental', ...(scope ? { expressionEvaluationOptions: { scope } } : {}), ...properties },
  };
}

const { templates, evaluate } = templateEvaluator({
  parameters: { outerName: { type: 'string', defaultValue: 'outer' } },
  variables: { suffix: '-vm' },
  resources: [
    deployment('inner', 'inner', {
      parameters: {
        // Matched to the declaration case-insensitively.
        InnerName: { value: "[concat(parameters('outerName'), variables('suffix'))]" },
        innerSecret: { reference: { keyVault: { id: '/subscriptions/x/vaults/kv' }, secretName: 's' } },
      },
      template: {
        parameters: {
          innerName: { type: 'string', defaultValue: 'ignored default' },
          innerSecret: { type: 'string' },
          innerDefault: { type: 'string', defaultValue: "[concat('d-', variables('suffix'))]" },
          outerName: { type: 'string' },
        },
        variables: { suffix: '-inner' },
        resources: [],
      },
    }),
    deployment('outer', undefined, { template: { resources: [] } }),
  ],
});
const ROOT = 0;
const INNER = 1;
const OUTER = 2;

describe('an inner-scope nested deployment', () => {
  it('finds the root and both nested templates', () => {
    expect(templates.map((t) => t.scopeKind)).toEqual(['root', 'inner', 'outer']);
  });

  it("takes a parameter's value from what the parent passes, evaluated in the parent's scope", () => {
    const value = evaluate("[parameters('innerName')]", INNER);
    expect(knownString(value)).toBe('outer-vm');
    expect(value.origins).toEqual([parameter('innerName'), parameter('outerName'), variable('suffix')]);
    expect(value.secret).toBe(false);
  });

  it('gives a Key Vault reference an unknown secret value', () => {
    expect(evaluate("[parameters('innerSecret')]", INNER)).toMatchObject({ kind: 'unknown', secret: true, origins: [parameter('innerSecret')] });
  });

  it("evaluates a default value that is not passed in the nested template's own scope", () => {
    expect(knownString(evaluate("[parameters('innerDefault')]", INNER))).toBe('d--inner');
    expect(knownString(evaluate("[variables('suffix')]", INNER))).toBe('-inner');
  });

  it("does not see the parent's parameter of the same name", () => {
    const inner = evaluate("[parameters('outerName')]", INNER);
    expect(inner.kind).toBe('unknown');
    expect(valueKey(inner)).not.toBe(valueKey(evaluate("[parameters('outerName')]", ROOT)));
  });
});

describe('an outer-scope nested deployment', () => {
  it("shares the parent's scope", () => {
    expect(templates[OUTER]!.scope).toBe(templates[ROOT]!.scope);
    expect(knownString(evaluate("[concat(parameters('outerName'), variables('suffix'))]", OUTER))).toBe('outer-vm');
  });
});
