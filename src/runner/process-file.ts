import { basename } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { appendMessages, fatalMessage, fatalOutcome, lintFile, type FileOutcome, type FixType, type LintMessage, type UnusedDirectivesSetting, type RuleModule, type RuleSetting } from '../engine';
import { MAX_FOLDER_DEPTH, readTemplateFile, writeFixedFile, type FileTarget, type RunFileAccess, type WriteHooks } from '../files';
import { readParameterFile, type ParameterFile } from '../files/parameter-file';

/** One file to lint, with the parameters file that gives its parameters values, if any. */
export interface FileJob {
  target: FileTarget;
  parameterFile?: { path: string; shownAs: string };
}

/** How files are processed: plain data, so a worker thread receives it as it is. */
export interface ProcessOptions {
  /** Compute fixes (results carry `output` unless they are written). */
  fix: boolean;
  /** Only the fixes of these types (--fix-type); all when undefined. */
  fixTypes?: readonly FixType[];
  /** Write each file's fixes as soon as it is done (the text is then dropped from the result). */
  writeFixes: boolean;
  /** Attach each message's fix to it. */
  includeFixes: boolean;
  debug: boolean;
  /** Honour suppression comments and metadata (false: --no-inline-config). */
  inlineConfig: boolean;
  reportUnusedDisableDirectives: UnusedDirectivesSetting;
}

/** The messageId of a file that could not be read. */
export const UNREADABLE = 'unreadable';
/** The messageId of a file too large to lint in the memory this process has. */
export const NOT_ENOUGH_MEMORY = 'not-enough-memory';
/** The messageId of fixes that could not be written. */
export const FIX_NOT_WRITTEN = 'fix-not-written';
/** The messageId of a problem with a template's parameters file. */
export const PARAMETERS_FILE = 'parameters-file';

/**
 * Heap a template may take while it is linted, per character of its text, at the most seen: the
 * tree, model and findings of 5,000 DSC extensions in 2.2 MB do not fit in a 64 MB old generation,
 * and 120,000 in 54 MB peaked at 2.25 GB (bench/RESULTS.md); the margin covers the young generation.
 */
const HEAP_PER_CHARACTER = 64;

/**
 * Why the file is not linted in this process's memory, if it is not: running out of heap would end
 * the whole run, so a file that might need more than is free gets a fatal message instead.
 */
export function memoryShortfall(characters: number): string | undefined {
  const { heap_size_limit: limit, used_heap_size: used } = getHeapStatistics();
  const needed = characters * HEAP_PER_CHARACTER;
  if (needed <= limit - used) return undefined;
  const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);
  return `Not linted: a template of ${(characters / 1024 / 1024).toFixed(1)} MB may need up to ${mb(needed)} MB of memory, and ${mb(limit - used)} MB is free; give Node more with NODE_OPTIONS=--max-old-space-size=${mb(needed + used) + 256}.`;
}

/**
 * Read, lint and (when asked) fix one file. Never throws: an unreadable file, an internal error
 * or a refused write becomes a message of this file's result, and the run goes on.
 */
export function processFile(
  { target, parameterFile }: FileJob,
  rules: ReadonlyMap<string, RuleModule>,
  settings: ReadonlyMap<string, RuleSetting>,
  options: ProcessOptions,
  runFiles: RunFileAccess,
  hooks?: WriteHooks,
): FileOutcome {
  if (target.tooDeep) return fatalOutcome(target.path, UNREADABLE, `Not searched: this folder lies more than ${MAX_FOLDER_DEPTH} folders below the one the search started in, so the files in it are not linted.`);
  const read = readTemplateFile(target.path);
  // Every template was found a moment ago, by a listing or as a named file that existed.
  if (!read.ok) return fatalOutcome(target.path, UNREADABLE, `Cannot read the file: ${read.kind === 'missing' ? 'it no longer exists (deleted while the run listed it?)' : read.problem}.`);
  const shortfall = memoryShortfall(read.file.text.length);
  if (shortfall) return fatalOutcome(target.path, NOT_ENOUGH_MEMORY, shortfall);
  const files = runFiles.forFile();
  const parameters = parameterFile && readParameterFile(files.access, parameterFile.path, parameterFile.shownAs);
  const input = {
    text: read.file.text,
    filePath: target.path,
    rules,
    settings,
    explicit: target.explicit,
    includeFixes: options.includeFixes,
    debug: options.debug,
    files: files.access,
    inlineConfig: options.inlineConfig,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    parameterFile: parameters?.ok ? parameters.file : undefined,
  };
  let outcome = lintFile({ ...input, fix: options.fix, fixTypes: options.fixTypes });
  if (outcome.kind === 'linted') {
    outcome = { ...outcome, dependencies: files.dependencies() };
    if (parameters && !parameters.ok) {
      const problem = fileProblem(PARAMETERS_FILE, `The parameters file ${parameterFile!.shownAs} gives no values: ${parameters.problem}.`);
      outcome = { ...outcome, result: appendMessages(outcome.result, [problem]) };
    }
    if (parameters?.ok && outcome.rootParameters) outcome = { ...outcome, otherFileMessages: undeclaredParameters(parameterFile!.path, parameters.file, outcome.rootParameters, target.path) };
  }
  if (outcome.kind !== 'linted' || !options.writeFixes || outcome.result.output === undefined) return outcome;

  const written = writeFixedFile(read.file, outcome.result.output, hooks);
  if (written.ok) {
    const { output: _written, ...result } = outcome.result;
    return { ...outcome, result };
  }
  // Not written: report what is really in the file, and why it was left alone.
  const unfixed = lintFile(input);
  if (unfixed.kind !== 'linted') return unfixed;
  const refusal = fileProblem(FIX_NOT_WRITTEN, `Fixes were not written: ${written.problem}.`);
  return { ...outcome, runFacts: unfixed.runFacts, suppressions: unfixed.suppressions, result: appendMessages(unfixed.result, [refusal]) };
}

/** An error about the file as a whole that did not stop it being linted: placed at 1:1 like a fatal one. */
export function fileProblem(messageId: string, text: string): LintMessage {
  const { fatal: _notFatal, ...problem } = fatalMessage(messageId, null, text);
  return problem;
}

/**
 * Parameters the file names but the template does not declare: ARM rejects the deployment. The
 * messages point into the parameters file, where the names are written.
 */
function undeclaredParameters(path: string, file: ParameterFile, declared: string[], templatePath: string): Array<{ filePath: string; message: LintMessage }> {
  const known = new Set(declared.map((name) => name.toLowerCase()));
  return file.names
    .filter(({ name }) => !known.has(name.toLowerCase()))
    .map(({ name, location }) => ({
      filePath: path,
      message: {
        ruleId: null,
        severity: 2,
        message: `Parameter '${name}' is not declared by the template ${basename(templatePath)}: ARM rejects a deployment that passes it.`,
        messageId: PARAMETERS_FILE,
        ...location,
      },
    }));
}
