import { defineRule } from '../src/engine';
import type { DscExtension } from '../src/model';
import { getProperty, getValue, type JsonValue } from '../src/parse';
import { classifyKey } from './shared/dsc-keys';
import { argumentsShape, reportAt } from './shared/dsc-settings';
import { pairsToObjectFix, renameKeyFix } from './shared/settings-fixes';

export default defineRule({
  meta: {
    id: 'dsc-protected-settings',
    type: 'problem',
    severity: 'error',
    hasSuggestions: true,
    docs: { description: 'Require DSC protectedSettings whose keys reach the configuration, with no argument repeated in public settings and no Key Vault reference beside them.' },
    messages: {
      notPassed:
        "protectedSettings.{{key}} is not passed to the configuration; put configuration arguments in protectedSettings.configurationArguments.",
      didYouMean: "protectedSettings.{{key}} is not a protected DSC setting; did you mean '{{suggestion}}'?",
      misplacedKey: "'{{key}}' belongs in {{belongs}}, not in protectedSettings, where the DSC extension does not read it.",
      duplicateArgument:
        "Argument '{{name}}' is in both settings.configurationArguments and protectedSettings.configurationArguments: the DSC extension fails with \"Found duplicate arguments '{{name}}' in both public and protected configurationArguments\".",
      argumentsArray:
        'protectedSettings.configurationArguments is an array; it must be an object of argument names and values, or the DSC extension fails with "Invalid configurationArguments type".',
      argumentsNotObject:
        'protectedSettings.configurationArguments is {{value}}; it must be an object of argument names and values, or the DSC extension fails with "Invalid configurationArguments type".',
      withKeyVault: 'protectedSettingsFromKeyVault beside protectedSettings: an extension takes one or the other, not both.',
      renameKey: "Rename '{{key}}' to '{{suggestion}}'.",
      argumentsToObject: 'Turn the Name/Value pairs into an object of argument names and values.',
    },
    schema: [],
  },
  create(context) {
    const { model, source } = context;

    function checkKeys(dsc: DscExtension): void {
      for (const property of dsc.protectedSettings?.properties ?? []) {
        const key = property.key.value;
        const verdict = classifyKey('protectedSettings', key);
        const at = reportAt(dsc, property.key);
        if (verdict.kind === 'misplaced' && !verdict.registration) {
          context.report({ ...at, messageId: 'misplacedKey', data: { key, belongs: verdict.belongs } });
        } else if (verdict.kind === 'typo' && verdict.belongs === undefined) {
          const rename = renameKeyFix(dsc.protectedSettings!, property, verdict.suggestion);
          const data = { key, suggestion: verdict.suggestion };
          context.report({ ...at, messageId: 'didYouMean', data, suggest: rename ? [{ messageId: 'renameKey', data, fix: rename }] : [] });
        } else if (verdict.kind !== 'known' && verdict.kind !== 'legacy') {
          // An argument name (a registration argument too), or a key close only to something
          // that belongs elsewhere: either way it is not passed to the configuration (§2, M9).
          context.report({ ...at, messageId: 'notPassed', data: { key } });
        }
      }
    }

    function checkDuplicateArguments(dsc: DscExtension): void {
      const publicNames = new Set(dsc.configurationArguments.filter((a) => a.source === 'settings').map((a) => a.name.toLowerCase()));
      for (const argument of dsc.configurationArguments) {
        if (argument.source !== 'protectedSettings' || !publicNames.has(argument.name.toLowerCase())) continue;
        context.report({ ...reportAt(dsc, argument.nameNode), messageId: 'duplicateArgument', data: { name: argument.name } });
      }
    }

    function checkArguments(dsc: DscExtension): void {
      const shape = argumentsShape(model, getValue(dsc.protectedSettings, 'configurationArguments'));
      if (shape?.problem === 'array') {
        const convert = pairsToObjectFix(source, shape.node);
        context.report({ ...reportAt(dsc, shape.node), messageId: 'argumentsArray', suggest: convert ? [{ messageId: 'argumentsToObject', fix: convert }] : [] });
      } else if (shape) {
        context.report({ ...reportAt(dsc, shape.node), messageId: 'argumentsNotObject', data: { value: shape.shown } });
      }
    }

    /** True when a node is known to hold a non-empty object (an expression may still pick null at deploy time). */
    function holdsObject(node: JsonValue | undefined): boolean {
      if (!node) return false;
      const value = model.evaluate(node);
      return value.kind === 'object' && value.members.size > 0;
    }

    /**
     * "The extension can contain either protectedSettings or protectedSettingsFromKeyVault or no
     * protected settings at all" (§5.2). Reported only when both are known to be set.
     */
    function checkKeyVault(dsc: DscExtension): void {
      const keyVault = getProperty(dsc.extension.properties, 'protectedSettingsFromKeyVault');
      if (!keyVault || !holdsObject(keyVault.value) || !holdsObject(dsc.protectedSettingsProperty?.value)) return;
      context.report({ ...reportAt(dsc, keyVault.key), messageId: 'withKeyVault' });
    }

    return {
      dscExtension(dsc) {
        checkKeys(dsc);
        checkDuplicateArguments(dsc);
        checkArguments(dsc);
        checkKeyVault(dsc);
      },
    };
  },
});
