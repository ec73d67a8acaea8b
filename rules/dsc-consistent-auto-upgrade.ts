import { displayValue, knownString, quoted } from '../src/expression';
import { defineRule } from '../src/engine';
import { getProperty } from '../src/parse';
import { CONSISTENCY_DEFAULTS, CONSISTENCY_SCHEMA, consistencyRule } from './shared/consistency';

const consistency = consistencyRule({
  observe(dsc, context) {
    const { filePath, source } = context;
    const property = dsc.autoUpgradeMinorVersion;
    if (!property?.value) {
      // Missing means false, ARM's default; point at the extension's properties key.
      const anchor = getProperty(dsc.extension.node, 'properties')?.key ?? dsc.extension.node;
      return { value: 'false', shown: 'not set (false)', filePath, location: source.locationOfNode(anchor) };
    }
    if (property.value.kind === 'null') return { value: 'false', shown: 'null (false)', filePath, location: source.locationOfNode(property.value) };
    const value = context.model.evaluate(property.value);
    const text = value.kind === 'boolean' ? String(value.value) : knownString(value)?.trim().toLowerCase();
    if (text !== 'true' && text !== 'false') return undefined;
    const shown = value.kind === 'boolean' ? text : value.secret ? displayValue(value) : quoted(knownString(value)!);
    return { value: text, shown, filePath, location: source.locationOfNode(property.value) };
  },
  // Ties: true, the recommended value, wins.
  prefer: (a, b) => Number(a === 'true') - Number(b === 'true'),
  isBetter: (value) => value === 'true',
});

export default defineRule({
  meta: {
    id: 'dsc-consistent-auto-upgrade',
    type: 'suggestion',
    severity: 'warn',
    docs: { description: 'Require every DSC extension in a file (or in the run) to use the same autoUpgradeMinorVersion.' },
    messages: {
      differs: 'autoUpgradeMinorVersion is {{value}} here but {{expected}} in {{count}} other DSC extension(s) (first at {{where}}).',
      betterThanCommon:
        'autoUpgradeMinorVersion is {{value}} here but {{expected}} in {{count}} other DSC extension(s) (first at {{where}}); true is the recommended value, so set it on those rather than changing this one.',
    },
    schema: CONSISTENCY_SCHEMA,
    defaultOptions: CONSISTENCY_DEFAULTS,
  },
  create: consistency.create,
  finishRun: consistency.finishRun,
});
