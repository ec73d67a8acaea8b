import type { ComputeTarget, DscExtension, ExpressionSite, Extension, FileModel, Misplacement, Resource, Template } from '../model';
import type { JsonNodeBase, JsonObject, JsonProperty, SourceFile, SourceLocation } from '../parse';
import type { RuleFixer } from './rule-fixer';

/** ESLint numbering: 0 off, 1 warn, 2 error. */
export type Severity = 0 | 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

/** A text edit against the original text: 0-based offsets, end exclusive. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface LintMessage {
  /** Null for a file that does not parse. */
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  /** Fixes offered for the user to choose: shown, never applied by --fix. */
  suggestions?: LintSuggestion[];
  fatal?: true;
}

/** A fix a rule offers without applying it (ESLint's suggestions). */
export interface LintSuggestion {
  messageId?: string;
  /** What applying it does, e.g. 'Rename the argument to "DomainName".' */
  desc: string;
  fix: Fix;
}

/** Why a message was suppressed. */
export interface Suppression {
  /** `directive`: an armdsc-lint-disable comment; `metadata`: an "armdsc-lint" metadata object. */
  kind: 'directive' | 'metadata';
  /** The reason given after `--` or in `justification`; empty when none was given. */
  justification: string;
}

/** A message silenced by the template itself, with why. */
export interface SuppressedMessage extends LintMessage {
  suppressions: Suppression[];
}

/** One file's outcome; field names follow ESLint so formatters and users' habits carry over. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Messages silenced by inline directives or metadata (not counted above). */
  suppressedMessages: SuppressedMessage[];
  /** The fixed text, present only when fixes changed it. */
  output?: string;
}

export interface RuleMeta<MessageId extends string = string> {
  id: string;
  type: 'problem' | 'suggestion';
  /** Severity in the recommended set (what applies without configuration); for a rule not recommended, its intended severity. */
  severity: 'error' | 'warn';
  /** False: the rule is off in the recommended set and runs only when configured (default true). */
  recommended?: boolean;
  /**
   * Messages one level milder than the rule: warnings when the rule is set to error (a rule that
   * reports a deploy failure and, less urgently, a risk). At warn every message is a warning.
   */
  warnings?: readonly NoInfer<MessageId>[];
  fixable?: boolean;
  /** The rule offers suggestions (report's `suggest`). */
  hasSuggestions?: boolean;
  docs: {
    description: string;
    /** The rule's documentation page; filled in by the registry from the id. */
    url?: string;
  };
  messages: Record<MessageId, string>;
  /** JSON Schema for each position of the options array; [] means no options. */
  schema: object[];
  defaultOptions?: unknown[];
}

/** Model events a rule can listen to; `…:exit` fires after the node's children. */
export interface RuleListeners {
  file?(model: FileModel): void;
  'file:exit'?(model: FileModel): void;
  template?(template: Template): void;
  'template:exit'?(template: Template): void;
  resource?(resource: Resource): void;
  'resource:exit'?(resource: Resource): void;
  virtualMachine?(target: ComputeTarget): void;
  scaleSet?(target: ComputeTarget): void;
  extension?(extension: Extension): void;
  dscExtension?(dsc: DscExtension): void;
  misplacedExtension?(misplacement: Misplacement): void;
  /** Every JSON object of the file, in document order (walked only when a rule listens). */
  jsonObject?(object: JsonObject): void;
  /** Every property of every object, in document order (walked only when a rule listens). */
  jsonProperty?(property: JsonProperty): void;
  /** Every string ARM evaluates as an expression, with the scope it is evaluated in. */
  expression?(site: ExpressionSite): void;
}

export type RuleEvent = keyof RuleListeners;

/** Where a problem is: a node (a value, a property key, an object), or a location already computed. */
export type ReportTarget = { node: JsonNodeBase; location?: never } | { location: SourceLocation; node?: never };

/** A fix offered, not applied: shown to the user (and in JSON/SARIF), never applied by --fix. */
export interface SuggestionDescriptor<MessageId extends string = string> {
  /** Describes what the suggestion does, e.g. 'Rename the argument to "{{name}}".' */
  messageId: MessageId;
  data?: Record<string, string | number>;
  fix: (fixer: RuleFixer) => Fix | Fix[];
}

export type ReportDescriptor<MessageId extends string = string> = ReportTarget & {
  messageId: MessageId;
  data?: Record<string, string | number>;
  /**
   * The object the finding is about when the node reported sits elsewhere (settings shared
   * through a variable, reported at the variable): usually the extension's node. A suppression
   * of that object covers the finding too.
   */
  subject?: JsonNodeBase;
  /** Fixes too uncertain to apply automatically. */
  suggest?: SuggestionDescriptor<MessageId>[];
  /**
   * The fix, computed only when fixes are wanted. Give one only when a safe fix exists: the
   * decision belongs at report time, so fixable counts are right without computing fixes.
   */
  fix?: (fixer: RuleFixer) => Fix | Fix[];
};

/** A file a template refers to, as read for a rule (a DSC archive, a script beside it). */
export type ReadResult = { ok: true; bytes: Uint8Array; mtimeMs: number } | { ok: false; problem: 'missing' | 'not-a-file' | 'too-large' | 'unreadable' };

/**
 * Read access to the files a template refers to, given by whoever runs the lint (the engine
 * itself never reads files). Paths are absolute. Reads and memoised results are shared by the
 * files of a run (one worker's share, with worker threads), so an archive used by many
 * extensions is opened once; every path read becomes a dependency of the file for the cache.
 */
export interface FileAccess {
  readFile(path: string): ReadResult;
  /** Whether a path is a directory (for locating a repository root); false when it cannot be told. */
  isDirectory(path: string): boolean;
  /** A value derived from files already read (an opened archive), computed once per run and key. */
  memo<T>(key: string, compute: () => T): T;
}

export interface RuleContext<MessageId extends string = string> {
  readonly id: string;
  /** The rule's options, defaults filled in. */
  readonly options: readonly unknown[];
  readonly filePath: string;
  readonly model: FileModel;
  readonly source: SourceFile;
  /** Files beside the template, when the caller gives access to them (not for text linted alone). */
  readonly files: FileAccess | undefined;
  report(descriptor: ReportDescriptor<MessageId>): void;
  /**
   * Keep data about this file for the rule's cross-file phase (`finishRun`). Each call replaces
   * what this file kept before, so re-linting a file during --fix does not count it twice.
   */
  keepForRun(data: unknown): void;
}

/** A problem found in the cross-file phase, in a file linted earlier in the run. */
export interface RunReport<MessageId extends string = string> {
  filePath: string;
  location: SourceLocation;
  messageId: MessageId;
  data?: Record<string, string | number>;
}

export interface RunContext<MessageId extends string = string> {
  /** The directory the run started in, for paths in messages. */
  readonly cwd: string;
  /** What each file kept with keepForRun, in the order the files were linted. */
  kept<T>(): ReadonlyArray<{ filePath: string; data: T }>;
  report(report: RunReport<MessageId>): void;
}

export interface RuleModule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  create(context: RuleContext<MessageId>): RuleListeners;
  /** Cross-file phase: runs once after every file, with what each file kept for the run. */
  finishRun?(context: RunContext<MessageId>): void;
}

/** Identity helper that keeps the message ids typed. */
export function defineRule<MessageId extends string>(rule: RuleModule<MessageId>): RuleModule<MessageId> {
  return rule;
}

/** Severity and options of one rule for one file. */
export interface RuleSetting {
  severity: Severity;
  options: unknown[];
}
