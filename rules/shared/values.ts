import { describeOrigin, displayValue, isExpressionText, knownString, originText, quoted, type AbstractValue } from '../../src/expression';
import type { Extension, FileModel } from '../../src/model';
import { contains, type JsonNodeBase, type JsonValue } from '../../src/parse';

/**
 * A value for a message: `value`, the text in quotes (shortened, escaped) or the number, boolean
 * or null; and `source`, ` (from parameters('x'))` when it came through a parameter or variable or
 * is written inside one (properties shared through a variable), else empty. A secret is shown by
 * the name it came from (displayValue), never its text, and needs no source.
 */
export function describeValue(model: FileModel, node: JsonValue, value: AbstractValue): { value: string; source: string } {
  if (value.secret) return { value: displayValue(value), source: '' };
  const definedIn = model.declarationContaining(node);
  const origin = describeOrigin(value) ?? (definedIn && originText(definedIn));
  const text = knownString(value);
  return { value: text === undefined ? displayValue(value) : quoted(text), source: origin ? ` (from ${origin})` : '' };
}

/**
 * The boolean a value stands for: a boolean, or the string "true"/"false" in any letter case
 * (counted as the boolean, as RULES.md does for autoUpgradeMinorVersion); undefined for anything
 * else, including values not known before deployment.
 */
export function booleanMeaning(value: AbstractValue): boolean | undefined {
  if (value.kind === 'boolean') return value.value;
  const text = knownString(value)?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/**
 * True when `node` is literal text written inside the extension object: only such a node is
 * edited by a fix, since a variable or parameter default may serve other extensions too.
 */
export function isLiteralIn(extension: Extension, node: JsonValue): boolean {
  return contains(extension.node, node) && !(node.kind === 'string' && isExpressionText(node.value));
}

/** The report target for a node about an extension: the extension is the subject when the node sits elsewhere. */
export function reportedAt(extension: Extension, node: JsonNodeBase): { node: JsonNodeBase; subject?: JsonNodeBase } {
  return contains(extension.node, node) ? { node } : { node, subject: extension.node };
}
