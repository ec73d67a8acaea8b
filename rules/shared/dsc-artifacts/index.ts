/**
 * The DSC artifact rules' shared view of an extension: the configuration archive its url names,
 * found in the repository (locate.ts), with the script, Configuration and arguments that go with
 * it (references.ts), read through the run's file access (archives.ts). Computed once per
 * extension and shared by the three rules; nothing is read when text is linted without files.
 */
import { basename, dirname, join } from 'node:path';
import { quoted } from '../../../src/expression';
import type { FileAccess, RuleContext } from '../../../src/engine';
import type { DscExtension } from '../../../src/model';
import { contains, type JsonNode } from '../../../src/parse';
import { findArchive, readScriptFile, rootScript, type FoundArchive, type OpenedArchive, type RootScript, type Script, type ScriptFile } from './archives';
import { locateArchive, shownPath, type ArchiveLocation } from './locate';
import { configurationReferences, type ConfigurationReference } from './references';

export type { ConfigurationReference, PassedArgument, PassedArguments } from './references';
export type { RootScript } from './archives';

export interface LocatedConfiguration {
  reference: ConfigurationReference;
  location: ArchiveLocation;
  /** The file found at the first candidate that exists; undefined when none does. */
  archive: FoundArchive | undefined;
}

const located = new WeakMap<DscExtension, readonly LocatedConfiguration[]>();

function locate(files: FileAccess, context: RuleContext, dsc: DscExtension): LocatedConfiguration[] {
  const result: LocatedConfiguration[] = [];
  for (const reference of configurationReferences(context.model, dsc)) {
    const location = locateArchive(files, context.model, context.filePath, reference.url.node, reference.url.value);
    if (location) result.push({ reference, location, archive: findArchive(files, location.candidates) });
  }
  return result;
}

/** The configurations an extension names that lead into the repository (none without file access). */
export function locatedConfigurations(context: RuleContext, dsc: DscExtension): readonly LocatedConfiguration[] {
  const files = context.files;
  if (!files) return [];
  let configurations = located.get(dsc);
  if (!configurations) {
    configurations = locate(files, context, dsc);
    located.set(dsc, configurations);
  }
  return configurations;
}

/** The archive, when it was opened, and where in it the reference's script is. */
export function scriptInArchive(configuration: LocatedConfiguration): { archive: OpenedArchive; lookup: RootScript } | undefined {
  const { archive } = configuration;
  const name = configuration.reference.script?.text;
  return archive?.kind === 'opened' && name !== undefined ? { archive, lookup: rootScript(archive, name) } : undefined;
}

/** The script file beside the archive (same folder, the name `script` gives), when there is one. */
export function scriptBesideArchive(context: RuleContext, configuration: LocatedConfiguration): ScriptFile | undefined {
  const name = configuration.reference.script?.text;
  const archive = configuration.archive;
  if (!context.files || !archive || name === undefined) return undefined;
  return readScriptFile(context.files, join(dirname(archive.path), basename(name)));
}

/** The script a Configuration is read from, and how messages name it. */
export interface ConfigurationSource {
  script: Script;
  /** `"Web.ps1" in "DSC/Web.zip"`, or `"DSC/Web.ps1" (…not in the repository)` for a script beside where the archive should be. */
  shownAs: string;
}

/**
 * The archived copy of the script, at the archive's root. When no archive exists at any place
 * the url may name, the script file of that name beside one of those places stands in for it.
 */
export function configurationSource(context: RuleContext, configuration: LocatedConfiguration): ConfigurationSource | undefined {
  const name = configuration.reference.script?.text;
  if (name === undefined || !context.files) return undefined;
  const { archive, location } = configuration;
  if (!archive) {
    for (const candidate of location.candidates) {
      const beside = readScriptFile(context.files, join(dirname(candidate), basename(name)));
      if (beside) return { script: beside.script, shownAs: `${shownFile(context, beside.path)} (the archive ${shownFile(context, candidate)} is not in the repository)` };
    }
    return undefined;
  }
  const found = scriptInArchive(configuration);
  if (found?.lookup.kind !== 'found') return undefined;
  const read = found.archive.script(found.lookup.entry);
  return read.ok ? { script: read.script, shownAs: `${quoted(found.lookup.entry.path)} in ${shownFile(context, found.archive.path)}` } : undefined;
}

/** A path relative to the template's folder, quoted, as messages show it. */
export function shownFile(context: RuleContext, path: string): string {
  return quoted(shownPath(context.filePath, path));
}

/** Report target for a node: findings outside the extension (a shared variable) name it as their subject. */
export function at(dsc: DscExtension, node: JsonNode): { node: JsonNode; subject?: JsonNode } {
  return contains(dsc.extension.node, node) ? { node } : { node, subject: dsc.extension.node };
}
