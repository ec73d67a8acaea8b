import { appendMessages, fatalMessage, lintFile, makeResult, type FileOutcome, type RuleModule, type RuleSetting } from '../engine';
import { readTemplateFile, writeFixedFile, type FileTarget, type RunFileAccess, type WriteHooks } from '../files';

/** How files are processed: plain data, so a worker thread receives it as it is. */
export interface ProcessOptions {
  /** Compute fixes (results carry `output` unless they are written). */
  fix: boolean;
  /** Write each file's fixes as soon as it is done (the text is then dropped from the result). */
  writeFixes: boolean;
  /** Attach each message's fix to it. */
  includeFixes: boolean;
  debug: boolean;
}

/** The messageId of a file that could not be read. */
export const UNREADABLE = 'unreadable';
/** The messageId of fixes that could not be written. */
export const FIX_NOT_WRITTEN = 'fix-not-written';

/**
 * Read, lint and (when asked) fix one file. Never throws: an unreadable file, an internal error
 * or a refused write becomes a message of this file's result, and the run goes on.
 */
export function processFile(
  target: FileTarget,
  rules: ReadonlyMap<string, RuleModule>,
  settings: ReadonlyMap<string, RuleSetting>,
  options: ProcessOptions,
  runFiles: RunFileAccess,
  hooks?: WriteHooks,
): FileOutcome {
  const read = readTemplateFile(target.path);
  if (!read.ok) {
    const message = fatalMessage(UNREADABLE, null, `Cannot read the file: ${read.problem}.`);
    return { kind: 'linted', result: makeResult(target.path, [message], () => false), runFacts: {} };
  }
  const files = runFiles.forFile();
  const input = { text: read.file.text, filePath: target.path, rules, settings, explicit: target.explicit, includeFixes: options.includeFixes, debug: options.debug, files: files.access };
  const linted = lintFile({ ...input, fix: options.fix });
  const outcome: FileOutcome = linted.kind === 'linted' ? { ...linted, dependencies: files.dependencies() } : linted;
  if (outcome.kind !== 'linted' || !options.writeFixes || outcome.result.output === undefined) return outcome;

  const written = writeFixedFile(read.file, outcome.result.output, hooks);
  if (written.ok) {
    const { output: _written, ...result } = outcome.result;
    return { ...outcome, result };
  }
  // Not written: report what is really in the file, and why it was left alone.
  const unfixed = lintFile(input);
  if (unfixed.kind !== 'linted') return unfixed;
  const { fatal: _notFatal, ...refusal } = fatalMessage(FIX_NOT_WRITTEN, null, `Fixes were not written: ${written.problem}.`);
  return { ...outcome, runFacts: unfixed.runFacts, result: appendMessages(unfixed.result, [refusal]) };
}
