import { buildModel, classifyDocument, type DocumentKind, type FileModel, type ParameterFileValues } from '../model';
import { parseSource, type SourceFile } from '../parse';
import { applyFixes, mergeFixes } from './fixes';
import type { FixType } from './fix-types';
import { suppressionRegions, suppressionsOf, type DirectiveComment, type SuppressionDirectives, type SuppressionRegion } from './directives';
import { redactSecrets, secretTexts } from './redact';
import { compareMessages, fatalMessage, locatedMessage, makeResult, messageText, parseErrorMessages, type PendingMessage } from './report';
import { removeComment, RuleFixer } from './rule-fixer';
import { traverse } from './traverse';
import type { FileAccess, LintMessage, LintResult, ReportDescriptor, RuleContext, RuleListeners, RuleModule, RuleSetting, Severity, SeverityName, SuppressedMessage } from './types';

/** ESLint's limit: fixes can enable other fixes, but not forever. */
const MAX_FIX_PASSES = 10;

/** The messageId of a fatal message for a bug of ours (a rule or the model threw). */
export const INTERNAL_ERROR = 'internal-error';
/** The messageId of a directive or metadata entry naming a rule that does not exist. */
export const UNKNOWN_RULE_IN_DIRECTIVE = 'unknown-rule-in-directive';
/** The messageId of a directive that cannot mean what it says (a disable-line over several lines). */
export const INVALID_DIRECTIVE = 'invalid-directive';
/** The messageId of a directive that silenced nothing (--report-unused-disable-directives). */
export const UNUSED_DIRECTIVE = 'unused-disable-directive';
/** The messageId of the note that a file's findings past MAX_FINDINGS_PER_FILE are not shown. */
export const TOO_MANY_FINDINGS = 'too-many-findings';

/**
 * Findings kept of one file (and as many suppressed ones, for suppressedMessages). A few megabytes
 * of repeated keys give millions, each about 2.5 KB until it is reported, and a report past V8's
 * longest string: the run would end out of memory. Past the limit the rules' reports are only
 * counted.
 */
export const MAX_FINDINGS_PER_FILE = 10_000;

export interface FileLintInput {
  text: string;
  filePath: string;
  rules: ReadonlyMap<string, RuleModule>;
  /** Rule id → severity and options for this file; rules missing or at severity 0 do not run. */
  settings: ReadonlyMap<string, RuleSetting>;
  /** Apply fixes (result.output holds the fixed text when it changed). */
  fix?: boolean;
  /** With `fix`: only the fixes of rules of these types, and `directive` for unused directives (--fix-type); all when undefined. */
  fixTypes?: readonly FixType[];
  /** Attach each remaining message's fix to it (JSON output, --fix-dry-run). */
  includeFixes?: boolean;
  /**
   * The user named this file: report its syntax errors even when the broken text gives no sign
   * of being a template.
   */
  explicit?: boolean;
  /** Put the stack of an internal error into its message. */
  debug?: boolean;
  /** Access to the files the template refers to (DSC archives); none when linting text alone. */
  files?: FileAccess;
  /** Values for the root template's parameters from its parameters file. */
  parameterFile?: ParameterFileValues;
  /** Honour suppression comments and metadata (false: --no-inline-config). Default true. */
  inlineConfig?: boolean;
  /** Report directives that silenced nothing (fixable: the fix removes them). */
  reportUnusedDisableDirectives?: UnusedDirectivesSetting;
}

/** Whether to report directives that silence nothing, and at which severity (true: error), as in ESLint. */
export type UnusedDirectivesSetting = boolean | Severity | SeverityName;

function unusedDirectiveSeverity(setting: UnusedDirectivesSetting | undefined): Severity {
  if (setting === true || setting === 'error' || setting === 2) return 2;
  return setting === 'warn' || setting === 1 ? 1 : 0;
}

/** What each rule with a cross-file phase kept about this file, at this file's severity. */
export type RunFacts = Record<string, { severity: 1 | 2; data: unknown }>;

/**
 * One file's outcome: everything later phases need, all of it plain data (it can come from a
 * worker thread or the cache unchanged). The text, tree and model are not part of it.
 */
export type FileOutcome =
  | { kind: 'skipped'; filePath: string; explicit: boolean; documentKind: DocumentKind | 'ignored' }
  | {
      kind: 'linted';
      result: LintResult;
      runFacts: RunFacts;
      dependencies?: FileDependency[];
      /** Where this file's directives and metadata suppress findings, for the cross-file phase's. */
      suppressions?: SuppressionRegion[];
      /** Directives that silenced nothing here but name a rule with cross-file findings: unused if those do not need them. */
      unusedUnlessCrossFile?: SuppressionRegion[];
      /** The severity to report those at. */
      unusedDirectiveSeverity?: 1 | 2;
      /** The root template's parameter names (when a parameters file was given, to check it against them). */
      rootParameters?: string[];
      /** Findings about another file this one uses (a parameters file), in that file's positions. */
      otherFileMessages?: Array<{ filePath: string; message: LintMessage }>;
    };

/** The outcome of a file that gets only one fatal message (it was not read or not linted). */
export function fatalOutcome(filePath: string, messageId: string, text: string): Extract<FileOutcome, { kind: 'linted' }> {
  return { kind: 'linted', result: makeResult(filePath, [fatalMessage(messageId, null, text)], () => false), runFacts: {} };
}

/** A file other than the template whose content the outcome depends on (for the cache). */
export interface FileDependency {
  path: string;
  /** Undefined when the file was missing or unreadable. */
  size: number | undefined;
  mtimeMs: number | undefined;
}

/**
 * Lint one template text: a pure function of its input. Syntax errors, and internal errors of a
 * rule or of the model, become fatal messages of this file; nothing is thrown.
 */
export function lintFile(input: FileLintInput): FileOutcome {
  let source = parseSource(input.text);
  const documentKind = classifyDocument(source.root);
  if (documentKind !== 'template' && !(input.explicit && source.errors.length > 0)) {
    return { kind: 'skipped', filePath: input.filePath, explicit: input.explicit ?? false, documentKind };
  }
  const wantFix = input.fix ? fixesWanted(input.rules, input.fixTypes) : undefined;

  let pass = verify(source, input);
  if (wantFix) {
    const history = [input.text];
    for (let round = 0; round < MAX_FIX_PASSES && !pass.internalError; round++) {
      const fixes = [...pass.pending, ...pass.unused].filter((p) => p.computeFix && wantFix(p.message)).map((p) => p.computeFix!());
      const { text: fixed, applied } = applyFixes(source.text, fixes);
      // Stop when nothing applies, the result would not parse, or fixes undo each other.
      if (applied === 0 || fixed === source.text) break;
      const next = parseSource(fixed);
      if (next.errors.length > 0 || fixed === history[history.length - 2]) break;
      const nextPass = verify(next, input);
      // A fix that makes a rule crash is not kept: the result of the pass before stands.
      if (nextPass.internalError) break;
      history.push(fixed);
      source = next;
      pass = nextPass;
    }
  }
  const fixable = new Set<LintMessage>();
  const messages = [...pass.pending, ...pass.unused].map((p) => {
    let message = input.includeFixes && p.computeFix ? { ...p.message, fix: p.computeFix() } : p.message;
    if (input.includeFixes && p.suggestions?.length) {
      message = { ...message, suggestions: p.suggestions.map((s) => ({ messageId: s.messageId, desc: s.desc, fix: s.computeFix() })) };
    }
    if (p.computeFix) fixable.add(message);
    return message;
  });
  messages.sort(compareMessages);
  const result = makeResult(input.filePath, messages, (m) => fixable.has(m), source.text !== input.text ? source.text : undefined, pass.suppressed);
  if (pass.omitted) {
    // The counts are of every finding, shown or not (a limit on warnings must see them all); the note stands in for one of them.
    const { errors, warnings } = pass.omitted;
    result.errorCount += errors > 0 ? errors - 1 : 0;
    result.warningCount += errors > 0 ? warnings : warnings - 1;
  }
  const outcome: FileOutcome = { kind: 'linted', result, runFacts: pass.runFacts };
  if (pass.regions.length > 0) outcome.suppressions = pass.regions;
  if (pass.deferredUnused.length > 0) {
    outcome.unusedUnlessCrossFile = pass.deferredUnused;
    outcome.unusedDirectiveSeverity = unusedDirectiveSeverity(input.reportUnusedDisableDirectives) === 1 ? 1 : 2;
  }
  if (pass.rootParameters) outcome.rootParameters = pass.rootParameters;
  return outcome;
}

/** Which messages' fixes to apply: all, or by their rule's `meta.type` and `directive` for unused directives. */
function fixesWanted(rules: ReadonlyMap<string, RuleModule>, types: readonly FixType[] | undefined): (message: LintMessage) => boolean {
  if (!types) return () => true;
  const allowed = new Set<string>(types);
  return (message) => (message.ruleId === null ? message.messageId === UNUSED_DIRECTIVE && allowed.has('directive') : allowed.has(rules.get(message.ruleId)?.meta.type ?? ''));
}

interface Pass {
  pending: PendingMessage[];
  runFacts: RunFacts;
  internalError: boolean;
  suppressed: SuppressedMessage[];
  regions: SuppressionRegion[];
  /** Reports of unused directives (with their fix), kept apart so fixes of other rules come first. */
  unused: PendingMessage[];
  deferredUnused: SuppressionRegion[];
  rootParameters?: string[];
  /** Findings past MAX_FINDINGS_PER_FILE: how many of each severity, and where the first is. */
  omitted?: { errors: number; warnings: number; at: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'> };
}

/** Run every enabled rule over one parsed file. */
function verify(source: SourceFile, input: FileLintInput): Pass {
  const pass: Pass = { pending: [], runFacts: {}, internalError: false, suppressed: [], regions: [], unused: [], deferredUnused: [] };
  if (source.errors.length > 0 || source.root?.kind !== 'object') {
    pass.pending = parseErrorMessages(source);
    return pass;
  }
  const internalError = (ruleId: string | null, error: unknown): void => {
    pass.internalError = true;
    pass.pending.push({ message: fatalMessage(INTERNAL_ERROR, ruleId, describeInternalError(ruleId, error, input.debug)) });
  };
  let model: FileModel;
  try {
    model = buildModel(source, source.root, input.parameterFile);
  } catch (error) {
    internalError(null, error);
    return pass;
  }
  if (input.parameterFile) pass.rootParameters = [...model.root.scope.parameters.values()].map((p) => p.name);
  // Known before the rules run, so that a finding is kept or suppressed as it is reported.
  const suppression: SuppressionDirectives = input.inlineConfig !== false ? suppressionRegions(source, model, input.rules) : { regions: [], problems: [], strayEnables: [] };
  pass.regions = suppression.regions;
  const used = new Set<SuppressionRegion>();
  let shown = 0;
  const secrets = secretTexts(model);
  const fixer = new RuleFixer(source);
  const seen = new Set<string>();
  const handlers = new Map<string, Array<{ ruleId: string; handler: (argument: unknown) => void }>>();
  const failed = new Set<string>();
  /** Run rule code; a throw disables the rule for this file and becomes a fatal message. */
  const guarded = (ruleId: string, run: () => void): void => {
    if (failed.has(ruleId)) return;
    try {
      run();
    } catch (error) {
      failed.add(ruleId);
      internalError(ruleId, error);
    }
  };

  for (const [ruleId, setting] of input.settings) {
    const rule = input.rules.get(ruleId);
    if (!rule || setting.severity === 0) continue;
    const severity = setting.severity;
    const report = (descriptor: ReportDescriptor): void => {
      const location = descriptor.location ?? source.locationOfNode(descriptor.node);
      const subjectLocation = descriptor.subject ? source.locationOfNode(descriptor.subject) : undefined;
      const covering = suppressionsOf(ruleId, location, subjectLocation, pass.regions);
      for (const region of covering) used.add(region);
      const suppressed = covering.length > 0;
      if ((suppressed ? pass.suppressed.length : shown) >= MAX_FINDINGS_PER_FILE) {
        if (!suppressed) omit(pass, severity, location);
        return;
      }
      const message = locatedMessage(ruleId, severity, rule.meta, descriptor.messageId, descriptor.data, location);
      message.message = redactSecrets(message.message, secrets);
      // Settings shared through a variable are reached from several extensions: report once.
      const key = `${ruleId}|${message.message}|${location.line}:${location.column}-${location.endLine}:${location.endColumn}`;
      if (seen.has(key)) return;
      seen.add(key);
      const { fix } = descriptor;
      if (fix && !rule.meta.fixable) throw new Error(`Rule '${ruleId}' reported a fix but meta.fixable is not set`);
      if (descriptor.suggest?.length && !rule.meta.hasSuggestions) throw new Error(`Rule '${ruleId}' reported suggestions but meta.hasSuggestions is not set`);
      const asFix = (make: NonNullable<ReportDescriptor['fix']>) => () => {
        const edits = make(fixer);
        return mergeFixes(Array.isArray(edits) ? edits : [edits], source.text);
      };
      const computeFix = fix ? asFix(fix) : undefined;
      const suggestions = descriptor.suggest?.map((suggestion) => ({
        messageId: suggestion.messageId,
        desc: redactSecrets(messageText(rule.meta, suggestion.messageId, suggestion.data), secrets),
        computeFix: asFix(suggestion.fix),
      }));
      if (!suppressed) {
        shown++;
        pass.pending.push({ message, computeFix, suggestions });
        return;
      }
      pass.suppressed.push({ ...message, suppressions: covering.map(({ kind, justification }) => ({ kind, justification })) });
    };
    const context: RuleContext = {
      id: ruleId,
      options: setting.options,
      filePath: input.filePath,
      model,
      source,
      files: input.files,
      report,
      keepForRun: (data) => {
        pass.runFacts[ruleId] = { severity, data };
      },
    };
    guarded(ruleId, () => {
      const listeners: RuleListeners = rule.create(context);
      for (const [event, handler] of Object.entries(listeners) as Array<[string, (argument: unknown) => void]>) {
        const list = handlers.get(event) ?? [];
        list.push({ ruleId, handler });
        handlers.set(event, list);
      }
    });
  }

  try {
    // Called for every node of the file when a rule walks the JSON: no closure or array per call.
    traverse(model, new Set(handlers.keys()), (event, argument) => {
      const list = handlers.get(event);
      if (!list) return;
      for (const { ruleId, handler } of list) {
        if (failed.has(ruleId)) continue;
        try {
          handler(argument);
        } catch (error) {
          failed.add(ruleId);
          internalError(ruleId, error);
        }
      }
    });
  } catch (error) {
    internalError(null, error);
  }
  reportDirectiveProblems(pass, source, suppression, used, input);
  if (pass.omitted) pass.pending.push({ message: omittedFindingsMessage(pass.omitted) });
  pass.pending.sort((a, b) => compareMessages(a.message, b.message));
  return pass;
}

/** Count a finding past the limit. */
function omit(pass: Pass, severity: 1 | 2, location: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>): void {
  if (!pass.omitted) {
    const { line, column, endLine, endColumn } = location;
    pass.omitted = { errors: 0, warnings: 0, at: { line, column, endLine, endColumn } };
  }
  if (severity === 2) pass.omitted.errors++;
  else pass.omitted.warnings++;
}

/** The note, at the first finding not kept, that says how many more the rules reported; its severity is the worst of theirs. */
function omittedFindingsMessage(omitted: NonNullable<Pass['omitted']>): LintMessage {
  const { errors, warnings, at } = omitted;
  const count = errors + warnings;
  const severity = errors > 0 ? 2 : 1;
  const more = count === 1 ? '1 more finding in this file is' : `${count.toLocaleString('en-US')} more findings in this file are`;
  const message = `${more} not shown (armdsc-lint shows at most ${MAX_FINDINGS_PER_FILE.toLocaleString('en-US')} of a file); the first of them is here.`;
  return { ruleId: null, severity, message, messageId: TOO_MANY_FINDINGS, ...at };
}

/**
 * Report directives naming unknown rules and, when asked, directives that silenced nothing (the
 * findings they silence were moved to `suppressed` as they were reported, so their fixes are never
 * applied).
 */
function reportDirectiveProblems(pass: Pass, source: SourceFile, { problems, strayEnables }: SuppressionDirectives, used: ReadonlySet<SuppressionRegion>, input: FileLintInput): void {
  const { regions } = pass;
  for (const problem of problems) {
    const messageId = problem.kind === 'unknown-rule' ? UNKNOWN_RULE_IN_DIRECTIVE : INVALID_DIRECTIVE;
    pass.pending.push({ message: { ruleId: null, severity: 2, message: problem.message, messageId, ...source.locationOf(problem.offset, problem.length) } });
  }
  const severity = unusedDirectiveSeverity(input.reportUnusedDisableDirectives);
  if (severity === 0) return;
  const crossFileRules = new Set(Object.keys(pass.runFacts));
  for (const region of regions) {
    const comment = region.comment;
    if (region.kind !== 'directive' || !comment || used.has(region)) continue;
    // Its silence may be needed by a finding of the cross-file phase: decided after it.
    if (region.ruleIds === null ? crossFileRules.size > 0 : region.ruleIds.some((id) => crossFileRules.has(id))) {
      pass.deferredUnused.push(region);
      continue;
    }
    pass.unused.push({ message: unusedDirectiveMessage(region, severity), computeFix: () => removeComment(source, comment) });
  }
  for (const { ruleIds, comment } of strayEnables) {
    const names = ruleIds === null ? '' : ` for ${quotedIds(ruleIds)}`;
    const message = `Unused armdsc-lint-enable directive (no armdsc-lint-disable block is open${names}).`;
    pass.unused.push({ message: directiveMessage(comment, message, severity), computeFix: () => removeComment(source, comment) });
  }
}

/** Rule ids as a directive message names them: `'a', 'b'`. */
function quotedIds(ruleIds: readonly string[]): string {
  return ruleIds.map((id) => `'${id}'`).join(', ');
}

function directiveMessage({ line, column, endLine, endColumn }: DirectiveComment, message: string, severity: 1 | 2): LintMessage {
  return { ruleId: null, severity, message, messageId: UNUSED_DIRECTIVE, line, column, endLine, endColumn };
}

/** The report of a directive that silenced nothing. */
export function unusedDirectiveMessage(region: SuppressionRegion, severity: 1 | 2): LintMessage {
  const names = region.ruleIds === null ? '' : ` (no problems were reported from ${quotedIds(region.ruleIds)})`;
  return directiveMessage(region.comment!, `Unused armdsc-lint directive${names}.`, severity);
}

function describeInternalError(ruleId: string | null, error: unknown, debug: boolean | undefined): string {
  const detail = error instanceof Error ? error.message : String(error);
  const where = ruleId ? `in rule '${ruleId}'` : 'while reading the template';
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `Internal error ${where}: ${detail}. This is a bug in armdsc-lint; the other rules' results stand.${stack}`;
}
