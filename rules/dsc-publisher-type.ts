import { describeOrigin, displayValue, knownString, originText, parseTemplateString } from '../src/expression';
import { defineRule } from '../src/engine';
import { DSC_PUBLISHER, DSC_TYPE, extensionCondition } from '../src/model';
import { contains, getValue } from '../src/parse';

/** The extension's conventional name, written as its publisher or type by mistake (§5.3). */
const EXTENSION_NAME = 'Microsoft.Powershell.DSC';

const FIELDS = [
  { key: 'publisher', label: 'Publisher', expected: DSC_PUBLISHER, nameMessage: 'publisherIsName' },
  { key: 'type', label: 'Type', expected: DSC_TYPE, nameMessage: 'typeIsName' },
] as const;

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export default defineRule({
  meta: {
    id: 'dsc-publisher-type',
    type: 'problem',
    severity: 'error',
    fixable: true,
    docs: { description: 'Require the DSC extension\'s publisher and type to be exactly "Microsoft.Powershell" and "DSC".' },
    warnings: ['letterCase'],
    messages: {
      publisherIsName:
        'Publisher {{value}}{{source}} is the conventional name of the DSC extension, not its publisher, so Azure finds no such extension; use "Microsoft.Powershell".',
      typeIsName:
        'Type {{value}}{{source}} is the conventional name of the DSC extension, not its type, so Azure finds no such extension ("could not be found in the extension repository"); use "DSC".',
      letterCase:
        '{{field}} {{value}}{{source}} differs from "{{expected}}" in letter case; write it exactly as published (that Azure matches it in any case is not documented).',
    },
    schema: [{ type: 'object', properties: { ignoreCase: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ ignoreCase: false }],
  },
  create(context) {
    const { ignoreCase } = context.options[0] as { ignoreCase: boolean };
    const { model } = context;
    return {
      extension(extension) {
        // A declaration that is never deployed (a module's switch left off) names no handler.
        if (extensionCondition(extension, model)?.never) return;
        const fields = FIELDS.map((field) => {
          const node = getValue(extension.properties, field.key);
          const value = node && model.evaluate(node);
          return { ...field, node, value, text: value && knownString(value) };
        });
        // Meant to be DSC: each field is DSC's value or the extension's name, in any letter case.
        // Anything else (another handler, a value known only at deployment) is not this rule's.
        if (!fields.every((f) => f.text !== undefined && (sameText(f.text, f.expected) || sameText(f.text, EXTENSION_NAME)))) return;
        for (const { node, value, text, label, expected, nameMessage } of fields) {
          if (!node || !value || text === undefined || text === expected) continue;
          const isName = sameText(text, EXTENSION_NAME);
          if (!isName && ignoreCase) continue;
          const definedIn = model.declarationContaining(node);
          // A secret is shown by the name it came from, which then needs no "from".
          const origin = value.secret ? undefined : (describeOrigin(value) ?? (definedIn && originText(definedIn)));
          // Only a literal written in this extension is fixed: a variable may serve other purposes.
          const literal = node.kind === 'string' && parseTemplateString(node.value).kind === 'literal' && contains(extension.node, node);
          context.report({
            node,
            subject: extension.node,
            messageId: isName ? nameMessage : 'letterCase',
            data: { field: label, value: displayValue(value), source: origin ? ` (from ${origin})` : '', expected },
            fix: literal ? (fixer) => fixer.replaceText(node, JSON.stringify(expected)) : undefined,
          });
        }
      },
    };
  },
});
