/**
 * ARM reads keys case-insensitively and, for duplicate keys, the last one wins. Duplicate keys
 * cannot be written through JSON.stringify, so these templates are raw text.
 */
import { knownString } from '../../src/expression';
import { labelled, modelOf, nodeAt, only, placementOf, propertyAt } from '../support/model';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A template with one VM and, as its child, an extension whose body is `extensionBody` (raw JSON members). */
const vmWithChildExtension = (extensionBody: string, rootExtra = '') => `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",${rootExtra}
  "resources": [
    {
      "type": "Microsoft.Compute/virtualMachines",
      "name": "vm1",
      "apiVersion": "2023-03-01",
      "resources": [
        { "type": "extensions", "name": "dsc", ${extensionBody} }
      ]
    }
  ]
}`;

/** Offset of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
const offsetOf = (text: string, needle: string, occurrence = 0): number => {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${needle} occurs fewer than ${occurrence + 1} times`);
  }
  return offset;
};

describe('case-insensitive keys', () => {
  it('finds a DSC extension written with "Properties", "PUBLISHER", "Type": "dsc"', () => {
    const text = vmWithChildExtension('"Properties": { "PUBLISHER": "microsoft.powershell", "Type": "dsc", "TypeHandlerVersion": "2.77", "Settings": { "ModulesURL": "https://example.com/m.zip" } }');
    const model = modelOf(text);
    const dsc = only(model.dscExtensions);
    const properties = nodeAt(model.root.node, 'resources', 0, 'resources', 0, 'Properties');
    expect(dsc.extension.properties).toBeNode(properties);
    expect(dsc.publisher).toBeNode(nodeAt(properties, 'PUBLISHER'));
    expect(dsc.type).toBeNode(nodeAt(properties, 'Type'));
    expect(dsc.typeHandlerVersion).toBeNode(propertyAt(properties, 'TypeHandlerVersion'));
    expect(dsc.settings).toBeNode(nodeAt(properties, 'Settings'));
    expect(dsc.legacy.modulesUrl).toBeNode(propertyAt(properties, 'Settings', 'ModulesURL'));
  });

  it('reads resource "Type", "Name" and "Resources" keys in any case', () => {
    const text = `{
      "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "Resources": [
        { "TYPE": "microsoft.compute/virtualmachines", "NAME": "vm1",
          "RESOURCES": [ { "Type": "Extensions", "Name": "dsc", "properties": { "publisher": "Microsoft.Powershell", "type": "DSC" } } ] }
      ]
    }`;
    const model = modelOf(text);
    expect(placementOf(only(model.dscExtensions).extension)).toEqual(labelled({ placement: 'vm-child', targetKind: 'virtualMachine', target: nodeAt(model.root.node, 'Resources', 0) }));
  });

  it('binds a passed parameter whose key differs in case from the declaration', () => {
    const text = `{
      "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "resources": [ { "type": "Microsoft.Resources/deployments", "name": "nested",
        "properties": { "expressionEvaluationOptions": { "scope": "INNER" }, "parameters": { "VMNAME": { "Value": "passed-vm" } },
          "template": { "contentVersion": "1.0.0.0", "parameters": { "vmName": { "type": "string" } },
            "resources": [ { "type": "Microsoft.Compute/virtualMachines", "name": "[PARAMETERS('VmName')]" } ] } } } ]
    }`;
    const model = modelOf(text);
    expect(model.templates[1]!.scopeKind).toBe('inner');
    expect(knownString(model.evaluate(nodeAt(model.root.node, 'resources', 0, 'properties', 'template', 'resources', 0, 'name')))).toBe('passed-vm');
  });
});

describe('duplicate keys: the last one wins', () => {
  it('is a DSC extension when the last publisher is Microsoft.Powershell', () => {
    const text = vmWithChildExtension('"properties": { "publisher": "Microsoft.Compute", "type": "DSC", "publisher": "Microsoft.Powershell" }');
    const dsc = only(modelOf(text).dscExtensions);
    expect(dsc.publisher.offset).toBe(offsetOf(text, '"Microsoft.Powershell"'));
  });

  it('is not a DSC extension when the last publisher is another one', () => {
    const text = vmWithChildExtension('"properties": { "publisher": "Microsoft.Powershell", "type": "DSC", "Publisher": "Microsoft.Compute" }');
    const model = modelOf(text);
    expect(model.extensions.length).toBe(1);
    expect(model.dscExtensions).toEqual([]);
  });

  it('reads the last of duplicate properties and settings objects', () => {
    const text = vmWithChildExtension(
      '"properties": { "publisher": "Microsoft.Powershell", "type": "Other" }, ' +
        '"properties": { "publisher": "Microsoft.Powershell", "type": "DSC", "typeHandlerVersion": "2.9", "typeHandlerVersion": "2.77", ' +
        '"settings": { "ModulesUrl": "https://example.com/m.zip" }, "settings": { "configuration": { "url": "https://example.com/c.zip" } } }',
    );
    const model = modelOf(text);
    const dsc = only(model.dscExtensions);
    expect(dsc.extension.properties?.offset).toBe(offsetOf(text, '{ "publisher"', 1));
    expect(dsc.typeHandlerVersion?.offset).toBe(offsetOf(text, '"typeHandlerVersion"', 1));
    expect(model.source.rawText(dsc.typeHandlerVersion!.value!)).toBe('"2.77"');
    expect(dsc.settingsFormat).toBe('2.x');
    expect(dsc.legacy.modulesUrl).toBeUndefined();
  });

  it('reads the last of duplicate "resources" keys', () => {
    const text = `{
      "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "resources": [ { "type": "Microsoft.Compute/virtualMachines", "name": "first" } ],
      "Resources": [ { "type": "Microsoft.Compute/virtualMachines", "name": "second" } ]
    }`;
    const model = modelOf(text);
    expect(model.resources.map((r) => (r.nameNode?.kind === 'string' ? r.nameNode.value : undefined))).toEqual(['second']);
  });

  it('resolves a duplicated variable to its last definition', () => {
    const text = vmWithChildExtension(
      '"properties": { "publisher": "Microsoft.Powershell", "type": "DSC", "settings": "[variables(\'dscSettings\')]" }',
      '\n  "variables": { "dscSettings": { "ModulesUrl": "first" }, "DSCSettings": { "configuration": {} } },',
    );
    const model = modelOf(text);
    expect(only(model.dscExtensions).settings?.offset).toBe(offsetOf(text, '{ "configuration"'));
  });
});
