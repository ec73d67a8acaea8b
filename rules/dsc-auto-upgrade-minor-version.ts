import { knownString } from '../src/expression';
import { defineRule, type RuleFixer } from '../src/engine';
import { getProperty } from '../src/parse';
import { knownHandlerVersion } from './shared/handler-versions';
import { booleanMeaning, describeValue, isLiteralIn, reportedAt } from './shared/values';

const WHY = 'so the extension keeps the minor version written in typeHandlerVersion and misses the fixes of later ones (such as TLS 1.2 in 2.75); set it to true';

export default defineRule({
  meta: {
    id: 'dsc-auto-upgrade-minor-version',
    type: 'suggestion',
    severity: 'warn',
    fixable: true,
    docs: { description: 'Require autoUpgradeMinorVersion to be the boolean true on every DSC extension.' },
    messages: {
      missing: `autoUpgradeMinorVersion is not set, which means false, ${WHY}.`,
      disabled: `autoUpgradeMinorVersion is {{value}}{{source}}, ${WHY}.`,
      stringBoolean: 'autoUpgradeMinorVersion is the string {{value}}{{source}}; write the boolean {{boolean}} without quotes.',
      notBoolean: 'autoUpgradeMinorVersion {{value}}{{source}} is not a boolean; set it to true.',
    },
    schema: [],
  },
  create(context) {
    const { model } = context;

    return {
      dscExtension(dsc) {
        const { extension } = dsc;
        const property = dsc.autoUpgradeMinorVersion;
        // A minor upgrade never leaves its major version, and every 1.x version was removed: turning
        // it on fixes nothing there (dsc-type-handler-version reports the version itself).
        const upgradeHelps = (knownHandlerVersion(dsc, model)?.major ?? 2) >= 2;
        if (!property) {
          if (!upgradeHelps) return;
          // Missing: the nearest existing parent is the extension's own properties key.
          const anchor = getProperty(extension.node, 'properties')?.key ?? extension.node;
          context.report({ node: anchor, messageId: 'missing' });
          return;
        }
        const node = property.value;
        if (!node) return;
        const at = reportedAt(extension, node);
        const value = model.evaluate(node);
        const data = describeValue(model, node, value);
        const meaning = booleanMeaning(value);

        if (value.kind === 'boolean' || value.kind === 'null') {
          if (meaning !== true && upgradeHelps) context.report({ ...at, messageId: 'disabled', data });
        } else if (meaning !== undefined) {
          const boolean = String(meaning);
          const fix = isLiteralIn(extension, node) ? (fixer: RuleFixer) => fixer.replaceText(node, boolean) : undefined;
          context.report({ ...at, messageId: 'stringBoolean', data: { ...data, boolean }, fix });
        } else if (value.kind === 'number' || knownString(value) !== undefined) {
          context.report({ ...at, messageId: 'notBoolean', data });
        }
      },
    };
  },
});
