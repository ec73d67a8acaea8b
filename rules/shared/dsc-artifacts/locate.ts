/**
 * Where in the repository the archive a DSC url names is. Nothing is fetched: the url's known
 * relative part is resolved against the folder its base stands for.
 *
 * - A base that is a deployment link (`deployment().properties.templateLink.uri`, directly or
 *   through `_artifactsLocation` or another parameter or variable) is the template's own folder:
 *   inside a git working tree the archive's place is certain, so a missing file is a finding.
 *   Outside one (templates copied or exported alone) the folder may lack what the repository has.
 * - A base parameter whose value is unknown here (no default: the parent template or the
 *   deployment passes it) stands for the folder of whichever template passes it: the template's
 *   folder and its ancestors are tried, nearest first, up to the repository root (without a
 *   repository, the template's folder and its parent). Missing is never reported.
 * - `_artifactsLocation` with a known default URL, followed by the relative part, is the
 *   template's folder by convention (the quickstart layout); not certain.
 * - An absolute raw GitHub URL is followed into this repository: by the git remote, when the
 *   template's repository has one for that GitHub repository; otherwise when the URL's folder
 *   ends in the template's folder path (`…/master/<folder>/x.zip` from `<…>/<folder>/`). Not
 *   certain: the ref it names may hold other files.
 */
import { dirname, join, relative, sep } from 'node:path';
import { knownString, originText, type AbstractValue, type UnknownValue } from '../../../src/expression';
import type { FileAccess } from '../../../src/engine';
import type { FileModel } from '../../../src/model';
import type { JsonValue } from '../../../src/parse';
import { repositoryOf } from './repository';

export interface ArchiveLocation {
  /** Absolute paths where the archive may be, the most likely first. */
  candidates: readonly string[];
  /**
   * Set when the url names exactly one file here (through a deployment link), so that a missing
   * file is a finding: the base as messages show it, e.g. `parameters('_artifactsLocation')`.
   */
  certainFrom: string | undefined;
}

const DEPLOYMENT_LINK = 'deployment().properties.templatelink.uri';
const ARTIFACTS_LOCATION = '_artifactslocation';

/** The url as a base (unknown here) and the literal text after it, without query, fragment or SAS token. */
function splitUrl(value: AbstractValue): { base: UnknownValue | undefined; text: string } | undefined {
  if (value.kind !== 'string') return undefined;
  const parts = [...value.parts];
  // A SAS token appended to the path is the query, not the path (and secret: never shown).
  for (let last = parts[parts.length - 1]; last !== undefined && typeof last !== 'string' && last.secret; last = parts[parts.length - 1]) parts.pop();
  const [first, second] = parts;
  const withoutQuery = (text: string): string => text.replace(/[?#].*$/s, '');
  if (parts.length === 1 && typeof first === 'string') return { base: undefined, text: withoutQuery(first) };
  if (parts.length === 2 && typeof first !== 'string' && typeof second === 'string') return { base: first, text: withoutQuery(second) };
  return undefined;
}

function decodedSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter((segment) => segment !== '' && segment !== '.').map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** Every folder from `folder` up to the repository root; without one, `folder` and its parent. */
function folderAndAncestors(files: FileAccess, folder: string): string[] {
  const root = repositoryOf(files, folder)?.root;
  const folders = [folder];
  for (let current = folder; current !== root && dirname(current) !== current; ) {
    current = dirname(current);
    folders.push(current);
    if (root === undefined) break;
  }
  return folders;
}

/** `owner/name` and the segments after them (ref, then path) of a raw GitHub file URL. */
function gitHubRawUrl(text: string): { repository: string; rest: string[] } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const segments = decodedSegments(url.pathname);
  const host = url.hostname.toLowerCase();
  if (!segments) return undefined;
  const [owner, name, ...rest] = segments;
  if (owner === undefined || name === undefined) return undefined;
  if (host === 'raw.githubusercontent.com') return { repository: `${owner}/${name}`.toLowerCase(), rest };
  if ((host === 'github.com' || host === 'www.github.com') && rest[0] === 'raw') return { repository: `${owner}/${name}`.toLowerCase(), rest: rest.slice(1) };
  return undefined;
}

/** Files an absolute raw GitHub URL may stand for here. */
function gitHubCandidates(files: FileAccess, folder: string, text: string): string[] {
  const url = gitHubRawUrl(text);
  // The ref is one segment (`master`), or a full name (`refs/heads/main`).
  const refLength = url?.rest[0] === 'refs' ? 3 : 1;
  if (!url || url.rest.length <= refLength) return [];
  const candidates: string[] = [];
  const path = url.rest.slice(refLength);
  const repository = repositoryOf(files, folder);
  if (repository?.gitHubRemotes.has(url.repository)) candidates.push(join(repository.root, ...path));
  // The URL's folder starts with the last folders of the template's path: it points into them.
  const urlFolder = path.slice(0, -1);
  const folderSegments = folder.split(sep).filter((segment) => segment !== '');
  for (let shared = Math.min(urlFolder.length, folderSegments.length); shared >= 1; shared--) {
    if (folderSegments.slice(-shared).every((segment, index) => segment === urlFolder[index])) {
      candidates.push(join(folder, ...path.slice(shared)));
      break;
    }
  }
  return candidates;
}

/** The known text of `_artifactsLocation` as seen where `node` is evaluated, when it has one. */
function artifactsLocationText(model: FileModel, node: JsonValue): string | undefined {
  const declaration = model.templateOf(node).scope.parameters.get(ARTIFACTS_LOCATION);
  const passed = declaration?.passed;
  const valueNode = passed === 'keyVaultReference' ? undefined : passed ? passed.value : declaration?.defaultValue;
  return valueNode ? knownString(model.evaluate(valueNode)) : undefined;
}

/**
 * Where the archive named by one alternative of a url is (see the module comment), or undefined
 * when the url does not lead into the repository.
 */
export function locateArchive(files: FileAccess, model: FileModel, templatePath: string, urlNode: JsonValue, url: AbstractValue): ArchiveLocation | undefined {
  const split = splitUrl(url);
  if (!split) return undefined;
  const folder = dirname(templatePath);
  const { base, text } = split;
  if (base) {
    const relativeSegments = decodedSegments(text);
    const parameter = base.origins.find((origin) => origin.kind === 'parameter');
    if (!relativeSegments?.length) return undefined;
    if (base.key === DEPLOYMENT_LINK) {
      const certainFrom = repositoryOf(files, folder) ? (base.origins[0] ? originText(base.origins[0]) : 'deployment().properties.templateLink.uri') : undefined;
      return { candidates: [join(folder, ...relativeSegments)], certainFrom };
    }
    return parameter ? { candidates: folderAndAncestors(files, folder).map((f) => join(f, ...relativeSegments)), certainFrom: undefined } : undefined;
  }
  const candidates: string[] = [];
  const artifactsLocation = url.origins.some((o) => o.kind === 'parameter' && o.name.toLowerCase() === ARTIFACTS_LOCATION) ? artifactsLocationText(model, urlNode) : undefined;
  if (artifactsLocation && text.startsWith(artifactsLocation) && (artifactsLocation.endsWith('/') || text[artifactsLocation.length] === '/')) {
    const relativeSegments = decodedSegments(text.slice(artifactsLocation.length));
    if (relativeSegments?.length) candidates.push(join(folder, ...relativeSegments));
  }
  candidates.push(...gitHubCandidates(files, folder, text));
  return candidates.length > 0 ? { candidates: [...new Set(candidates)], certainFrom: undefined } : undefined;
}

/** A path as messages show it: relative to the template's folder, with forward slashes. */
export function shownPath(templatePath: string, path: string): string {
  return relative(dirname(templatePath), path).split(sep).join('/');
}
