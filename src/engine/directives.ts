import type { FileModel } from '../model';
import { getObject, getProperty, type JsonObject, type JsonValue, type SourceFile } from '../parse';
import { closestName } from '../text/did-you-mean';
import type { RuleModule, Suppression } from './types';

/** A 1-based position, compared line first. */
interface Position {
  line: number;
  column: number;
}

/**
 * Where a directive or a metadata suppression applies: from `start` (inclusive) to `end`
 * (exclusive), for the rules named (null: every rule). Plain data, so a file's regions travel
 * with its outcome and apply to cross-file findings too.
 */
export interface SuppressionRegion {
  kind: Suppression['kind'];
  ruleIds: string[] | null;
  justification: string;
  start: Position;
  end: Position;
  /** The directive comment (offset and length in the text), for unused-directive reports. */
  comment?: { offset: number; length: number; line: number; column: number; endLine: number; endColumn: number };
}

/** What a file's comments and metadata say about suppression. */
export interface SuppressionDirectives {
  regions: SuppressionRegion[];
  problems: DirectiveProblem[];
  /** `armdsc-lint-enable` comments that closed no open block. */
  strayEnables: Array<{ ruleIds: string[] | null; comment: DirectiveComment }>;
}

/** Where a directive comment is: its offset and length in the text, and its range. */
export type DirectiveComment = NonNullable<SuppressionRegion['comment']>;

/**
 * A directive or metadata entry that names no known rule (so a typo does not silently suppress
 * nothing), or a directive that cannot mean what it says: reported.
 */
export interface DirectiveProblem {
  kind: 'unknown-rule' | 'spans-lines';
  message: string;
  offset: number;
  length: number;
}

const DIRECTIVE = /^\s*armdsc-lint-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*?))?\s*$/;
/** ESLint's separator between rule ids and the reason: two or more dashes between spaces. */
const JUSTIFICATION = /\s-{2,}\s/;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

export function regionCovers(region: SuppressionRegion, position: Position, ruleId: string): boolean {
  return (region.ruleIds === null || region.ruleIds.includes(ruleId)) && !before(position, region.start) && before(position, region.end);
}

/**
 * The suppression regions of a file: `// armdsc-lint-disable-next-line id, id -- reason`,
 * `// armdsc-lint-disable-line …`, `/* armdsc-lint-disable id *\/ … /* armdsc-lint-enable id *\/`,
 * and `"metadata": { "armdsc-lint": { "disable": [ids], "justification": "…" } }` on a template,
 * resource or extension (for templates that must stay plain JSON).
 */
export function suppressionRegions(source: SourceFile, model: FileModel | undefined, rules: ReadonlyMap<string, RuleModule>): SuppressionDirectives {
  const regions: SuppressionRegion[] = [];
  const problems: DirectiveProblem[] = [];
  const strayEnables: SuppressionDirectives['strayEnables'] = [];
  const known = (ids: string[], offset: number, length: number, where: string): string[] => {
    for (const id of ids) {
      if (rules.has(id)) continue;
      const guess = closestName(id, rules.keys());
      problems.push({ kind: 'unknown-rule', message: `Unknown rule '${id}' in ${where}${guess ? ` (did you mean '${guess}'?)` : ''}.`, offset, length });
    }
    return ids;
  };
  // An open block runs past the end of the file (a number that survives JSON, unlike Infinity).
  const beyondText: Position = { line: Number.MAX_SAFE_INTEGER, column: 1 };
  // Open `armdsc-lint-disable` blocks, closed by a matching `armdsc-lint-enable`.
  const open: SuppressionRegion[] = [];

  // Only comments and `metadata` are read: a search of the whole text first cost more (1.5% of a corpus run).
  for (const comment of source.comments) {
    const raw = source.text.slice(comment.offset, comment.offset + comment.length);
    if (!raw.includes('armdsc-lint-')) continue;
    const body = comment.kind === 'line' ? raw.slice(2) : raw.slice(2, raw.endsWith('*/') ? -2 : undefined);
    // The reason is split off first, as ESLint does: `armdsc-lint-disable -- reason` names no rule.
    const separator = JUSTIFICATION.exec(body);
    const justification = separator ? body.slice(separator.index + separator[0].length).trim() : '';
    const match = DIRECTIVE.exec(separator ? body.slice(0, separator.index) : body);
    if (!match) continue;
    const [, kind, list = ''] = match;
    const ids = list.split(',').map((id) => id.trim()).filter(Boolean);
    const location = source.locationOf(comment.offset, comment.length);
    const where = `armdsc-lint-${kind}`;
    known(ids, comment.offset, comment.length, where);
    const ruleIds = ids.length > 0 ? ids : null;
    const directive = { kind: 'directive' as const, ruleIds, justification, comment: { offset: comment.offset, length: comment.length, ...location } };
    const commentStart = { line: location.line, column: location.column };
    switch (kind) {
      case 'disable-line':
        // As in ESLint: which of its lines would it mean? It silences nothing.
        if (location.endLine !== location.line) {
          const message = 'armdsc-lint-disable-line must not span several lines, so it silences nothing: use armdsc-lint-disable-next-line, or a disable/enable block.';
          problems.push({ kind: 'spans-lines', message, offset: comment.offset, length: comment.length });
          break;
        }
        regions.push({ ...directive, start: { line: location.line, column: 1 }, end: { line: location.line + 1, column: 1 } });
        break;
      case 'disable-next-line':
        regions.push({ ...directive, start: { line: location.endLine + 1, column: 1 }, end: { line: location.endLine + 2, column: 1 } });
        break;
      case 'disable':
        open.push({ ...directive, start: { line: location.endLine, column: location.endColumn }, end: beyondText });
        break;
      case 'enable': {
        // Closes the open blocks it names (all of them when it names none).
        let closed = false;
        for (const block of open.splice(0)) {
          const closes = ruleIds === null || (block.ruleIds !== null && block.ruleIds.every((id) => ruleIds.includes(id)));
          if (closes) regions.push({ ...block, end: commentStart });
          else open.push(block);
          closed ||= closes;
        }
        if (!closed) strayEnables.push({ ruleIds, comment: directive.comment });
        break;
      }
    }
  }
  regions.push(...open);

  for (const object of model ? metadataOwners(model) : []) {
    const settings = getObject(getObject(object, 'metadata'), 'armdsc-lint');
    if (!settings) continue;
    const disable = getProperty(settings, 'disable')?.value;
    const ids: string[] = [];
    for (const item of disable?.kind === 'array' ? disable.items : []) {
      if (item.kind !== 'string') continue;
      known([item.value], item.offset, item.length, 'metadata "armdsc-lint".disable');
      ids.push(item.value);
    }
    const justification = stringValue(getProperty(settings, 'justification')?.value);
    const range = source.locationOfNode(object);
    regions.push({ kind: 'metadata', ruleIds: ids, justification, start: { line: range.line, column: range.column }, end: { line: range.endLine, column: range.endColumn } });
  }
  return { regions, problems, strayEnables };
}

function stringValue(node: JsonValue | undefined): string {
  return node?.kind === 'string' ? node.value : '';
}

/** The objects whose `metadata` can carry a suppression: templates, resources, extensions. */
function metadataOwners(model: FileModel): JsonObject[] {
  const owners = new Set<JsonObject>();
  for (const template of model.templates) owners.add(template.node);
  for (const resource of model.resources) owners.add(resource.node);
  for (const extension of model.extensions) owners.add(extension.node);
  return [...owners];
}

/** The regions that silence a finding of `ruleId` at `position` (or at its subject's), if any. */
export function suppressionsOf(ruleId: string, position: Position, subject: Position | undefined, regions: readonly SuppressionRegion[]): SuppressionRegion[] {
  return regions.filter((region) => regionCovers(region, position, ruleId) || (subject !== undefined && regionCovers(region, subject, ruleId)));
}
