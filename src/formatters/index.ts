import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Formatter } from './types';

export type { Formatter, FormatterContext, SyncFormatter } from './types';

/** A formatter that cannot be loaded: a usage error (exit code 2), in one line. */
export class FormatterError extends Error {}

/** A formatter module that threw or gave no text: its author's bug, not armdsc-lint's (exit code 2, one line; the stack with --debug). */
export class FormatterFailed extends Error {}

/** The built-in formats, each loaded only when it is used (start-up of a small run stays short). */
const BUILT_IN: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish')).stylish,
  json: async () => (await import('./json')).json,
  compact: async () => (await import('./compact')).compact,
  unix: async () => (await import('./unix')).unix,
  github: async () => (await import('./github')).github,
  junit: async () => (await import('./junit')).junit,
  sarif: async () => (await import('./sarif')).sarif,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(BUILT_IN);

/** A formatter module is named by a path: it has a separator, or starts with '.'. */
function isModulePath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || name.startsWith('.') || isAbsolute(name);
}

// TypeScript turns `import()` into `require()` for CommonJS output, which cannot load an ES
// module; this keeps a real dynamic import for formatters the user writes as ESM.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

/**
 * A built-in formatter by name, or, as ESLint does, a module the user names by path (relative to
 * `cwd`) exporting `(results, context) => string | Promise<string>` as its default or
 * module.exports. That module is the only code a run loads from outside armdsc-lint.
 */
export async function loadFormatter(name: string, cwd: string): Promise<Formatter> {
  if (Object.hasOwn(BUILT_IN, name)) return withinStringLimit(name, await BUILT_IN[name]!());
  if (!isModulePath(name)) throw new FormatterError(`Unknown format '${name}'. Formats: ${FORMAT_NAMES.join(', ')}, or a path to a formatter module`);
  let loaded: unknown;
  try {
    loaded = await importUserModule(resolve(cwd, name));
  } catch (error) {
    throw new FormatterError(`Cannot load the formatter ${name}: ${firstLine(error)}`);
  }
  const candidate = typeof loaded === 'function' ? loaded : (loaded as { default?: unknown } | undefined)?.default;
  if (typeof candidate !== 'function') throw new FormatterError(`The formatter ${name} does not export a function (results, context) => string`);
  const format = candidate as Formatter;
  return async (results, context) => {
    let text: unknown;
    try {
      text = await format(results, context);
    } catch (error) {
      throw new FormatterFailed(`The formatter ${name} failed: ${firstLine(error)}`, { cause: error });
    }
    // As in ESLint, no text (undefined, null) prints nothing.
    if (text === undefined || text === null) return '';
    if (typeof text !== 'string') throw new FormatterFailed(`The formatter ${name} returned a value of type ${typeof text}, not a string`);
    return text;
  };
}

/**
 * A built-in format whose report would be longer than V8's longest string (2^29 - 24 characters,
 * about 512 MB, for millions of findings) fails in one line, not as an internal error.
 */
function withinStringLimit(name: string, format: Formatter): Formatter {
  return async (results, context) => {
    try {
      return await format(results, context);
    } catch (error) {
      if (!(error instanceof RangeError && error.message === 'Invalid string length')) throw error;
      throw new FormatterFailed(`The ${name} report is longer than the longest string Node.js can hold (about 512 MB of text): lint fewer files at a time, or with fewer rules`, { cause: error });
    }
  };
}

/**
 * The first line of what a formatter module threw: an error's message (read as a property: an
 * error from another realm is no `instanceof Error` here), or the value itself.
 */
function firstLine(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return (typeof message === 'string' ? message : String(error)).split('\n')[0]!;
}

/** A CommonJS module with require(); an ES module (.mjs, or "type": "module") with import(). */
async function importUserModule(path: string): Promise<unknown> {
  if (!/\.mjs$/i.test(path)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS formatter the user named
      return require(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    }
  }
  return importModule(pathToFileURL(path).href);
}
