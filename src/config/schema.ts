import type { RuleModule } from '../engine';
import { PRESETS } from './rule-settings';

const SEVERITY = { enum: ['off', 'warn', 'error', 0, 1, 2], description: 'off, warn or error (0, 1, 2)' };

/** The JSON Schema of one rule's entry: a severity, or [severity, ...options] per meta.schema. */
function ruleEntrySchema(rule: RuleModule): object {
  const withOptions = { type: 'array', items: false, prefixItems: [SEVERITY, ...rule.meta.schema], minItems: 1, maxItems: 1 + rule.meta.schema.length };
  return { description: `${rule.meta.docs.description}${rule.meta.docs.url ? ` ${rule.meta.docs.url}` : ''}`, oneOf: [SEVERITY, withOptions] };
}

function rulesSchema(rules: ReadonlyMap<string, RuleModule>): object {
  const properties = Object.fromEntries([...rules].sort(([a], [b]) => a.localeCompare(b)).map(([id, rule]) => [id, ruleEntrySchema(rule)]));
  return { type: 'object', properties, additionalProperties: false };
}

/**
 * The JSON Schema of .armdsclintrc.json, generated from the rules' metadata so editors complete
 * rule ids and options (schema/armdsclintrc.schema.json; `npm run schema` writes it, and a test
 * fails when it is stale).
 */
export function configSchema(rules: ReadonlyMap<string, RuleModule>): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/armdsc-lint/armdsc-lint/blob/main/schema/armdsclintrc.schema.json',
    title: 'armdsc-lint configuration (.armdsclintrc.json / .armdsclintrc.jsonc)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      root: { type: 'boolean', description: 'Stop looking for config files in the folders above this one.' },
      extends: { enum: PRESETS, description: 'Start from a preset: the recommended rules, or all rules.' },
      rules: rulesSchema(rules),
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { type: 'array', items: { type: 'string' }, description: 'Globs relative to this config file.' }, rules: rulesSchema(rules) },
        },
      },
      ignores: { type: 'array', items: { type: 'string' }, description: 'Globs (relative to this config file) of files not to lint; a pattern ending in / is a folder.' },
      parameters: {
        type: 'object',
        additionalProperties: false,
        properties: {
          pairing: { type: 'boolean', description: 'Pair <name>.parameters.json with <name>.json (default true).' },
          files: { type: 'object', additionalProperties: { type: 'string' }, description: 'Template glob → parameters file, both relative to this config file.' },
        },
      },
    },
  };
}
