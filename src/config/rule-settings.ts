import type { ValidateFunction } from 'ajv';
import type { RuleModule, RuleSetting, Severity } from '../engine';
import { closestName } from '../text/did-you-mean';

/** A configuration mistake the user must fix: reported in one line, exit code 2. */
export class ConfigError extends Error {}

/** What a user writes for a rule: a severity, or `[severity, ...options]`. */
export type RuleEntry = unknown;

const SEVERITIES: Record<string, Severity> = { off: 0, warn: 1, error: 2, '0': 0, '1': 1, '2': 2 };

/** The severity a name or number stands for (`off`/`warn`/`error`, 0–2), if any. */
export function severityOf(value: unknown): Severity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  // Own keys only: 'constructor' or 'toString' must not find the object's prototype.
  return Object.hasOwn(SEVERITIES, String(value)) ? SEVERITIES[String(value)] : undefined;
}

let ajv: import('ajv').default | undefined;
const validators = new WeakMap<RuleModule, ValidateFunction>();

/**
 * Validates a rule's options array: position i against meta.schema[i], nothing beyond. ajv is
 * loaded on first use: a run without rule options never needs it.
 */
function optionsValidator(rule: RuleModule): ValidateFunction {
  let validate = validators.get(rule);
  if (!validate) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
    ajv ??= new (require('ajv') as typeof import('ajv')).default({ allErrors: false, strict: false });
    const { schema } = rule.meta;
    validate = ajv.compile(schema.length === 0 ? { type: 'array', maxItems: 0 } : { type: 'array', items: schema, maxItems: schema.length });
    validators.set(rule, validate);
  }
  return validate;
}

/** Fill option defaults: an object option takes the default's keys it does not set. */
function withDefaults(options: unknown[], defaults: unknown[] | undefined): unknown[] {
  const result = [...options];
  (defaults ?? []).forEach((fallback, i) => {
    const given = result[i];
    if (given === undefined) result[i] = fallback;
    else if (isPlainObject(given) && isPlainObject(fallback)) result[i] = { ...fallback, ...given };
  });
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One rule's setting from a user entry, validated against the rule's option schema. `where`
 * names the entry in messages (a config file and the path in it), the rule id when omitted.
 */
export function settingFromEntry(rule: RuleModule, entry: RuleEntry, where = `rule '${rule.meta.id}'`): RuleSetting {
  const [severityValue, ...options] = Array.isArray(entry) ? entry : [entry];
  const severity = severityOf(severityValue);
  if (severity === undefined) {
    throw new ConfigError(`Invalid severity ${JSON.stringify(severityValue)} for ${where}: use "off", "warn" or "error"`);
  }
  const validate = options.length > 0 ? optionsValidator(rule) : undefined;
  if (validate && !validate(options)) {
    const [error] = validate.errors ?? [];
    const at = error?.instancePath ? ` at ${error.instancePath}` : '';
    throw new ConfigError(`Invalid options for ${where}${at}: ${error?.message ?? 'not allowed'}`);
  }
  return { severity, options: withDefaults(options, rule.meta.defaultOptions) };
}

/** "Unknown rule 'x'" with the closest known id, as one line. */
export function unknownRule(id: string, rules: ReadonlyMap<string, RuleModule>, where = ''): ConfigError {
  const guess = closestName(id, rules.keys());
  const hint = guess ? ` (did you mean '${guess}'?)` : `. Known rules: ${[...rules.keys()].sort().join(', ')}`;
  return new ConfigError(`${where}Unknown rule '${id}'${hint}`);
}

/** The two presets a config can extend. */
export type Preset = 'armdsc-lint:recommended' | 'armdsc-lint:all';
export const PRESETS: readonly Preset[] = ['armdsc-lint:recommended', 'armdsc-lint:all'];

/**
 * A preset's setting of every rule, with default options. `recommended`: each rule at its
 * severity, off when it is not recommended; `all`: every rule on at its severity.
 */
export function presetSettings(rules: ReadonlyMap<string, RuleModule>, preset: Preset = 'armdsc-lint:recommended'): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const [id, rule] of rules) {
    const off = preset === 'armdsc-lint:recommended' && rule.meta.recommended === false;
    settings.set(id, { severity: off ? 0 : rule.meta.severity === 'error' ? 2 : 1, options: withDefaults([], rule.meta.defaultOptions) });
  }
  return settings;
}

/** The recommended setting of every rule: its default severity (off when not recommended) and default options. */
export function recommendedSettings(rules: ReadonlyMap<string, RuleModule>): Map<string, RuleSetting> {
  return presetSettings(rules, 'armdsc-lint:recommended');
}

/** Apply user entries on top of settings; an unknown rule id is a ConfigError. */
export function applyRuleEntries(
  settings: ReadonlyMap<string, RuleSetting>,
  rules: ReadonlyMap<string, RuleModule>,
  entries: ReadonlyArray<[string, RuleEntry]>,
): Map<string, RuleSetting> {
  const result = new Map(settings);
  for (const [id, entry] of entries) {
    const rule = rules.get(id);
    if (!rule) throw unknownRule(id, rules);
    result.set(id, settingFromEntry(rule, entry));
  }
  return result;
}

/**
 * Parse a `--rule` flag as ESLint does (levn): `id: severity`, `id: [severity, {option: value}]`,
 * several rules in one flag (`a: off, b: warn`), or JSON (`id:["warn",{"scope":"run"}]`).
 */
export function parseRuleFlag(flag: string): Array<[string, RuleEntry]> {
  // The common `id:severity` needs no parser (and keeps ids such as 'toString' plain data).
  const simple = /^\s*([\w./-]+)\s*:\s*([\w-]+)\s*$/.exec(flag);
  if (simple) return [[simple[1]!, simple[2]!]];
  let parsed: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- levn is loaded only when --rule is used
    parsed = (require('levn') as typeof import('levn')).parse('Object', flag);
  } catch {
    throw new ConfigError(`Invalid --rule '${flag}': expected rule-id: severity (off, warn or error), or rule-id: [severity, {options}]`);
  }
  if (!isPlainObject(parsed) || Object.keys(parsed).length === 0) {
    throw new ConfigError(`Invalid --rule '${flag}': expected rule-id: severity (off, warn or error), or rule-id: [severity, {options}]`);
  }
  return Object.entries(parsed);
}
