import { describeOrigin, displayValue, knownString, quoted, shortText } from '../../src/expression';
import type { ComputeKind, FileModel } from '../../src/model';
import type { JsonValue } from '../../src/parse';

/** How messages call a VM and a scale set. */
export const COMPUTE_KIND_NAMES: Record<ComputeKind, string> = { virtualMachine: 'virtual machine', scaleSet: 'scale set' };

/**
 * A resource name as messages show it: the known name in quotes, else the parameter or variable
 * it comes from, else the expression as written (shortened).
 */
export function nameLabel(model: FileModel, nameNode: JsonValue): string {
  const value = model.evaluate(nameNode);
  const text = knownString(value);
  if (text !== undefined) return quoted(text);
  return describeOrigin(value) ?? (nameNode.kind === 'string' ? shortText(nameNode.value) : displayValue(value));
}
