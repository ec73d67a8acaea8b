import { defineRule } from '../src/engine';
import { reportedAt } from './shared/values';

/** Every DSC extension is a migration to plan: the extension retires (DSC reference §8). */
export default defineRule({
  meta: {
    id: 'dsc-extension-retirement',
    type: 'suggestion',
    severity: 'warn',
    // A notice about every DSC extension, not a mistake: off unless asked for.
    recommended: false,
    docs: { description: 'Report every DSC extension, since the DSC extension retires on 2028-03-31.' },
    messages: {
      retiring: 'The DSC extension retires on 2028-03-31; plan to move this configuration to Azure Machine Configuration, its successor.',
    },
    schema: [],
  },
  create(context) {
    return {
      dscExtension(dsc) {
        // The type "DSC" is what makes the extension a DSC extension.
        context.report({ ...reportedAt(dsc.extension, dsc.type), messageId: 'retiring' });
      },
    };
  },
});
