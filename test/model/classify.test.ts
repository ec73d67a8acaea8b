import { classifyDocument } from '../../src/model';
import { parseSource } from '../../src/parse';

const classify = (text: string) => classifyDocument(parseSource(text).root);
const withSchema = (schema: string, rest: Record<string, unknown> = {}) => JSON.stringify({ $schema: schema, ...rest });
const SCHEMAS = 'https://schema.management.azure.com/schemas';

describe('classifyDocument', () => {
  it.each([
    ['resource group', `${SCHEMAS}/2019-04-01/deploymentTemplate.json#`],
    ['subscription', `${SCHEMAS}/2018-05-01/subscriptionDeploymentTemplate.json#`],
    ['management group', `${SCHEMAS}/2019-08-01/managementGroupDeploymentTemplate.json#`],
    ['tenant', `${SCHEMAS}/2019-08-01/tenantDeploymentTemplate.json#`],
    ['differently cased', `${SCHEMAS}/2015-01-01/DeploymentTemplate.json#`],
  ])('treats a %s deployment template $schema as a template', (_name, schema) => {
    expect(classify(withSchema(schema, { resources: [] }))).toBe('template');
  });

  it('needs a template section beside a deployment template $schema', () => {
    const schema = `${SCHEMAS}/2019-04-01/deploymentTemplate.json#`;
    for (const section of ['contentVersion', 'resources', 'parameters', 'variables', 'functions', 'outputs']) {
      expect(classify(withSchema(schema, { [section]: {} }))).toBe('template');
    }
    // The shape of vscode-azurearmtools' colouring test inputs: one expression per repeated key.
    expect(classify(`{ "$schema": "${schema}", "$TEST": "[concat('a')]", "$TEST": "[1]" }`)).toBe('other');
  });

  it('treats a deploymentParameters $schema as a parameters file', () => {
    expect(classify(withSchema(`${SCHEMAS}/2019-04-01/deploymentParameters.json#`, { contentVersion: '1.0.0.0', parameters: {} }))).toBe('parameters');
  });

  it('treats any other $schema as other, even with resources and contentVersion', () => {
    expect(classify(withSchema('https://json.schemastore.org/package.json', { resources: [], contentVersion: '1.0.0.0' }))).toBe('other');
  });

  it('treats a document without $schema but with resources and contentVersion as a template', () => {
    expect(classify(JSON.stringify({ contentVersion: '1.0.0.0', resources: [] }))).toBe('template');
  });

  it('needs both resources and contentVersion when there is no $schema', () => {
    expect(classify(JSON.stringify({ resources: [] }))).toBe('other');
    expect(classify(JSON.stringify({ contentVersion: '1.0.0.0' }))).toBe('other');
  });

  it('treats a package.json-like document as other', () => {
    expect(classify(JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { left: '1.0.0' } }))).toBe('other');
  });

  it.each([
    ['an array', '[{"resources": [], "contentVersion": "1.0.0.0"}]'],
    ['a string', '"deploymentTemplate.json"'],
    ['a number', '42'],
    ['empty text', ''],
  ])('treats %s as other', (_name, text) => {
    expect(classify(text)).toBe('other');
  });
});
