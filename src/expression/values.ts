/**
 * Abstract values produced by the partial evaluator. A value is known, partly known (a string
 * with unknown holes), unknown, or a choice between alternatives (an `if` whose condition is
 * unknown). Every value carries provenance: which parameters/variables it came from and whether
 * it is secret. Every value also carries its `size` (text length plus items, counted through
 * nested values), so that no walk over a value can cost more than the budget allowed it to grow.
 */

import { MAX_CHOICES, MAX_KEY_LENGTH, MAX_VALUE_SIZE } from './budgets';
import { shortHash } from '../text/digest';

export interface Origin {
  kind: 'parameter' | 'variable';
  /** The name as declared. */
  name: string;
  /** The parameters file that gave the parameter's value, when one did. */
  file?: string;
}

export interface Provenance {
  secret: boolean;
  origins: readonly Origin[];
}

interface Sized extends Provenance {
  /** Text length plus items and members, counted through nested values (at least 1). */
  size: number;
}

export interface UnknownValue extends Sized {
  kind: 'unknown';
  /** Canonical text of what produced the value: equal keys mean the same runtime value. */
  key: string;
}

/** A string whose pieces are literal text or unknown holes; known when it has no holes. */
export interface StringValue extends Sized {
  kind: 'string';
  parts: readonly (string | UnknownValue)[];
}

export interface NumberValue extends Sized {
  kind: 'number';
  value: number;
}

export interface BooleanValue extends Sized {
  kind: 'boolean';
  value: boolean;
}

export interface NullValue extends Sized {
  kind: 'null';
}

export interface ObjectValue extends Sized {
  kind: 'object';
  /** Lower-cased key → member (last duplicate wins). */
  members: ReadonlyMap<string, { key: string; value: AbstractValue }>;
}

export interface ArrayValue extends Sized {
  kind: 'array';
  items: readonly AbstractValue[];
}

/** Alternatives, never nested (a choice of choices is flattened), at most MAX_CHOICES of them. */
export interface ChoiceValue extends Sized {
  kind: 'choice';
  options: readonly AbstractValue[];
}

export type AbstractValue =
  | UnknownValue
  | StringValue
  | NumberValue
  | BooleanValue
  | NullValue
  | ObjectValue
  | ArrayValue
  | ChoiceValue;

export const NO_PROVENANCE: Provenance = { secret: false, origins: [] };

/** Provenance of several values together (origins in order, each once). */
export function mergeProvenance(values: readonly Provenance[]): Provenance {
  let secret = false;
  let origins: Origin[] | undefined;
  let seen: Set<string> | undefined;
  for (const value of values) {
    secret ||= value.secret;
    if (value.origins.length === 0) continue;
    if (!origins) {
      // The common case, one source of origins, shares its array.
      if (values.every((other) => other === value || other.origins.length === 0 || other.origins === value.origins)) {
        return { secret: secret || values.some((v) => v.secret), origins: value.origins };
      }
      origins = [];
      seen = new Set();
    }
    for (const origin of value.origins) {
      const id = `${origin.kind}:${origin.name}`;
      if (seen!.has(id)) continue;
      seen!.add(id);
      origins.push(origin);
    }
  }
  return { secret, origins: origins ?? [] };
}

/** Canonical keys already computed, by value (a key does not depend on provenance). */
const keys = new WeakMap<AbstractValue, string>();

/** The same value with extra provenance put in front (the nearer source comes first). */
export function withProvenance<T extends AbstractValue>(value: T, extra: Provenance): T {
  if (extra.origins.length === 0 && (!extra.secret || value.secret)) return value;
  const merged = mergeProvenance([extra, value]);
  const copy = { ...value, secret: merged.secret, origins: merged.origins };
  const key = keys.get(value);
  if (key !== undefined) keys.set(copy, key);
  return copy;
}

/** An unknown value; a long key is replaced by a hash of it, so keys stay small however values nest. */
export function unknown(key: string, provenance: Provenance = NO_PROVENANCE): UnknownValue {
  const boundedKey = key.length > MAX_KEY_LENGTH ? `#${shortHash(key)}` : key;
  return { kind: 'unknown', key: boundedKey, size: 1, secret: provenance.secret, origins: provenance.origins };
}

/**
 * A string value from parts, merging adjacent literal text; unknown when the text would be larger
 * than MAX_VALUE_SIZE (checked before any text is joined).
 */
export function stringOf(parts: readonly (string | UnknownValue)[], provenance: Provenance = NO_PROVENANCE): StringValue | UnknownValue {
  let size = 0;
  for (const part of parts) size += typeof part === 'string' ? part.length : part.size;
  if (size > MAX_VALUE_SIZE) return unknown('too-large', provenance);
  const merged: (string | UnknownValue)[] = [];
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) merged.push(pending.join(''));
    pending = [];
  };
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part !== '') pending.push(part);
    } else {
      flush();
      merged.push(part);
    }
  }
  flush();
  return { kind: 'string', parts: merged, size: Math.max(1, size), secret: provenance.secret, origins: provenance.origins };
}

/** A string known to be small (a literal from the template or a short computed text). */
export function literalString(text: string, provenance: Provenance = NO_PROVENANCE): StringValue {
  return { kind: 'string', parts: text === '' ? [] : [text], size: Math.max(1, text.length), secret: provenance.secret, origins: provenance.origins };
}

export function numberValue(value: number, provenance: Provenance = NO_PROVENANCE): NumberValue {
  return { kind: 'number', value, size: 1, secret: provenance.secret, origins: provenance.origins };
}

export function booleanValue(value: boolean, provenance: Provenance = NO_PROVENANCE): BooleanValue {
  return { kind: 'boolean', value, size: 1, secret: provenance.secret, origins: provenance.origins };
}

export function nullValue(provenance: Provenance = NO_PROVENANCE): NullValue {
  return { kind: 'null', size: 1, secret: provenance.secret, origins: provenance.origins };
}

/** An array value; unknown when it (counting nested values) is larger than MAX_VALUE_SIZE. */
export function arrayOf(items: readonly AbstractValue[], provenance: Provenance = NO_PROVENANCE): ArrayValue | UnknownValue {
  let size = 1;
  for (const item of items) size += item.size;
  if (size > MAX_VALUE_SIZE) return unknown('too-large', provenance);
  return { kind: 'array', items, size, secret: provenance.secret, origins: provenance.origins };
}

/** An object value; unknown when it (counting nested values) is larger than MAX_VALUE_SIZE. */
export function objectOf(members: ReadonlyMap<string, { key: string; value: AbstractValue }>, provenance: Provenance = NO_PROVENANCE): ObjectValue | UnknownValue {
  let size = 1;
  for (const member of members.values()) size += member.key.length + member.value.size;
  if (size > MAX_VALUE_SIZE) return unknown('too-large', provenance);
  return { kind: 'object', members, size, secret: provenance.secret, origins: provenance.origins };
}

/**
 * A choice between alternatives: nested choices are flattened, a single alternative is itself,
 * and more than MAX_CHOICES alternatives (or too large a total) are unknown.
 */
export function choiceOf(alternatives: readonly AbstractValue[], provenance: Provenance = mergeProvenance(alternatives)): AbstractValue {
  const options: AbstractValue[] = [];
  let size = 1;
  for (const alternative of alternatives) {
    for (const option of alternative.kind === 'choice' ? alternative.options : [alternative]) {
      if (options.length === MAX_CHOICES) return unknown(`choices(${alternatives.map(valueKey).join(',')})`, provenance);
      options.push(option);
      size += option.size;
    }
  }
  if (size > MAX_VALUE_SIZE) return unknown('too-large', provenance);
  if (options.length === 1) return withProvenance(options[0]!, provenance);
  return { kind: 'choice', options, size, secret: provenance.secret, origins: provenance.origins };
}

/** The alternatives of a value: its options when it is a choice, else the value itself. */
export function alternativesOf(value: AbstractValue): readonly AbstractValue[] {
  return value.kind === 'choice' ? value.options : [value];
}

/** The string, when the value is a fully known string. */
export function knownString(value: AbstractValue): string | undefined {
  if (value.kind !== 'string') return undefined;
  if (value.parts.length === 0) return '';
  if (value.parts.length === 1 && typeof value.parts[0] === 'string') return value.parts[0];
  return undefined;
}

/** Every value the expression may take, or undefined when any of them is not fully known. */
export function possibleValues(value: AbstractValue): AbstractValue[] | undefined {
  const options = alternativesOf(value);
  return options.every((option) => toPlain(option) !== undefined) ? [...options] : undefined;
}

/** Plain JS value when fully known (null for JSON null), else undefined. */
export function toPlain(value: AbstractValue): unknown {
  switch (value.kind) {
    case 'string':
      return knownString(value);
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'array': {
      const items: unknown[] = [];
      for (const item of value.items) {
        const plain = toPlain(item);
        if (plain === undefined) return undefined;
        items.push(plain);
      }
      return items;
    }
    case 'object': {
      const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const { key, value: member } of value.members.values()) {
        const plain = toPlain(member);
        if (plain === undefined) return undefined;
        result[key] = plain;
      }
      return result;
    }
    default:
      return undefined;
  }
}

/** The literal text pieces a string value is known to contain (across every alternative). */
export function literalFragments(value: AbstractValue): string[] {
  const fragments: string[] = [];
  for (const option of alternativesOf(value)) {
    if (option.kind === 'string') for (const part of option.parts) if (typeof part === 'string') fragments.push(part);
  }
  return fragments;
}

export function hasOrigin(value: Provenance, kind: Origin['kind'], name: string): boolean {
  const lower = name.toLowerCase();
  return value.origins.some((o) => o.kind === kind && o.name.toLowerCase() === lower);
}

/**
 * Canonical key of any value, used to compare values symbolically (e.g. resource names). Keys of
 * large values are hashed, so a key is never much longer than MAX_KEY_LENGTH.
 */
export function valueKey(value: AbstractValue): string {
  if (value.kind === 'unknown') return value.key;
  const cached = keys.get(value);
  if (cached !== undefined) return cached;
  const key = computeKey(value);
  keys.set(value, key);
  return key;
}

function computeKey(value: Exclude<AbstractValue, UnknownValue>): string {
  let key: string;
  switch (value.kind) {
    case 'string': {
      // A string that is one unknown value is that value.
      const [only] = value.parts;
      if (value.parts.length === 1 && typeof only !== 'string' && only) return only.key;
      key = value.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : `{${p.key}}`)).join('+');
      break;
    }
    case 'choice':
      key = `choice(${value.options.map(valueKey).join(',')})`;
      break;
    case 'array':
      key = `[${value.items.map(valueKey).join(',')}]`;
      break;
    case 'object':
      key = `{${[...value.members].map(([name, member]) => `${JSON.stringify(name)}:${valueKey(member.value)}`).join(',')}}`;
      break;
    case 'null':
      return 'null';
    default:
      return String(value.value);
  }
  return key.length > MAX_KEY_LENGTH ? `#${shortHash(key)}` : key;
}

/** An origin as template text: `variables('vmName')`, `parameters('prefix')`. */
export function originText(origin: Origin): string {
  return `${origin.kind === 'parameter' ? 'parameters' : 'variables'}('${origin.name}')`;
}

/**
 * Where a value came from, as template text, when it came through a parameter or variable; with
 * the parameters file when one gave the value: `parameters('vmName') in azuredeploy.parameters.json`.
 */
export function describeOrigin(value: Provenance): string | undefined {
  const [origin] = value.origins;
  if (!origin) return undefined;
  const file = value.origins.find((o) => o.file !== undefined)?.file;
  return file === undefined ? originText(origin) : `${originText(origin)} in ${file}`;
}

/** A plain JSON value (from a parameters file) as a known value. */
export function plainValue(value: unknown, provenance: Provenance = NO_PROVENANCE): AbstractValue {
  if (typeof value === 'string') return stringOf([value], provenance);
  if (typeof value === 'number') return numberValue(value, provenance);
  if (typeof value === 'boolean') return booleanValue(value, provenance);
  if (value === null || value === undefined) return nullValue(provenance);
  if (Array.isArray(value)) return arrayOf(value.map((item) => plainValue(item)), provenance);
  const members = new Map<string, { key: string; value: AbstractValue }>();
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) members.set(key.toLowerCase(), { key, value: plainValue(member) });
  return objectOf(members, provenance);
}
