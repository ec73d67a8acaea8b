import { defineRule } from '../src/engine';
import { getProperty } from '../src/parse';
import { booleanMeaning, describeValue, reportedAt } from './shared/values';

/**
 * Automatic extension upgrade covers only the extensions Microsoft enrolled, and the DSC
 * extension is not one of them (DSC reference §4.3).
 */
export default defineRule({
  meta: {
    id: 'dsc-automatic-upgrade',
    type: 'problem',
    severity: 'warn',
    docs: { description: 'Disallow enableAutomaticUpgrade: true on a DSC extension, which is not enrolled in automatic extension upgrade.' },
    messages: {
      notSupported:
        'enableAutomaticUpgrade is {{value}}{{source}}, but the DSC extension is not enrolled in automatic extension upgrade, so the deployment can be refused; remove it and use autoUpgradeMinorVersion: true for newer minor versions.',
    },
    schema: [],
  },
  create(context) {
    const { model } = context;
    return {
      dscExtension(dsc) {
        const node = getProperty(dsc.extension.properties, 'enableAutomaticUpgrade')?.value;
        if (!node) return;
        const value = model.evaluate(node);
        if (booleanMeaning(value) !== true) return;
        context.report({ ...reportedAt(dsc.extension, node), messageId: 'notSupported', data: describeValue(model, node, value) });
      },
    };
  },
});
