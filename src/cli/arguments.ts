import { parseArgs } from 'node:util';
import { closestName } from '../text/did-you-mean';

/** A mistake in how the CLI was called: one line on stderr, exit code 2. */
export class UsageError extends Error {}

interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** A string option that may be repeated: every value is kept (otherwise the last one wins, as in ESLint). */
  multiple?: boolean;
  /** A boolean that also has a --no-… form. */
  negatable?: boolean;
  value?: string;
  describe: string;
  group: string;
}

/**
 * The options, in the order --help shows them. Node's own util.parseArgs splits the command
 * line (it costs nothing to load, where a full CLI framework took a third of a one-file run);
 * this table adds what it lacks on Node 20: --no-… forms, readable errors, the help text.
 */
export const OPTIONS: readonly OptionSpec[] = [
  { group: 'Configuration', name: 'config', short: 'c', type: 'string', value: 'file', describe: 'Use this config file instead of looking for .armdsclintrc.json(c)' },
  { group: 'Configuration', name: 'config-lookup', type: 'boolean', negatable: true, describe: '--no-config-lookup: ignore config files' },
  { group: 'Configuration', name: 'rule', type: 'string', multiple: true, value: 'rule', describe: "Set rules: 'id: warn', 'id: [warn, {scope: run}]', 'a: off, b: error' (repeatable)" },
  { group: 'Configuration', name: 'ignore-pattern', type: 'string', multiple: true, value: 'glob', describe: 'Do not lint files matching this glob, relative to the current directory (repeatable)' },
  { group: 'Configuration', name: 'ignore', type: 'boolean', negatable: true, describe: "--no-ignore: lint what config files' ignores and --ignore-pattern would skip" },
  { group: 'Configuration', name: 'warn-ignored', type: 'boolean', negatable: true, describe: '--no-warn-ignored: no notice for a named file that the ignores skip' },
  { group: 'Configuration', name: 'parameters', type: 'string', multiple: true, value: 'file', describe: 'A parameters file, matched to the template of the same name (repeatable)' },
  { group: 'Configuration', name: 'inline-config', type: 'boolean', negatable: true, describe: '--no-inline-config: ignore suppression comments and metadata' },
  { group: 'Configuration', name: 'report-unused-disable-directives', type: 'boolean', describe: 'Report suppression comments that silence nothing (as errors)' },
  { group: 'Configuration', name: 'report-unused-disable-directives-severity', type: 'string', value: 'off|warn|error', describe: 'Report them at this severity instead (also 0, 1, 2)' },
  { group: 'Output', name: 'format', short: 'f', type: 'string', multiple: true, value: 'name[=file]', describe: 'stylish (default), json, compact, unix, github, junit, sarif, or a formatter module path; name=file writes that format to a file too (repeatable)' },
  { group: 'Output', name: 'output-file', short: 'o', type: 'string', value: 'file', describe: 'Write the report to this file instead of standard output' },
  { group: 'Output', name: 'quiet', type: 'boolean', describe: 'Report errors only: rules set to warn do not run' },
  { group: 'Output', name: 'max-warnings', type: 'string', value: 'n', describe: 'Exit with code 1 when there are more than n warnings (default -1: no limit)' },
  { group: 'Output', name: 'color', type: 'boolean', negatable: true, describe: 'Force colour on or off (--no-color); NO_COLOR always turns it off' },
  { group: 'Fixing', name: 'fix', type: 'boolean', describe: 'Fix problems and write the files' },
  { group: 'Fixing', name: 'fix-dry-run', type: 'boolean', describe: 'Compute fixes without writing them (see them with --format json)' },
  { group: 'Fixing', name: 'fix-type', type: 'string', multiple: true, value: 'type', describe: 'Only fix these: problem, suggestion, layout, directive (comma-separated or repeatable)' },
  { group: 'Input', name: 'stdin', type: 'boolean', describe: 'Lint the template on standard input' },
  { group: 'Input', name: 'stdin-filename', type: 'string', value: 'path', describe: 'The path standard input stands for (config, messages)' },
  { group: 'Input', name: 'error-on-unmatched-pattern', type: 'boolean', negatable: true, describe: '--no-error-on-unmatched-pattern: a pattern that matches nothing is not an error' },
  { group: 'Run', name: 'cache', type: 'boolean', describe: 'Reuse the results of unchanged files from the last run' },
  { group: 'Run', name: 'cache-location', type: 'string', value: 'path', describe: 'The cache file, or a directory for .armdsclintcache' },
  { group: 'Run', name: 'cache-strategy', type: 'string', value: 'metadata|content', describe: 'A file is unchanged when its size and time (default), or its content, are' },
  { group: 'Run', name: 'concurrency', type: 'string', value: 'n|auto|off', describe: 'Worker threads (default auto: only for large runs)' },
  { group: 'Run', name: 'exit-on-fatal-error', type: 'boolean', describe: 'Exit with code 2 when a file cannot be parsed or read' },
  { group: 'Information', name: 'print-config', type: 'string', value: 'file', describe: 'Print the configuration that applies to a file, and exit' },
  { group: 'Information', name: 'list-rules', type: 'boolean', describe: 'List the rules (with --format json: as JSON), and exit' },
  { group: 'Information', name: 'env-info', type: 'boolean', describe: 'Print the versions of armdsc-lint, Node.js and the system, and exit' },
  { group: 'Information', name: 'debug', type: 'boolean', describe: 'Show stack traces of internal errors' },
  { group: 'Information', name: 'version', short: 'v', type: 'boolean', describe: 'Print the version' },
  { group: 'Information', name: 'help', short: 'h', type: 'boolean', describe: 'Show this help' },
];

export type ParsedOptions = Record<string, string | string[] | boolean | undefined>;

/** Options by name (booleans true/false, strings, arrays for repeatable ones) and the patterns. */
export function parseArguments(argv: readonly string[]): { options: ParsedOptions; patterns: string[] } {
  const byName = new Map(OPTIONS.map((spec) => [spec.name, spec]));
  const config = Object.fromEntries(OPTIONS.map((spec) => [spec.name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]));
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: [...argv], options: config, strict: false, allowPositionals: true, tokens: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options: ParsedOptions = {};
  const patterns: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      patterns.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const given = token.rawName;
    let spec = byName.get(token.name);
    let value: string | boolean | undefined = token.value;
    if (!spec && token.name.startsWith('no-') && byName.get(token.name.slice(3))?.negatable && value === undefined) {
      spec = byName.get(token.name.slice(3))!;
      value = false;
    }
    if (!spec) {
      const guess = closestName(token.name, [...byName.keys(), ...OPTIONS.filter((o) => o.negatable).map((o) => `no-${o.name}`)]);
      throw new UsageError(`Unknown option: ${given}${guess ? ` (did you mean --${guess}?)` : ''}`);
    }
    if (spec.type === 'boolean') {
      if (typeof value === 'string') throw new UsageError(`${given} takes no value, but was given '${value}'`);
      options[spec.name] = value ?? true;
    } else {
      // An empty value ('--config=', '-o ""') is as good as none: it would name the current directory, or nothing.
      if (value === undefined || value === '') throw new UsageError(`${given} needs a value (${spec.value})`);
      if (spec.multiple) options[spec.name] = [...((options[spec.name] as string[] | undefined) ?? []), value as string];
      else options[spec.name] = value;
    }
  }
  return { options, patterns };
}

/** Where --help's descriptions start, after the two spaces of indent. */
const HELP_COLUMN = 44;

/** The --help text, from the table. */
export function helpText(): string {
  const lines = [
    'armdsc-lint [patterns..] [options]',
    '',
    'Lint Azure Resource Manager templates for PowerShell DSC extension mistakes.',
    'Patterns are files, directories or globs; without any, every *.json and *.jsonc below the current directory.',
  ];
  let group = '';
  for (const spec of OPTIONS) {
    if (spec.group !== group) {
      group = spec.group;
      lines.push('', `${group}:`);
    }
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.value ? ` <${spec.value}>` : ''}`;
    // A flag too long for the column gets its description on the line below.
    if (flag.length < HELP_COLUMN) lines.push(`  ${flag.padEnd(HELP_COLUMN)}${spec.describe}`);
    else lines.push(`  ${flag}`, `  ${''.padEnd(HELP_COLUMN)}${spec.describe}`);
  }
  lines.push('', 'Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error, or an internal error.');
  return `${lines.join('\n')}\n`;
}
