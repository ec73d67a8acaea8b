import { describeOrigin, displayValue, knownString, originText, possibleValues, quoted } from '../src/expression';
import { defineRule } from '../src/engine';
import { extensionCondition, type ComputeTarget, type FileModel } from '../src/model';
import { contains, getObject, getValue, type JsonValue } from '../src/parse';
import { nameLabel } from './shared/labels';

/** The names a value may take, lower-cased; undefined unless every one is a known string. */
function knownNames(model: FileModel, node: JsonValue | undefined): string[] | undefined {
  if (!node) return undefined;
  const texts = possibleValues(model.evaluate(node))?.map(knownString);
  if (!texts?.length || texts.some((text) => text === undefined)) return undefined;
  return texts.map((text) => text!.toLowerCase());
}

/** A VM's `properties.osProfile.computerName` node. */
const computerNameNode = (vm: ComputeTarget): JsonValue | undefined => getValue(getObject(getObject(vm.resource.node, 'properties'), 'osProfile'), 'computerName');

/** One name a VM answers to, and which of its names it is. */
interface VmName {
  vm: ComputeTarget;
  what: 'name' | 'computer name';
}

export default defineRule({
  meta: {
    id: 'dsc-vm-node-name',
    type: 'problem',
    severity: 'warn',
    hasSuggestions: true,
    docs: { description: "Disallow a VM's DSC nodeName that names another virtual machine of the template." },
    messages: {
      otherVm:
        'DSC nodeName {{value}}{{source}} is the {{what}} of another virtual machine, {{other}} (line {{line}}), not of {{target}}; the configuration is compiled for a computer this VM is not. Use "localhost" or this VM\'s computer name.',
      useLocalhost: 'Replace the nodeName with "localhost".',
    },
    schema: [],
  },
  create(context) {
    const { model, source } = context;
    const virtualMachines = model.computeTargets.filter((t) => t.kind === 'virtualMachine');
    return {
      dscExtension(dsc) {
        const target = dsc.extension.target;
        if (dsc.extension.targetKind !== 'virtualMachine' || !target || extensionCondition(dsc.extension, model)?.never) return;
        // What this VM answers to; without its computer name, any name might be it.
        const ownResourceNames = knownNames(model, target.resource.nameNode);
        const ownComputerNames = knownNames(model, computerNameNode(target));
        if (!ownResourceNames || !ownComputerNames) return;
        const own = new Set(['localhost', ...ownResourceNames, ...ownComputerNames]);

        // Other VMs' names; a VM declared again under this VM's name is this VM.
        const others = new Map<string, VmName>();
        for (const vm of virtualMachines) {
          const names = knownNames(model, vm.resource.nameNode);
          if (vm === target || names?.some((name) => ownResourceNames.includes(name))) continue;
          for (const name of names ?? []) if (!others.has(name)) others.set(name, { vm, what: 'name' });
          for (const name of knownNames(model, computerNameNode(vm)) ?? []) if (!others.has(name)) others.set(name, { vm, what: 'computer name' });
        }

        for (const argument of dsc.configurationArguments) {
          if (argument.name.toLowerCase() !== 'nodename' || !argument.value) continue;
          const names = knownNames(model, argument.value);
          // Reported only when every value it can take is another VM's name.
          if (!names || names.some((name) => own.has(name) || !others.has(name))) continue;
          const match = others.get(names[0]!)!;
          const node = argument.value;
          const value = model.evaluate(node);
          const definedIn = model.declarationContaining(node);
          const origin = value.secret ? undefined : (describeOrigin(value) ?? (definedIn && originText(definedIn)));
          const otherName = match.vm.resource.nameNode!;
          context.report({
            node,
            subject: dsc.extension.node,
            messageId: 'otherVm',
            data: {
              value: value.secret ? displayValue(value) : [...new Set(possibleValues(value)!.map((v) => knownString(v)!))].map(quoted).join(' or '),
              source: origin ? ` (from ${origin})` : '',
              what: match.what,
              other: nameLabel(model, otherName),
              line: source.locationOfNode(otherName).line,
              target: nameLabel(model, target.resource.nameNode!),
            },
            // Only a value written in this extension: a shared variable may serve other VMs.
            suggest: contains(dsc.extension.node, node) ? [{ messageId: 'useLocalhost', fix: (fixer) => fixer.replaceText(node, '"localhost"') }] : undefined,
          });
        }
      },
    };
  },
});
