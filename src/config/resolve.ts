import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type Picomatch from 'picomatch';
import type { RuleModule, RuleSetting } from '../engine';
import { CONFIG_FILE_NAMES, loadConfigFile, type ConfigFile } from './config-file';
import { applyRuleEntries, presetSettings, type RuleEntry } from './rule-settings';

export interface ConfigOptions {
  cwd: string;
  rules: ReadonlyMap<string, RuleModule>;
  /** --config: this file replaces discovery. */
  configFile?: string;
  /** Look for config files from each linted file's directory upward (false: --no-config-lookup). */
  lookup: boolean;
  /** --rule entries, applied over every config. */
  cliRules: ReadonlyArray<[string, RuleEntry]>;
  /** --ignore-pattern globs, relative to the cwd. */
  ignorePatterns: readonly string[];
  /** --quiet: rules that would warn do not run. */
  dropWarnings?: boolean;
}

/** The resolved configuration of one file. */
export interface ResolvedConfig {
  settings: Map<string, RuleSetting>;
  /** Equal for two files exactly when their settings are equal (for workers and the cache). */
  key: string;
  /** The config files that applied, farthest first. */
  configFiles: string[];
  /** Parameter files named for this template in a config, and whether automatic pairing is on. */
  parameterFiles: string[];
  pairParameterFiles: boolean;
}

type Matcher = (path: string) => boolean;

/**
 * Resolves each file's settings from the config files above it (ESLint's cascade): from the
 * farthest to the nearest — stopping at a config with `"root": true` or the filesystem root —
 * each config's `extends` starts from a preset, its `rules` apply, then its `overrides` whose
 * `files` match; `--rule` entries apply last. Config files are read once per run.
 */
export class ConfigResolver {
  private readonly chains = new Map<string, ConfigFile[]>();
  private readonly loaded = new Map<string, ConfigFile>();
  private readonly matchers = new Map<string, Matcher>();
  /** Resolved configs by what decides them, so files under the same configs share one. */
  private readonly resolved = new Map<string, ResolvedConfig>();
  private readonly explicit: ConfigFile | undefined;

  constructor(private readonly options: ConfigOptions) {
    // Checked up front: a broken --config or --rule is a usage error before anything is linted.
    this.explicit = options.configFile ? this.load(resolve(options.cwd, options.configFile)) : undefined;
    applyRuleEntries(new Map(), options.rules, options.cliRules);
  }

  resolve(filePath: string): ResolvedConfig {
    const chain = this.chainFor(filePath);
    // What decides the result: the configs, and which of their globs match this file.
    const matched: Array<{ config: ConfigFile; overrides: ConfigFile['overrides']; parameterFiles: string[] }> = chain.map((config) => {
      const path = relative(config.directory, filePath);
      return {
        config,
        overrides: config.overrides.filter((override) => this.matches(override.files, path)),
        parameterFiles: config.parameters.files.filter((pair) => this.matches([pair.template], path)).map((pair) => resolve(config.directory, pair.parameters)),
      };
    });
    const cacheKey = JSON.stringify(matched.map((m) => [m.config.path, m.overrides.map((o) => m.config.overrides.indexOf(o)), m.parameterFiles]));
    let resolved = this.resolved.get(cacheKey);
    if (!resolved) {
      resolved = this.compute(matched);
      this.resolved.set(cacheKey, resolved);
    }
    return resolved;
  }

  private compute(matched: Array<{ config: ConfigFile; overrides: ConfigFile['overrides']; parameterFiles: string[] }>): ResolvedConfig {
    let settings = presetSettings(this.options.rules);
    const parameterFiles: string[] = [];
    let pairParameterFiles = true;
    for (const { config, overrides, parameterFiles: files } of matched) {
      if (config.extends) settings = presetSettings(this.options.rules, config.extends);
      for (const [id, setting] of config.rules) settings.set(id, setting);
      for (const override of overrides) for (const [id, setting] of override.rules) settings.set(id, setting);
      if (config.parameters.pairing !== undefined) pairParameterFiles = config.parameters.pairing;
      parameterFiles.push(...files);
    }
    settings = applyRuleEntries(settings, this.options.rules, this.options.cliRules);
    if (this.options.dropWarnings) for (const [id, setting] of settings) if (setting.severity === 1) settings.set(id, { ...setting, severity: 0 });
    return { settings, key: JSON.stringify([...settings]), configFiles: matched.map((m) => m.config.path), parameterFiles, pairParameterFiles };
  }

  /** Ignored by a config's `ignores` (relative to that config) or by --ignore-pattern (relative to the cwd). */
  isIgnored(filePath: string): boolean {
    if (this.matches(this.options.ignorePatterns, relative(this.options.cwd, filePath))) return true;
    return this.chainFor(filePath).some((config) => this.matches(config.ignores, relative(config.directory, filePath)));
  }

  private chainFor(filePath: string): ConfigFile[] {
    if (this.explicit) return [this.explicit];
    if (!this.options.lookup) return [];
    return this.chainOf(dirname(filePath));
  }

  /** The configs that apply in `directory`, farthest first. */
  private chainOf(directory: string): ConfigFile[] {
    const cached = this.chains.get(directory);
    if (cached) return cached;
    const name = CONFIG_FILE_NAMES.find((candidate) => existsSync(join(directory, candidate)));
    const own = name ? this.load(join(directory, name)) : undefined;
    const parent = dirname(directory);
    const above = own?.root || parent === directory ? [] : this.chainOf(parent);
    const chain = own ? [...above, own] : above;
    this.chains.set(directory, chain);
    return chain;
  }

  private load(path: string): ConfigFile {
    let config = this.loaded.get(path);
    if (!config) {
      config = loadConfigFile(path, this.options.rules, this.options.cwd);
      this.loaded.set(path, config);
    }
    return config;
  }

  /** picomatch globs (a pattern ending in '/' means everything in that folder); dot files match. */
  private matches(patterns: readonly string[], path: string): boolean {
    if (patterns.length === 0 || path.startsWith('..')) return false;
    const normalized = path.split('\\').join('/');
    return patterns.some((pattern) => {
      let matcher = this.matchers.get(pattern);
      if (!matcher) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a config uses globs
        const picomatch = require('picomatch') as typeof Picomatch;
        matcher = picomatch(pattern.endsWith('/') ? `${pattern}**` : pattern, { dot: true });
        this.matchers.set(pattern, matcher);
      }
      return matcher(normalized);
    });
  }
}
