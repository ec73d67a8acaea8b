import {
  appendMessages,
  fatalMessage,
  INTERNAL_ERROR,
  makeResult,
  regionCovers,
  runCrossFilePhase,
  unusedDirectiveMessage,
  type FileOutcome,
  type LintMessage,
  type LintResult,
  type RuleModule,
  type SuppressedMessage,
} from '../engine';
import type { DocumentKind } from '../model';

export interface SkippedFile {
  filePath: string;
  /** Named on the command line rather than found by a glob or directory. */
  explicit: boolean;
  /** What the file is instead of a template, or `ignored` by the configuration. */
  documentKind: DocumentKind | 'ignored';
}

export interface LintReport {
  results: LintResult[];
  /** JSON files that are not deployment templates, and files the configuration ignores. */
  skipped: SkippedFile[];
  /** Paths besides the templates that the run read or looked for: parameters files, DSC archives, the `.git` folders that mark a checkout's root. */
  referencedPaths: string[];
}

type Linted = Extract<FileOutcome, { kind: 'linted' }>;

/**
 * The end of a run, a pure function of the files' outcomes: the cross-file phase over their run
 * facts, its findings put where they land and silenced by that file's directives, directives
 * left unused by both phases reported, and findings about other files (parameters files) given
 * results of their own.
 */
export function finishRun(rules: ReadonlyMap<string, RuleModule>, outcomes: readonly FileOutcome[], cwd: string): LintReport {
  const linted = outcomes.filter((o): o is Linted => o.kind === 'linted');
  const { messages, failures } = runCrossFilePhase(
    rules,
    linted.map((o) => ({ filePath: o.result.filePath, runFacts: o.runFacts })),
    cwd,
  );
  for (const { ruleId, error } of failures) {
    // The run's internal error is reported in the first file that took part in it.
    const first = linted.find((o) => Object.hasOwn(o.runFacts, ruleId));
    if (!first) continue;
    const detail = error instanceof Error ? error.message : String(error);
    const list: LintMessage[] = messages.get(first.result.filePath) ?? [];
    list.push(fatalMessage(INTERNAL_ERROR, ruleId, `Internal error in rule '${ruleId}' comparing the files of the run: ${detail}. This is a bug in armdsc-lint.`));
    messages.set(first.result.filePath, list);
  }
  const results = linted.map((outcome) => withCrossFileMessages(outcome, messages.get(outcome.result.filePath) ?? []));
  return {
    results: withOtherFileResults(results, linted),
    skipped: outcomes.flatMap((o) => (o.kind === 'skipped' ? [{ filePath: o.filePath, explicit: o.explicit, documentKind: o.documentKind }] : [])),
    referencedPaths: referencedPaths(linted),
  };
}

/** Every path the outcomes' templates read or looked for besides themselves, once each, sorted. */
export function referencedPaths(outcomes: readonly FileOutcome[]): string[] {
  const paths = new Set<string>();
  for (const outcome of outcomes) if (outcome.kind === 'linted') for (const dependency of outcome.dependencies ?? []) paths.add(dependency.path);
  return [...paths].sort();
}

function withCrossFileMessages(outcome: Linted, crossFile: readonly LintMessage[]): LintResult {
  const regions = outcome.suppressions ?? [];
  const shown: LintMessage[] = [];
  const suppressed: SuppressedMessage[] = [];
  // Directive comments that silenced a cross-file finding, by offset (outcomes may come from a worker or the cache).
  const used = new Set<number>();
  for (const message of crossFile) {
    const ruleId = message.ruleId;
    const covering = ruleId === null ? [] : regions.filter((region) => regionCovers(region, message, ruleId));
    if (covering.length === 0) {
      shown.push(message);
      continue;
    }
    for (const region of covering) if (region.comment) used.add(region.comment.offset);
    suppressed.push({ ...message, suppressions: covering.map(({ kind, justification }) => ({ kind, justification })) });
  }
  // A directive left unused by the file's own findings may have silenced a cross-file one.
  for (const region of outcome.unusedUnlessCrossFile ?? []) if (!used.has(region.comment!.offset)) shown.push(unusedDirectiveMessage(region, outcome.unusedDirectiveSeverity ?? 2));
  const result = appendMessages(outcome.result, shown);
  return suppressed.length === 0 ? result : { ...result, suppressedMessages: [...result.suppressedMessages, ...suppressed] };
}

/** Results for files that other files' outcomes have findings about (parameters files), merged and de-duplicated. */
function withOtherFileResults(results: LintResult[], linted: readonly Linted[]): LintResult[] {
  const byFile = new Map<string, Map<string, LintMessage>>();
  for (const outcome of linted) {
    for (const { filePath, message } of outcome.otherFileMessages ?? []) {
      const list = byFile.get(filePath) ?? new Map<string, LintMessage>();
      list.set(`${message.line}:${message.column}:${message.message}`, message);
      byFile.set(filePath, list);
    }
  }
  if (byFile.size === 0) return results;
  const merged = results.map((result) => {
    const extra = byFile.get(result.filePath);
    byFile.delete(result.filePath);
    return extra ? appendMessages(result, [...extra.values()]) : result;
  });
  for (const [filePath, list] of byFile) merged.push(appendMessages(makeResult(filePath, [], () => false), [...list.values()]));
  return merged.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}
