import { quoted } from '../src/expression';
import { defineRule } from '../src/engine';
import {
  extensionCondition,
  extensionCopyLoop,
  extensionName,
  fullNameSegments,
  segmentText,
  type ComputeKind,
  type DscExtension,
  type Extension,
  type FileModel,
} from '../src/model';
import { getString, getValue, type JsonValue } from '../src/parse';
import { COMPUTE_KIND_NAMES, nameLabel } from './shared/labels';

/** A DSC extension declaration, with what decides whether it meets another on its target. */
interface Declaration {
  dsc: DscExtension;
  /** The extension's own name, when known. */
  name: string | undefined;
  /** Conditions that must all hold for it to be deployed (canonical text). */
  requires: ReadonlySet<string>;
}

/** DSC extensions declared for one VM or one scale set model. */
interface TargetGroup {
  kind: ComputeKind;
  /** The target as messages name it: `virtual machine "web01"`, `each virtual machine of copy loop "vmLoop"`. */
  label: string;
  /** The target is declared once, not by a copy loop (so every iteration of a loop on it meets the others). */
  single: boolean;
  declarations: Declaration[];
}

const isSubset = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((key) => b.has(key));

/**
 * Two declarations are certainly deployed together whenever the one with more conditions is:
 * the conditions of one include all of the other's. Conditions are compared as written, so
 * opposite or unrelated conditions (`x` and `not(x)`, `a` and `b`) never count as together.
 */
const deployedTogether = (a: Declaration, b: Declaration): boolean => isSubset(a.requires, b.requires) || isSubset(b.requires, a.requires);

/** Names known to differ: the same name is the same extension, updated, not a second one. */
const namesDiffer = (a: Declaration, b: Declaration): boolean =>
  a.name !== undefined && b.name !== undefined && a.name.toLowerCase() !== b.name.toLowerCase();

/**
 * What an extension is declared for: the model's target, or, for a full-type resource whose VM
 * or scale set is not in the file, the first segment of its name within its template. The label
 * names it for messages: `virtual machine "web01"`, `each virtual machine of copy loop "vmLoop"`.
 */
function targetOf(model: FileModel, extension: Extension): { key: unknown; label: string; single: boolean } | undefined {
  const kind = COMPUTE_KIND_NAMES[extension.targetKind];
  const { target } = extension;
  if (target) {
    const loop = getValue(target.resource.node, 'copy');
    if (loop?.kind === 'object') {
      const loopName = getString(loop, 'name');
      return { key: target, label: `each ${kind} of copy loop${loopName === undefined ? '' : ` ${quoted(loopName)}`}`, single: false };
    }
    const name = target.resource.nameNode ? nameLabel(model, target.resource.nameNode) : '(unnamed)';
    return { key: target, label: `${kind} ${name}`, single: true };
  }
  const nameNode = extension.resource?.nameNode;
  const firstSegment = extension.resource && fullNameSegments(extension.resource, model.evaluate)?.[0];
  if (!nameNode || firstSegment === undefined) return undefined;
  const text = segmentText(firstSegment);
  const name = text === undefined ? nameLabel(model, nameNode) : quoted(text);
  return { key: `${model.templates.indexOf(extension.template)}|${extension.targetKind}|${firstSegment}`, label: `${kind} ${name}`, single: false };
}

/** The DSC extensions that may be deployed, grouped by target, each group in document order. */
function groupByTarget(model: FileModel): TargetGroup[] {
  const groups = new Map<unknown, TargetGroup>();
  const ordered = [...model.dscExtensions].sort((a, b) => a.extension.node.offset - b.extension.node.offset);
  for (const dsc of ordered) {
    const { extension } = dsc;
    const condition = extensionCondition(extension, model);
    const target = targetOf(model, extension);
    if (condition?.never || !target) continue;
    let group = groups.get(target.key);
    if (!group) {
      group = { kind: extension.targetKind, label: target.label, single: target.single, declarations: [] };
      groups.set(target.key, group);
    }
    group.declarations.push({ dsc, name: extensionName(extension, model.evaluate), requires: condition?.requires ?? new Set() });
  }
  return [...groups.values()];
}

export default defineRule({
  meta: {
    id: 'dsc-single-per-target',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Disallow more than one DSC extension on one virtual machine or in one scale set model.' },
    messages: {
      anotherOnVm:
        'DSC extension {{name}} is another on {{target}}, which already has {{first}} (line {{line}}); a VM takes one DSC extension, so the deployment fails ("Multiple VMExtensions per handler not supported").',
      anotherInScaleSet:
        'DSC extension {{name}} is another in the model of {{target}}, which already has {{first}} (line {{line}}); every instance would get both, and a VM takes one DSC extension.',
      copyLoopOnVm:
        'This copy loop deploys {{count}} DSC extensions on {{target}}; a VM takes one DSC extension, so the deployment fails ("Multiple VMExtensions per handler not supported").',
      copyLoopInScaleSet:
        'This copy loop puts {{count}} DSC extensions in the model of {{target}}; every instance would get all of them, and a VM takes one DSC extension.',
    },
    schema: [],
  },
  create(context) {
    const { model, source } = context;
    const nameNodeOf = (declaration: Declaration): JsonValue => {
      const { extension } = declaration.dsc;
      return extension.resource?.nameNode ?? getValue(extension.node, 'name') ?? extension.node;
    };

    /** A loop with a known count of two or more, on a target that is not itself repeated. */
    const reportCopyLoop = (group: TargetGroup, declaration: Declaration): void => {
      const loop = extensionCopyLoop(declaration.dsc.extension);
      const countNode = getValue(loop, 'count');
      if (!loop || !countNode || !group.single) return;
      // A condition that depends on the iteration may deploy only one of them.
      if ([...declaration.requires].some((key) => key.includes('copyindex('))) return;
      const count = model.evaluate(countNode);
      if (count.kind !== 'number' || count.value < 2) return;
      context.report({
        node: countNode,
        subject: declaration.dsc.extension.node,
        messageId: group.kind === 'virtualMachine' ? 'copyLoopOnVm' : 'copyLoopInScaleSet',
        data: { count: count.value, target: group.label },
      });
    };

    return {
      file() {
        for (const group of groupByTarget(model)) {
          group.declarations.forEach((declaration, index) => {
            reportCopyLoop(group, declaration);
            const first = group.declarations.slice(0, index).find((other) => namesDiffer(other, declaration) && deployedTogether(other, declaration));
            if (!first) return;
            context.report({
              node: nameNodeOf(declaration),
              subject: declaration.dsc.extension.node,
              messageId: group.kind === 'virtualMachine' ? 'anotherOnVm' : 'anotherInScaleSet',
              data: {
                name: quoted(declaration.name!),
                first: quoted(first.name!),
                line: source.locationOfNode(nameNodeOf(first)).line,
                target: group.label,
              },
            });
          });
        }
      },
    };
  },
});
