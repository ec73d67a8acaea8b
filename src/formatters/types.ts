import type { LintResult } from '../engine';

export interface FormatterContext {
  /** Paths are shown relative to this directory where a formatter shows paths. */
  cwd: string;
  /** Use ANSI colours (the CLI decides: a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
}

/** ESLint's formatter contract: results in, text out. */
export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;
