/**
 * armdsc-lint's public API: lint template text or files with the built-in rules. The CLI is a
 * thin layer over lintFiles() and outputFixes().
 */
import { builtInRules } from '../rules';
import { applyRuleEntries, recommendedSettings, type RuleEntry } from './config/rule-settings';
import { appendMessages, Linter, type LintResult, type RuleMeta, type RuleModule, type RuleSetting } from './engine';
import { expandPatterns, readTemplateFile, writeFixedFile, type ReadFile } from './files';
import type { DocumentKind } from './model';

export { ConfigError, parseRuleFlag, type RuleEntry } from './config/rule-settings';
export { FileError } from './files';
export { RuleError } from './engine';
export type { Fix, LintMessage, LintResult, RuleMeta, RuleModule } from './engine';
export { builtInRules };

/** Where each rule's documentation page is published. */
export const DOCS_BASE_URL = 'https://github.com/armdsc-lint/armdsc-lint/blob/main/docs/rules/';

/** Built-in rules by id, each with its docs.url. */
export const rules: ReadonlyMap<string, RuleModule> = new Map(
  builtInRules.map((rule) => {
    rule.meta.docs.url ??= `${DOCS_BASE_URL}${rule.meta.id}.md`;
    return [rule.meta.id, rule];
  }),
);

/** Meta of the rules by id, as formatters receive it. */
export function rulesMeta(ids: Iterable<string> = rules.keys()): Record<string, RuleMeta> {
  const meta: Record<string, RuleMeta> = {};
  for (const id of ids) {
    const rule = rules.get(id);
    if (rule) meta[id] = rule.meta;
  }
  return meta;
}

export interface LintOptions {
  /** Rule entries over the recommended settings, e.g. `{ "dsc-sas-token": "off" }`. */
  rules?: Record<string, RuleEntry>;
  /** Compute fixed text (results carry `output`); lintFiles does not write it: see outputFixes. */
  fix?: boolean;
  /** Attach each remaining message's fix to it. */
  includeFixes?: boolean;
  /** Base for relative patterns and for paths in messages; default process.cwd(). */
  cwd?: string;
}

export interface SkippedFile {
  filePath: string;
  /** Named on the command line rather than found by a glob or directory. */
  explicit: boolean;
  documentKind: DocumentKind;
}

export interface LintReport {
  results: LintResult[];
  /** JSON files that are not deployment templates. */
  skipped: SkippedFile[];
}

/** The file each result was read from, so outputFixes can write it back safely. */
const sourcesOfResults = new WeakMap<LintResult, ReadFile>();

function resolveSettings(options: LintOptions): Map<string, RuleSetting> {
  return applyRuleEntries(recommendedSettings(rules), rules, Object.entries(options.rules ?? {}));
}

/** Lint one template text. Undefined when the text is not a deployment template. */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResult | undefined {
  const linter = new Linter(rules);
  const filePath = options.filePath ?? '<text>';
  const outcome = linter.lintText(text, { filePath, settings: resolveSettings(options), fix: options.fix, includeFixes: options.includeFixes });
  if (outcome.kind === 'skipped') return undefined;
  return appendMessages(outcome.result, linter.finishRun(options.cwd ?? process.cwd()).get(filePath) ?? []);
}

/** Lint the files matching `patterns` (files, directories, globs; none means every *.json and *.jsonc). */
export async function lintFiles(patterns: readonly string[], options: LintOptions = {}): Promise<LintReport> {
  const cwd = options.cwd ?? process.cwd();
  const settings = resolveSettings(options);
  const linter = new Linter(rules);
  const report: LintReport = { results: [], skipped: [] };
  const files = new Map<LintResult, ReadFile>();
  for (const target of await expandPatterns(patterns, cwd)) {
    const file = readTemplateFile(target.path);
    const outcome = linter.lintText(file.text, {
      filePath: target.path,
      settings,
      fix: options.fix,
      includeFixes: options.includeFixes,
      explicit: target.explicit,
    });
    if (outcome.kind === 'skipped') {
      report.skipped.push({ filePath: target.path, explicit: target.explicit, documentKind: outcome.documentKind });
      continue;
    }
    report.results.push(outcome.result);
    files.set(outcome.result, file);
  }
  const runMessages = linter.finishRun(cwd);
  report.results = report.results.map((result) => {
    const merged = appendMessages(result, runMessages.get(result.filePath) ?? []);
    sourcesOfResults.set(merged, files.get(result)!);
    return merged;
  });
  return report;
}

/** Write every result's fixed `output` back to its file; returns the paths written. */
export function outputFixes(report: LintReport): string[] {
  const written: string[] = [];
  for (const result of report.results) {
    const file = sourcesOfResults.get(result);
    if (result.output === undefined || !file) continue;
    writeFixedFile(file, result.output);
    written.push(result.filePath);
  }
  return written;
}
