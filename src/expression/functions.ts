import { MAX_VALUE_SIZE } from './budgets';
import {
  arrayOf,
  booleanValue,
  knownString,
  literalString,
  mergeProvenance,
  NO_PROVENANCE,
  nullValue,
  stringOf,
  toPlain,
  unknown,
  valueKey,
  type AbstractValue,
  type Provenance,
  type StringValue,
  type UnknownValue,
} from './values';

/**
 * Built-in functions the evaluator computes. Each receives evaluated arguments (never a choice:
 * the evaluator expands those) and the canonical key of the call for unknown results.
 */
type BuiltIn = (args: AbstractValue[], key: string) => AbstractValue;

const boolean = booleanValue;

/** The pieces a value contributes when it is turned into text (holes for unknown values). */
function textParts(value: AbstractValue): (string | UnknownValue)[] {
  switch (value.kind) {
    case 'string':
      return [...value.parts];
    case 'number':
    case 'boolean':
      return [String(value.value)];
    case 'unknown':
      return [value];
    default:
      return [unknown(`text(${valueKey(value)})`, value)];
  }
}

/** Apply `transform` to a string's literal parts; holes become unknown values under `name`. */
function mapText(value: AbstractValue, name: string, transform: (text: string) => string): AbstractValue {
  if (value.kind !== 'string') return unknown(`${name}(${valueKey(value)})`, value);
  const parts = value.parts.map((part) => (typeof part === 'string' ? transform(part) : unknown(`${name}(${part.key})`, part)));
  return stringOf(parts, value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** ARM's uri(): append to a base ending in '/', else replace what follows the base's last '/'. */
function resolveUri(base: string, relative: string): string {
  if (base.endsWith('/')) return relative.startsWith('/') ? base + relative.slice(1) : base + relative;
  const afterScheme = base.indexOf('//') >= 0 ? base.indexOf('//') + 2 : 0;
  const lastSlash = base.lastIndexOf('/');
  if (lastSlash < afterScheme) return `${base}/${relative}`;
  return base.slice(0, lastSlash + 1) + relative;
}

function uri(args: AbstractValue[], key: string): AbstractValue {
  const [base, relative] = args;
  const isText = (v: AbstractValue | undefined): v is StringValue | UnknownValue => v !== undefined && (v.kind === 'string' || v.kind === 'unknown');
  if (!isText(base) || !isText(relative)) return unknown(key, mergeProvenance(args));
  const provenance = mergeProvenance(args);
  const relativeText = knownString(relative);
  // An absolute relative URI replaces the base.
  if (relativeText !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(relativeText)) return literalString(relativeText, provenance);
  // A wholly unknown base: the URL is that base, then the relative part.
  if (base.kind === 'unknown') return stringOf([base, ...textParts(relative)], provenance);
  const baseText = knownString(base);
  if (baseText !== undefined && relativeText !== undefined) return stringOf([resolveUri(baseText, relativeText)], provenance);
  // A base with unknown parts: keep its pieces up to its last '/', then the relative part.
  const last = base.parts[base.parts.length - 1];
  if (typeof last === 'string' && !last.endsWith('/')) {
    const cut = last.lastIndexOf('/');
    const kept = cut >= 0 ? last.slice(0, cut + 1) : last + '/';
    return stringOf([...base.parts.slice(0, -1), kept, ...textParts(relative)], provenance);
  }
  return stringOf([...base.parts, ...textParts(relative)], provenance);
}

/**
 * The pieces of a .NET composite format string: literal text (with `{{`/`}}` unescaped) and
 * placeholders `{index[,alignment][:format]}`. Undefined when a brace is not part of either.
 * One pass over the text: placeholders never contain braces.
 */
function formatPieces(text: string): Array<string | { index: number; specifier: boolean }> | undefined {
  const pieces: Array<string | { index: number; specifier: boolean }> = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      literal += ch;
      i += 2;
    } else if (ch === '}') {
      return undefined;
    } else if (ch === '{') {
      const close = text.indexOf('}', i + 1);
      const open = text.indexOf('{', i + 1);
      if (close < 0 || (open >= 0 && open < close)) return undefined;
      const inside = text.slice(i + 1, close);
      const digits = /^\d+/.exec(inside)?.[0];
      const rest = digits === undefined ? undefined : inside.slice(digits.length);
      if (digits === undefined || (rest !== '' && rest![0] !== ',' && rest![0] !== ':')) return undefined;
      if (literal) pieces.push(literal);
      literal = '';
      pieces.push({ index: Number(digits), specifier: rest !== '' });
      i = close + 1;
    } else {
      literal += ch;
      i++;
    }
  }
  if (literal) pieces.push(literal);
  return pieces;
}

function format(args: AbstractValue[], key: string): AbstractValue {
  const provenance = mergeProvenance(args);
  const [template, ...values] = args;
  const text = template ? knownString(template) : undefined;
  const pieces = text === undefined ? undefined : formatPieces(text);
  if (!pieces) return unknown(key, provenance);
  const parts: (string | UnknownValue)[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      parts.push(piece);
      size += piece.length;
      continue;
    }
    const value = values[piece.index];
    if (!value) return unknown(key, provenance);
    size += value.size;
    // Checked as we go: '{0}{0}{0}…' must not build a huge text before it is measured.
    if (size > MAX_VALUE_SIZE) return unknown(key, provenance);
    // An alignment or format specifier ({0:D3}) changes the text in ways we do not model.
    if (piece.specifier) parts.push(unknown(`${key}#${piece.index}`, value));
    else for (const part of textParts(value)) parts.push(part);
  }
  return stringOf(parts, provenance);
}

function concat(args: AbstractValue[], key: string): AbstractValue {
  const provenance = mergeProvenance(args);
  if (args.length === 0) return unknown(key, provenance);
  if (args.some((a) => a.kind === 'array')) {
    if (!args.every((a) => a.kind === 'array')) return unknown(key, provenance);
    return arrayOf(args.flatMap((a) => (a.kind === 'array' ? a.items : [])), provenance);
  }
  return stringOf(args.flatMap(textParts), provenance);
}

function isEmpty(value: AbstractValue): boolean | undefined {
  switch (value.kind) {
    case 'null':
      return true;
    case 'string':
      if (value.parts.some((p) => typeof p === 'string' && p.length > 0)) return false;
      return value.parts.length === 0 ? true : undefined;
    case 'array':
      return value.items.length === 0;
    case 'object':
      return value.members.size === 0;
    default:
      return undefined;
  }
}

function coalesce(args: AbstractValue[], key: string): AbstractValue {
  for (const arg of args) {
    if (arg.kind === 'null') continue;
    if (arg.kind === 'unknown') return unknown(key, mergeProvenance(args));
    return arg;
  }
  return nullValue();
}

function stringFunction(args: AbstractValue[], key: string): AbstractValue {
  const [value] = args;
  if (!value) return unknown(key);
  if (value.kind === 'string') return value;
  if (value.kind === 'number' || value.kind === 'boolean') return literalString(String(value.value), value);
  return unknown(key, value);
}

function knownStrings(args: AbstractValue[], count: number): string[] | undefined {
  const texts = args.slice(0, count).map(knownString);
  return texts.length === count && texts.every((t) => t !== undefined) ? (texts as string[]) : undefined;
}

const BUILT_INS: Record<string, BuiltIn> = {
  concat,
  format,
  uri,
  string: stringFunction,
  coalesce,
  tolower: ([value], key) => (value ? mapText(value, 'tolower', (t) => t.toLowerCase()) : unknown(key)),
  toupper: ([value], key) => (value ? mapText(value, 'toupper', (t) => t.toUpperCase()) : unknown(key)),
  trim: (args, key) => {
    const texts = knownStrings(args, 1);
    return texts ? literalString(texts[0]!.trim(), mergeProvenance(args)) : unknown(key, mergeProvenance(args));
  },
  replace: (args, key) => {
    const texts = knownStrings(args, 3);
    if (!texts || texts[1] === '') return unknown(key, mergeProvenance(args));
    const [text, search, replacement] = texts as [string, string, string];
    const pieces = text.split(search);
    // Measured before joining: each replacement may be longer than what it replaces.
    if (text.length + (pieces.length - 1) * (replacement.length - search.length) > MAX_VALUE_SIZE) return unknown(key, mergeProvenance(args));
    return stringOf([pieces.join(replacement)], mergeProvenance(args));
  },
  equals: ([a, b], key) => {
    const left = a ? toPlain(a) : undefined;
    const right = b ? toPlain(b) : undefined;
    return left === undefined || right === undefined ? unknown(key) : boolean(deepEqual(left, right));
  },
  empty: ([value], key) => {
    const result = value ? isEmpty(value) : undefined;
    return result === undefined ? unknown(key) : boolean(result);
  },
  true: () => boolean(true),
  false: () => boolean(false),
  null: () => nullValue(),
};

/** Functions whose result says something about their arguments without carrying their content. */
const PREDICATES = new Set([
  'equals', 'empty', 'length', 'contains', 'startswith', 'endswith', 'less', 'lessorequals', 'greater',
  'greaterorequals', 'and', 'or', 'not', 'indexof', 'lastindexof', 'bool',
]);

/**
 * Evaluate a built-in call on evaluated arguments; anything not modelled is unknown. `key` gives
 * the canonical text of the call, computed only when the result needs it.
 */
export function callBuiltIn(lowerName: string, args: AbstractValue[], key: () => string): AbstractValue {
  const builtIn = Object.hasOwn(BUILT_INS, lowerName) ? BUILT_INS[lowerName] : undefined;
  if (builtIn) return builtIn(args, key());
  if (lowerName.startsWith('list')) return unknown(key(), { secret: true, origins: mergeProvenance(args).origins });
  const provenance: Provenance = PREDICATES.has(lowerName) ? NO_PROVENANCE : mergeProvenance(args);
  return unknown(key(), provenance);
}
