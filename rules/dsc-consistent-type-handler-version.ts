import { displayValue, knownString, quoted } from '../src/expression';
import { defineRule } from '../src/engine';
import { CONSISTENCY_DEFAULTS, CONSISTENCY_SCHEMA, consistencyRule } from './shared/consistency';

const isVersion = (text: string): boolean => /^\d+(\.\d+)*$/.test(text);

/** Ranks versions for ties: the higher version wins; any version beats text that is not one. */
function compareVersions(a: string, b: string): number {
  if (!isVersion(a) || !isVersion(b)) return Number(isVersion(a)) - Number(isVersion(b)) || b.localeCompare(a);
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** "2.09" and "2.9" are the same version; a JSON number 2.20 is what ARM sees: 2.2. */
function normalizeVersion(text: string): string {
  return isVersion(text) ? text.split('.').map(Number).join('.') : text;
}

const consistency = consistencyRule({
  observe(dsc, context) {
    const node = dsc.typeHandlerVersion?.value;
    if (!node) return undefined;
    const value = context.model.evaluate(node);
    const text = value.kind === 'number' ? String(value.value) : knownString(value)?.trim();
    if (!text) return undefined;
    const normalized = normalizeVersion(text);
    const shown = value.secret ? displayValue(value) : quoted(normalized);
    return { value: normalized, shown, filePath: context.filePath, location: context.source.locationOfNode(node) };
  },
  prefer: compareVersions,
  // Only a version can be newer; text that is not one is just different.
  isBetter: (value, expected) => isVersion(value) && isVersion(expected) && compareVersions(value, expected) > 0,
});

export default defineRule({
  meta: {
    id: 'dsc-consistent-type-handler-version',
    type: 'suggestion',
    severity: 'warn',
    docs: { description: 'Require every DSC extension in a file (or in the run) to use the same typeHandlerVersion.' },
    messages: {
      differs: 'typeHandlerVersion {{value}} differs from {{expected}}, which {{count}} other DSC extension(s) use (first at {{where}}).',
      betterThanCommon:
        'typeHandlerVersion {{value}} is newer than {{expected}}, which {{count}} other DSC extension(s) use (first at {{where}}); raise those to {{value}} rather than lowering this one.',
    },
    schema: CONSISTENCY_SCHEMA,
    defaultOptions: CONSISTENCY_DEFAULTS,
  },
  create: consistency.create,
  finishRun: consistency.finishRun,
});
