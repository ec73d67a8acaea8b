import type { RunFacts } from './lint-file';
import { compareMessages, locatedMessage } from './report';
import type { LintMessage, RuleModule } from './types';

/** What one file contributes to the cross-file phase. */
export interface FileRunFacts {
  filePath: string;
  runFacts: RunFacts;
}

/** A cross-file rule that threw: reported by the caller as an internal error of the run. */
export interface RunPhaseFailure {
  ruleId: string;
  error: unknown;
}

/**
 * The cross-file phase: a pure function of every file's run facts. Each rule with a `finishRun`
 * sees what every file kept for it (in the order given), and its messages land in the files
 * they name, at that file's severity.
 */
export function runCrossFilePhase(
  rules: ReadonlyMap<string, RuleModule>,
  files: readonly FileRunFacts[],
  cwd: string,
): { messages: Map<string, LintMessage[]>; failures: RunPhaseFailure[] } {
  const messages = new Map<string, LintMessage[]>();
  const failures: RunPhaseFailure[] = [];
  const ruleIds = new Set<string>();
  for (const file of files) for (const ruleId of Object.keys(file.runFacts)) ruleIds.add(ruleId);
  for (const ruleId of [...ruleIds].sort()) {
    const rule = rules.get(ruleId);
    if (!rule?.finishRun) continue;
    const kept = files.filter((f) => Object.hasOwn(f.runFacts, ruleId)).map((f) => ({ filePath: f.filePath, severity: f.runFacts[ruleId]!.severity, data: f.runFacts[ruleId]!.data }));
    const severityOf = new Map(kept.map((k) => [k.filePath, k.severity]));
    try {
      rule.finishRun({
        cwd,
        kept: <T>() => kept as Array<{ filePath: string; data: T }>,
        report: ({ filePath, location, messageId, data }) => {
          const severity = severityOf.get(filePath);
          if (!severity) return;
          const list = messages.get(filePath) ?? [];
          list.push(locatedMessage(ruleId, severity, rule.meta, messageId, data, location));
          messages.set(filePath, list);
        },
      });
    } catch (error) {
      failures.push({ ruleId, error });
    }
  }
  for (const list of messages.values()) list.sort(compareMessages);
  return { messages, failures };
}
