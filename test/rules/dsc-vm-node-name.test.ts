/**
 * dsc-vm-node-name beyond the fixtures: if() alternatives, a VM declared twice, the suggestion's
 * edit, and secrets in messages.
 */
import { lintWithRule, template } from '../support/lint';
import { dscProperties, extensionResource, nestedDeployment, virtualMachine, VM_EXTENSION_TYPE } from '../support/model';

const RULE = 'dsc-vm-node-name';
const vm = (name: string) => virtualMachine(name, { properties: { osProfile: { computerName: name } } });
const dscOn = (vmName: string, nodeName: string) =>
  extensionResource(VM_EXTENSION_TYPE, `${vmName}/dsc`, dscProperties({ settings: { configurationArguments: { nodeName } } }));

describe(RULE, () => {
  it('reports an if() only when every outcome is another VM', () => {
    const text = (nodeName: string) => template({ parameters: { first: { type: 'bool' } }, resources: [vm('web01'), vm('web02'), vm('app01'), dscOn('app01', nodeName)] });
    expect(lintWithRule(RULE, text("[if(parameters('first'), 'web01', 'localhost')]")).messages).toEqual([]);
    const [message] = lintWithRule(RULE, text("[if(parameters('first'), 'web01', 'WEB02')]")).messages;
    expect(message?.message).toMatch(/^DSC nodeName "web01" or "WEB02" is the name of another virtual machine, "web01" \(line \d+\), not of "app01";/);
  });

  it('does not take the same VM declared again (in a nested deployment) for another one', () => {
    const text = template({ resources: [vm('web01'), nestedDeployment('resize', { resources: [vm('web01')] }), dscOn('web01', 'web01')] });
    expect(lintWithRule(RULE, text).messages).toEqual([]);
  });

  it('suggests "localhost" in place of the value, and never applies it', () => {
    const text = template({ resources: [vm('web01'), vm('app01'), dscOn('app01', 'web01')] });
    const result = lintWithRule(RULE, text, { fix: true });
    expect(result.output).toBeUndefined();
    const [suggestion] = result.messages[0]?.suggestions ?? [];
    const start = text.indexOf('"web01"', text.indexOf('"nodeName"'));
    expect(suggestion?.fix).toEqual({ range: [start, start + '"web01"'.length], text: '"localhost"' });
  });

  it('shows a value from a secure parameter by its name only', () => {
    const text = template({ parameters: { node: { type: 'securestring', defaultValue: 'web01' } }, resources: [vm('web01'), vm('app01'), dscOn('app01', "[parameters('node')]")] });
    const [message] = lintWithRule(RULE, text).messages;
    expect(message?.message).toMatch(/^DSC nodeName parameters\('node'\) is the name of another virtual machine/);
    expect(message?.message).not.toContain('web01');
  });
});
