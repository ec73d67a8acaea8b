import { contains } from '../src/parse';
import { describeOrigin, displayValue, knownString, originText, possibleValues, quoted, shortText } from '../src/expression';
import { defineRule, type Fix, type RuleFixer } from '../src/engine';

/**
 * The edit to "localhost": applied by --fix for a value written inside the extension (a shared
 * variable may serve others), only suggested when the name came from a parameters file.
 */
function localhostEdit(inExtension: boolean, fromParametersFile: boolean, replace: (fixer: RuleFixer) => Fix) {
  if (!inExtension) return {};
  return fromParametersFile ? { suggest: [{ messageId: 'useLocalhost' as const, fix: replace }] } : { fix: replace };
}

/**
 * A scale set applies one model to every instance, and instance names are generated, so the
 * DSC configuration must target `localhost`.
 */
export default defineRule({
  meta: {
    id: 'dsc-vmss-node-name',
    type: 'problem',
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    docs: { description: 'Require the nodeName configuration argument of a scale set DSC extension to be "localhost".' },
    messages: {
      notLocalhost:
        'Scale set DSC nodeName is {{value}}{{source}}; every instance applies the same configuration, so use "localhost".',
      useLocalhost: 'Write "localhost" here instead of the value the parameters file gives.',
    },
    schema: [],
  },
  create(context) {
    return {
      dscExtension(dsc) {
        if (dsc.extension.targetKind !== 'scaleSet') return;
        for (const argument of dsc.configurationArguments) {
          if (argument.name.toLowerCase() !== 'nodename' || !argument.value) continue;
          const value = context.model.evaluate(argument.value);
          // Report only when every value it can take is a known name other than localhost.
          const names = possibleValues(value)?.map(knownString);
          if (!names?.length || names.some((n) => n === undefined || n.toLowerCase() === 'localhost')) continue;
          const node = argument.value;
          // Where the name comes from: a reference it goes through, or the definition it is written in.
          const definedIn = context.model.declarationContaining(node);
          const origin = describeOrigin(value) ?? (definedIn && originText(definedIn));
          // A secret (a secure parameter's default) is shown by its name, never its text.
          const shown = value.secret ? displayValue(value) : [...new Set(names)].map((n) => quoted(n!)).join(' or ');
          const source = origin && shortText(origin);
          // The wrong name may be only the parameters file's: the template's own default may be right.
          const fromParametersFile = value.origins.some((o) => o.file !== undefined);
          context.report({
            node,
            // A nodeName kept in a shared variable is about this extension too.
            subject: dsc.extension.node,
            messageId: 'notLocalhost',
            // A value shown by the name it came from needs no "(from …)" after it.
            data: { value: shown, source: source && source !== shown ? ` (from ${source})` : '' },
            ...localhostEdit(contains(dsc.extension.node, node), fromParametersFile, (fixer) => fixer.replaceText(node, '"localhost"')),
          });
        }
      },
    };
  },
});
