import { dirname, relative } from 'node:path';
import type { RuleModule, RuleSetting } from '../engine';
import { readTemplateFile } from '../files/read';
import { parseSource, toPlain, type JsonObject, type JsonValue } from '../parse';
import { closestName } from '../text/did-you-mean';
import { ConfigError, PRESETS, settingFromEntry, unknownRule, type Preset } from './rule-settings';

/** The names armdsc-lint looks for in each directory, in this order. */
export const CONFIG_FILE_NAMES = ['.armdsclintrc.json', '.armdsclintrc.jsonc'];

/** A config file as read and checked: data only (a config is never code). */
export interface ConfigFile {
  path: string;
  /** Globs in it are relative to this directory. */
  directory: string;
  root: boolean;
  extends: Preset | undefined;
  rules: Map<string, RuleSetting>;
  overrides: Array<{ files: string[]; rules: Map<string, RuleSetting> }>;
  ignores: string[];
  parameters: ParameterSettings;
}

/** How templates get parameter values from parameter files. */
export interface ParameterSettings {
  /** Pair `<name>.parameters.json` with `<name>.json` in the same folder (default true). */
  pairing?: boolean;
  /** Template glob (relative to the config) → parameters file (relative to the config). */
  files: Array<{ template: string; parameters: string }>;
}

const TOP_LEVEL_KEYS = ['$schema', 'root', 'extends', 'rules', 'overrides', 'ignores', 'parameters'];
const OVERRIDE_KEYS = ['files', 'rules'];
const PARAMETER_KEYS = ['pairing', 'files'];

/**
 * Read and check a config file. Every mistake is a ConfigError naming the file, the path in it
 * and what is wrong: unknown keys (with "did you mean"), unknown rule ids, bad severities, and
 * options that fail the rule's schema.
 */
export function loadConfigFile(path: string, rules: ReadonlyMap<string, RuleModule>, cwd: string): ConfigFile {
  const shown = relative(cwd, path) || path;
  const fail = (at: string, problem: string): never => {
    throw new ConfigError(`${shown}${at ? `: ${at}` : ''}: ${problem}`);
  };
  const read = readTemplateFile(path);
  if (!read.ok) return fail('', `cannot read the config file: ${read.problem}`);
  const source = parseSource(read.file.text);
  const [error] = source.errors;
  if (error) {
    const { line, column } = source.lines.positionAt(error.offset);
    return fail('', `${error.message} at ${line}:${column}`);
  }
  const root = source.root;
  if (root?.kind !== 'object') return fail('', 'a config file holds one JSON object');

  const object = (node: JsonValue | undefined, at: string): JsonObject => (node?.kind === 'object' ? node : fail(at, 'must be an object'));
  /** Globs; an empty one would match nothing the user meant (and the matcher refuses it). */
  const globs = (node: JsonValue | undefined, at: string): string[] => {
    if (node?.kind !== 'array') return fail(at, 'must be an array of strings');
    return node.items.map((item, i) => (item.kind !== 'string' ? fail(`${at}[${i}]`, 'must be a string') : item.value || fail(`${at}[${i}]`, 'must not be empty')));
  };
  const checkKeys = (node: JsonObject, allowed: string[], at: string): void => {
    for (const property of node.properties) {
      if (allowed.includes(property.key.value)) continue;
      const guess = closestName(property.key.value, allowed);
      fail(at ? `${at}.${property.key.value}` : property.key.value, `unknown key${guess ? ` (did you mean '${guess}'?)` : `; allowed: ${allowed.join(', ')}`}`);
    }
  };
  const ruleSettings = (node: JsonValue | undefined, at: string): Map<string, RuleSetting> => {
    const settings = new Map<string, RuleSetting>();
    for (const property of object(node, at).properties) {
      const id = property.key.value;
      const rule = rules.get(id);
      if (!rule) throw unknownRule(id, rules, `${shown}: ${at}.${id}: `);
      settings.set(id, settingFromEntry(rule, toPlain(property.value), `${shown}: ${at}.${id}`));
    }
    return settings;
  };
  const valueOf = (key: string): JsonValue | undefined => root.properties.find((p) => p.key.value === key)?.value;

  checkKeys(root, TOP_LEVEL_KEYS, '');
  const rootValue = valueOf('root');
  if (rootValue && rootValue.kind !== 'boolean') fail('root', 'must be true or false');
  const extendsValue = valueOf('extends');
  let preset: Preset | undefined;
  if (extendsValue) {
    if (extendsValue.kind !== 'string' || !PRESETS.includes(extendsValue.value as Preset)) fail('extends', `must be one of ${PRESETS.map((p) => `"${p}"`).join(', ')}`);
    preset = (extendsValue as { value: Preset }).value;
  }
  const overridesValue = valueOf('overrides');
  const overrides: ConfigFile['overrides'] = [];
  if (overridesValue) {
    if (overridesValue.kind !== 'array') fail('overrides', 'must be an array of { "files": [...], "rules": {...} }');
    (overridesValue as { items: JsonValue[] }).items.forEach((item, i) => {
      const at = `overrides[${i}]`;
      const override = object(item, at);
      checkKeys(override, OVERRIDE_KEYS, at);
      const files = override.properties.find((p) => p.key.value === 'files')?.value;
      if (!files) fail(`${at}.files`, 'is required: the globs this override applies to');
      const rulesValue = override.properties.find((p) => p.key.value === 'rules')?.value;
      overrides.push({ files: globs(files, `${at}.files`), rules: rulesValue ? ruleSettings(rulesValue, `${at}.rules`) : new Map() });
    });
  }
  const parametersValue = valueOf('parameters');
  const parameters: ParameterSettings = { files: [] };
  if (parametersValue) {
    const node = object(parametersValue, 'parameters');
    checkKeys(node, PARAMETER_KEYS, 'parameters');
    const pairing = node.properties.find((p) => p.key.value === 'pairing')?.value;
    if (pairing) parameters.pairing = pairing.kind === 'boolean' ? pairing.value : fail('parameters.pairing', 'must be true or false');
    const files = node.properties.find((p) => p.key.value === 'files')?.value;
    for (const property of files ? object(files, 'parameters.files').properties : []) {
      if (!property.key.value) fail('parameters.files', 'a template glob must not be empty');
      if (property.value?.kind !== 'string' || !property.value.value) fail(`parameters.files.${property.key.value}`, 'must be the path of a parameters file');
      parameters.files.push({ template: property.key.value, parameters: (property.value as { value: string }).value });
    }
  }
  const rulesValue = valueOf('rules');
  const ignoresValue = valueOf('ignores');
  return {
    path,
    directory: dirname(path),
    root: rootValue?.kind === 'boolean' && rootValue.value,
    extends: preset,
    rules: rulesValue ? ruleSettings(rulesValue, 'rules') : new Map(),
    overrides,
    ignores: ignoresValue ? globs(ignoresValue, 'ignores') : [],
    parameters,
  };
}
