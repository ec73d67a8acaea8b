import type { LintResult, RuleMeta } from '../engine';

export interface FormatterContext {
  /** Paths are shown relative to this directory where a formatter shows paths. */
  cwd: string;
  /** Use ANSI colours (the CLI decides: a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Rule id → meta of every rule that ran in this run (docs.url set). */
  rulesMeta: Readonly<Record<string, RuleMeta>>;
  /** armdsc-lint's version. */
  version: string;
}

/** ESLint's formatter contract: results in, text out (a custom formatter may be async). */
export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string | Promise<string>;

/** The built-in formatters are synchronous. */
export type SyncFormatter = (results: readonly LintResult[], context: FormatterContext) => string;
