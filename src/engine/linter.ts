import { buildModel, classifyDocument, type DocumentKind } from '../model';
import { parseSource, type SourceFile } from '../parse';
import { applyFixes, mergeFixes } from './fixes';
import { compareMessages, locatedMessage, makeResult, parseErrorMessages, type PendingMessage } from './report';
import { RuleFixer } from './rule-fixer';
import { traverse } from './traverse';
import type { LintMessage, LintResult, RuleContext, RuleModule, RuleSetting } from './types';

/** ESLint's limit: fixes can enable other fixes, but not forever. */
const MAX_FIX_PASSES = 10;

export interface LintTextOptions {
  filePath: string;
  /** Rule id → severity and options for this file; rules missing or at severity 0 do not run. */
  settings: ReadonlyMap<string, RuleSetting>;
  /** Apply fixes (result.output holds the fixed text when it changed). */
  fix?: boolean;
  /** Attach each remaining message's fix to it (JSON output, --fix-dry-run). */
  includeFixes?: boolean;
  /**
   * The user named this file: report its syntax errors even when the broken text gives no sign
   * of being a template.
   */
  explicit?: boolean;
}

export type LintOutcome = { kind: 'result'; result: LintResult } | { kind: 'skipped'; documentKind: DocumentKind };

/** A rule failed while linting a file: an internal error, reported with the rule and file. */
export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly filePath: string,
    override readonly cause: unknown,
  ) {
    super(`Rule '${ruleId}' failed on ${filePath}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Lints template texts with a set of rules. One Linter serves one run: it keeps what rules with a
 * cross-file phase need until finishRun().
 */
export class Linter {
  private readonly kept = new Map<string, Map<string, unknown>>();
  private readonly fileSettings = new Map<string, ReadonlyMap<string, RuleSetting>>();

  constructor(private readonly rules: ReadonlyMap<string, RuleModule>) {}

  lintText(text: string, options: LintTextOptions): LintOutcome {
    let source = parseSource(text);
    const documentKind = classifyDocument(source.root);
    if (documentKind !== 'template' && !(options.explicit && source.errors.length > 0)) return { kind: 'skipped', documentKind };
    this.fileSettings.set(options.filePath, options.settings);

    let pending = this.verify(source, options);
    if (options.fix) {
      const history = [text];
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const fixes = pending.filter((p) => p.computeFix).map((p) => p.computeFix!());
        const { text: fixed, applied } = applyFixes(source.text, fixes);
        // Stop when nothing applies, the result would not parse, or fixes undo each other.
        if (applied === 0 || fixed === source.text) break;
        const next = parseSource(fixed);
        if (next.errors.length > 0 || fixed === history[history.length - 2]) break;
        history.push(fixed);
        source = next;
        pending = this.verify(source, options);
      }
    }
    const fixable = new Set<LintMessage>();
    const messages = pending.map((p) => {
      const message = options.includeFixes && p.computeFix ? { ...p.message, fix: p.computeFix() } : p.message;
      if (p.computeFix) fixable.add(message);
      return message;
    });
    const result = makeResult(options.filePath, messages, (m) => fixable.has(m), source.text !== text ? source.text : undefined);
    return { kind: 'result', result };
  }

  /** Run every enabled rule over one parsed file. */
  private verify(source: SourceFile, options: LintTextOptions): PendingMessage[] {
    if (source.errors.length > 0 || source.root?.kind !== 'object') return parseErrorMessages(source);
    const model = buildModel(source, source.root);
    const fixer = new RuleFixer(source);
    const pending: PendingMessage[] = [];
    const seen = new Set<string>();
    const handlers = new Map<string, Array<{ ruleId: string; handler: (arg: never) => void }>>();

    for (const [ruleId, setting] of options.settings) {
      const rule = this.rules.get(ruleId);
      if (!rule || setting.severity === 0) continue;
      const severity = setting.severity;
      const context: RuleContext = {
        id: ruleId,
        options: setting.options,
        filePath: options.filePath,
        model,
        source,
        report: (descriptor) => {
          const location = descriptor.location ?? source.locationOfNode(descriptor.node);
          const message = locatedMessage(ruleId, severity, rule.meta, descriptor.messageId, descriptor.data, location);
          // Settings shared through a variable are reached from several extensions: report once.
          const key = `${ruleId}|${message.message}|${location.line}:${location.column}-${location.endLine}:${location.endColumn}`;
          if (seen.has(key)) return;
          seen.add(key);
          const { fix } = descriptor;
          if (fix && !rule.meta.fixable) throw new Error(`Rule '${ruleId}' reported a fix but meta.fixable is not set`);
          const computeFix = fix
            ? () => {
                const edits = fix(fixer);
                return mergeFixes(Array.isArray(edits) ? edits : [edits], source.text);
              }
            : undefined;
          pending.push({ message, computeFix });
        },
        keepForRun: (data) => {
          let byFile = this.kept.get(ruleId);
          if (!byFile) this.kept.set(ruleId, (byFile = new Map()));
          byFile.set(options.filePath, data);
        },
      };
      const listeners = this.guard(ruleId, options.filePath, () => rule.create(context));
      for (const [event, handler] of Object.entries(listeners) as Array<[string, (arg: never) => void]>) {
        const list = handlers.get(event) ?? [];
        list.push({ ruleId, handler });
        handlers.set(event, list);
      }
    }

    traverse(model, (event, ...args) => {
      for (const { ruleId, handler } of handlers.get(event) ?? []) {
        this.guard(ruleId, options.filePath, () => (handler as (...a: unknown[]) => void)(...args));
      }
    });
    return pending.sort((a, b) => compareMessages(a.message, b.message));
  }

  private guard<T>(ruleId: string, filePath: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw error instanceof RuleError ? error : new RuleError(ruleId, filePath, error);
    }
  }

  /** Run the cross-file phase of every rule that has one; messages by file path. */
  finishRun(cwd: string): Map<string, LintMessage[]> {
    const byFile = new Map<string, LintMessage[]>();
    for (const [ruleId, keptByFile] of this.kept) {
      const rule = this.rules.get(ruleId);
      if (!rule?.finishRun) continue;
      const entries = [...keptByFile].map(([filePath, data]) => ({ filePath, data }));
      this.guard(ruleId, '(all files)', () =>
        rule.finishRun!({
          cwd,
          kept: <T>() => entries as Array<{ filePath: string; data: T }>,
          report: ({ filePath, location, messageId, data }) => {
            const severity = this.fileSettings.get(filePath)?.get(ruleId)?.severity;
            if (!severity) return;
            const list = byFile.get(filePath) ?? [];
            list.push(locatedMessage(ruleId, severity, rule.meta, messageId, data, location));
            byFile.set(filePath, list);
          },
        }),
      );
    }
    for (const list of byFile.values()) list.sort(compareMessages);
    return byFile;
  }
}
