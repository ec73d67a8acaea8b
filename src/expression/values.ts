/**
 * Abstract values produced by the partial evaluator. A value is known, partly known (a string
 * with unknown holes), unknown, or a choice between alternatives (an `if` whose condition is
 * unknown). Every value carries provenance: which parameters/variables it came from and whether
 * it is secret.
 */

export interface Origin {
  kind: 'parameter' | 'variable';
  /** The name as declared. */
  name: string;
}

export interface Provenance {
  secret: boolean;
  origins: readonly Origin[];
}

export interface UnknownValue extends Provenance {
  kind: 'unknown';
  /** Canonical text of what produced the value: equal keys mean the same runtime value. */
  key: string;
}

/** A string whose pieces are literal text or unknown holes; known when it has no holes. */
export interface StringValue extends Provenance {
  kind: 'string';
  parts: readonly (string | UnknownValue)[];
}

export interface NumberValue extends Provenance {
  kind: 'number';
  value: number;
}

export interface BooleanValue extends Provenance {
  kind: 'boolean';
  value: boolean;
}

export interface NullValue extends Provenance {
  kind: 'null';
}

export interface ObjectValue extends Provenance {
  kind: 'object';
  /** Lower-cased key → member (last duplicate wins). */
  members: ReadonlyMap<string, { key: string; value: AbstractValue }>;
}

export interface ArrayValue extends Provenance {
  kind: 'array';
  items: readonly AbstractValue[];
}

export interface ChoiceValue extends Provenance {
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

/** Provenance of several values together. */
export function mergeProvenance(values: readonly Provenance[]): Provenance {
  let secret = false;
  const origins: Origin[] = [];
  for (const value of values) {
    secret ||= value.secret;
    for (const origin of value.origins) {
      if (!origins.some((o) => o.kind === origin.kind && o.name === origin.name)) origins.push(origin);
    }
  }
  return { secret, origins };
}

/** The same value with extra provenance put in front (the nearer source comes first). */
export function withProvenance<T extends AbstractValue>(value: T, extra: Provenance): T {
  const merged = mergeProvenance([extra, value]);
  return { ...value, secret: merged.secret, origins: merged.origins };
}

export function unknown(key: string, provenance: Provenance = NO_PROVENANCE): UnknownValue {
  return { kind: 'unknown', key, secret: provenance.secret, origins: provenance.origins };
}

/** A string value from parts, merging adjacent literal text. */
export function stringOf(parts: readonly (string | UnknownValue)[], provenance: Provenance = NO_PROVENANCE): StringValue {
  const merged: (string | UnknownValue)[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string') {
      if (part === '') continue;
      if (typeof last === 'string') merged[merged.length - 1] = last + part;
      else merged.push(part);
    } else {
      merged.push(part);
    }
  }
  return { kind: 'string', parts: merged, secret: provenance.secret, origins: provenance.origins };
}

/** The string, when the value is a fully known string. */
export function knownString(value: AbstractValue): string | undefined {
  if (value.kind !== 'string') return undefined;
  let text = '';
  for (const part of value.parts) {
    if (typeof part !== 'string') return undefined;
    text += part;
  }
  return text;
}

/** Every value the expression may take, or undefined when any of them is not fully known. */
export function possibleValues(value: AbstractValue): AbstractValue[] | undefined {
  if (value.kind === 'choice') {
    const all: AbstractValue[] = [];
    for (const option of value.options) {
      const values = possibleValues(option);
      if (!values) return undefined;
      all.push(...values);
    }
    return all;
  }
  return toPlain(value) === undefined ? undefined : [value];
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
      const result: Record<string, unknown> = {};
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
  if (value.kind === 'string') return value.parts.filter((p): p is string => typeof p === 'string');
  if (value.kind === 'choice') return value.options.flatMap(literalFragments);
  return [];
}

export function hasOrigin(value: Provenance, kind: Origin['kind'], name: string): boolean {
  const lower = name.toLowerCase();
  return value.origins.some((o) => o.kind === kind && o.name.toLowerCase() === lower);
}

/** Canonical key of any value, used to compare values symbolically (e.g. resource names). */
export function valueKey(value: AbstractValue): string {
  switch (value.kind) {
    case 'unknown':
      return value.key;
    case 'string': {
      // A string that is one unknown value is that value.
      const [only] = value.parts;
      if (value.parts.length === 1 && typeof only !== 'string' && only) return only.key;
      return value.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : `{${p.key}}`)).join('+');
    }
    case 'choice':
      return `choice(${value.options.map(valueKey).join(',')})`;
    case 'array':
      return `[${value.items.map(valueKey).join(',')}]`;
    case 'object':
      return `{${[...value.members].map(([key, member]) => `${JSON.stringify(key)}:${valueKey(member.value)}`).join(',')}}`;
    case 'null':
      return 'null';
    default:
      return String(value.value);
  }
}

/** An origin as template text: `variables('vmName')`, `parameters('prefix')`. */
export function originText(origin: Origin): string {
  return `${origin.kind === 'parameter' ? 'parameters' : 'variables'}('${origin.name}')`;
}

/** Where a value came from, as template text, when it came through a parameter or variable. */
export function describeOrigin(value: Provenance): string | undefined {
  const [origin] = value.origins;
  return origin ? originText(origin) : undefined;
}
