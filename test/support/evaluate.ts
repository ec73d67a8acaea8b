import { Evaluator, type AbstractValue, type Origin } from '../../src/expression';
import { collectTemplates } from '../../src/model/templates';
import type { Template } from '../../src/model';
import { parseSource, type JsonString } from '../../src/parse';

/** A JSON string node holding `value`, as it would appear in a template. */
function stringNode(value: string): JsonString {
  const root = parseSource(JSON.stringify(value)).root;
  if (root?.kind !== 'string') throw new Error('not a string');
  return root;
}

/**
 * Parse `template` (a plain object standing for a template file) and evaluate string values
 * such as "[concat(...)]" in the scope of one of its templates (0 = root, then nested ones).
 */
export function templateEvaluator(template: object): { templates: Template[]; evaluate(value: string, templateIndex?: number): AbstractValue } {
  const source = parseSource(JSON.stringify(template, null, 2));
  if (source.errors.length > 0 || source.root?.kind !== 'object') throw new Error('the test template does not parse');
  const { templates } = collectTemplates(source.root);
  const evaluator = new Evaluator();
  return {
    templates,
    evaluate: (value, templateIndex = 0) => evaluator.evaluate(stringNode(value), templates[templateIndex]!.scope),
  };
}

export const parameter = (name: string): Origin => ({ kind: 'parameter', name });
export const variable = (name: string): Origin => ({ kind: 'variable', name });
