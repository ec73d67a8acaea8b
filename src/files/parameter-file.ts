import type { FileAccess, ReadResult } from '../engine';
import type { ParameterFileValues } from '../model';
import { decodeBytes, getObject, getProperty, parseSource, toPlain, type SourceLocation } from '../parse';
import { tooLarge } from './read';

/** A parameters file as read for the templates it gives values to. */
export interface ParameterFile extends ParameterFileValues {
  /** Each parameter the file names, where it names it (for a name the template does not declare). */
  names: Array<{ name: string; location: SourceLocation }>;
}

export type ParameterFileOutcome = { ok: true; file: ParameterFile } | { ok: false; problem: string };

/** Why a parameters file was not read, in words. */
const UNREAD: Record<Extract<ReadResult, { ok: false }>['problem'], string> = {
  missing: 'it does not exist',
  'not-a-file': 'it is not a regular file (a directory, FIFO, socket or device)',
  'too-large': tooLarge(),
  unreadable: 'it cannot be read',
};

/**
 * Read a deployment parameters file (`{ "parameters": { "x": { "value": … } | { "reference": … } } }`)
 * through the run's file access, once per run. Values are kept as plain data: they replace
 * defaults as literals and are never nodes of the template's file.
 */
export function readParameterFile(access: FileAccess, path: string, shownAs: string): ParameterFileOutcome {
  return access.memo(`parameters:${path}`, () => {
    const read = access.readFile(path);
    if (!read.ok) return { ok: false, problem: UNREAD[read.problem] };
    const source = parseSource(decodeBytes(read.bytes).text);
    if (source.errors.length > 0) return { ok: false, problem: `it does not parse: ${source.errors[0]!.message}` };
    // Judged by its content: real parameters files sometimes carry a template's $schema.
    if (source.root?.kind !== 'object' || getProperty(source.root, 'resources') || !getObject(source.root, 'parameters')) {
      return { ok: false, problem: 'it is not a deployment parameters file' };
    }
    const values = new Map<string, { value: unknown } | { keyVaultReference: true }>();
    const names: ParameterFile['names'] = [];
    for (const property of getObject(source.root, 'parameters')?.properties ?? []) {
      if (property.value?.kind !== 'object') continue;
      names.push({ name: property.key.value, location: source.locationOfNode(property.key) });
      const value = getProperty(property.value, 'value');
      if (value) values.set(property.key.value.toLowerCase(), { value: toPlain(value.value) });
      else if (getProperty(property.value, 'reference')) values.set(property.key.value.toLowerCase(), { keyVaultReference: true });
    }
    return { ok: true, file: { file: shownAs, values, names } };
  });
}
