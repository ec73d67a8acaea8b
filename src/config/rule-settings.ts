import Ajv, { type ValidateFunction } from 'ajv';
import type { RuleModule, RuleSetting, Severity } from '../engine';

/** A configuration mistake the user must fix: reported in one line, exit code 2. */
export class ConfigError extends Error {}

/** What a user writes for a rule: a severity, or `[severity, ...options]`. */
export type RuleEntry = unknown;

const SEVERITIES: Record<string, Severity> = { off: 0, warn: 1, error: 2, '0': 0, '1': 1, '2': 2 };

function severityOf(value: unknown): Severity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  // Own keys only: 'constructor' or 'toString' must not find the object's prototype.
  return Object.hasOwn(SEVERITIES, String(value)) ? SEVERITIES[String(value)] : undefined;
}

const ajv = new Ajv({ allErrors: false, strict: false });
const validators = new WeakMap<RuleModule, ValidateFunction>();

/** Validates a rule's options array: position i against meta.schema[i], nothing beyond. */
function optionsValidator(rule: RuleModule): ValidateFunction {
  let validate = validators.get(rule);
  if (!validate) {
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

/** One rule's setting from a user entry, validated against the rule's option schema. */
export function settingFromEntry(rule: RuleModule, entry: RuleEntry): RuleSetting {
  const [severityValue, ...options] = Array.isArray(entry) ? entry : [entry];
  const severity = severityOf(severityValue);
  if (severity === undefined) {
    throw new ConfigError(`Invalid severity ${JSON.stringify(severityValue)} for rule '${rule.meta.id}': use "off", "warn" or "error"`);
  }
  const validate = optionsValidator(rule);
  if (!validate(options)) {
    const [error] = validate.errors ?? [];
    const where = error?.instancePath ? ` at ${error.instancePath}` : '';
    throw new ConfigError(`Invalid options for rule '${rule.meta.id}'${where}: ${error?.message ?? 'not allowed'}`);
  }
  return { severity, options: withDefaults(options, rule.meta.defaultOptions) };
}

/** The recommended setting of every rule: its default severity (off when not recommended) and default options. */
export function recommendedSettings(rules: ReadonlyMap<string, RuleModule>): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const [id, rule] of rules) {
    const severity = rule.meta.recommended === false ? 0 : rule.meta.severity === 'error' ? 2 : 1;
    settings.set(id, { severity, options: withDefaults([], rule.meta.defaultOptions) });
  }
  return settings;
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
    if (!rule) throw new ConfigError(`Unknown rule '${id}'. Known rules: ${[...rules.keys()].sort().join(', ')}`);
    result.set(id, settingFromEntry(rule, entry));
  }
  return result;
}

/**
 * Parse a `--rule` flag: `id:severity` or `id:[severity, options…]` (JSON), e.g.
 * `dsc-consistent-auto-upgrade:["warn",{"scope":"run"}]`.
 */
export function parseRuleFlag(flag: string): [string, RuleEntry] {
  const colon = flag.indexOf(':');
  if (colon <= 0) throw new ConfigError(`Invalid --rule '${flag}': expected rule-id:severity (off, warn or error)`);
  const id = flag.slice(0, colon).trim();
  const value = flag.slice(colon + 1).trim();
  if (!value.startsWith('[')) return [id, value];
  try {
    return [id, JSON.parse(value) as unknown];
  } catch {
    throw new ConfigError(`Invalid --rule '${flag}': the value after ':' is not a severity or a JSON array`);
  }
}
