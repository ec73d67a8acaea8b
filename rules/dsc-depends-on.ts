import { knownString, quoted, shortText } from '../src/expression';
import { defineRule } from '../src/engine';
import { dependencyGraph, extensionCondition, extensionName, type Extension, type Resource, type Template } from '../src/model';
import { getObject, getProperty, getString, getValue, type JsonValue } from '../src/parse';
import { COMPUTE_KIND_NAMES, nameLabel } from './shared/labels';

/** `"existing": true` (languageVersion 2.0): a reference to a resource, not a deployment of it. */
function isExisting(resource: Resource): boolean {
  const value = getValue(resource.node, 'existing');
  return value?.kind === 'boolean' && value.value;
}

/** Whether a template is `inner` or nested (at any depth) inside it. */
function isWithin(template: Template, outer: Template): boolean {
  for (let current: Template | undefined = template; current; current = current.parent) if (current === outer) return true;
  return false;
}

export default defineRule({
  meta: {
    id: 'dsc-depends-on',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Require a DSC extension resource to depend on its VM or scale set, and not on other extensions.' },
    warnings: ['dependsOnExtension'],
    messages: {
      missingTarget:
        "Nothing in this DSC extension's dependsOn leads to {{target}} (line {{line}}), so ARM may deploy the extension before the {{kind}} exists (\"ParentResourceNotFound\"); add the {{kind}} to dependsOn.",
      missingTargetOutside:
        'Nothing makes this DSC extension wait for {{target}} (line {{line}}): neither its dependsOn nor that of deployment {{deployment}} (line {{deploymentLine}}), which holds it; ARM may deploy the extension before the {{kind}} exists ("ParentResourceNotFound").',
      dependsOnExtension:
        'This DSC extension waits for extension {{extension}}{{loop}} (line {{line}}); a DSC extension that does not start right after its VM may not resume after a reboot, and the deployment times out; make it depend only on its VM.',
    },
    schema: [],
  },
  create(context) {
    const { model, source } = context;
    const lineOf = (node: JsonValue) => source.locationOfNode(node).line;
    const extensionByResource = new Map(model.extensions.filter((e) => e.resource).map((e) => [e.resource!, e]));

    /** The finding for a full-type extension resource that nothing makes wait for its target. */
    const reportMissingTarget = (extension: Extension, resource: Resource): void => {
      const target = extension.target;
      if (!target || isExisting(target.resource) || !target.resource.nameNode) return;
      if (dependencyGraph(model).mayWaitFor(resource, target.resource)) return;
      const kind = extension.targetKind === 'virtualMachine' ? 'VM' : 'scale set';
      const data = {
        target: `${COMPUTE_KIND_NAMES[extension.targetKind]} ${nameLabel(model, target.resource.nameNode)}`,
        line: lineOf(target.resource.nameNode),
        kind,
      };
      const node = getProperty(resource.node, 'dependsOn')?.key ?? resource.nameNode ?? resource.node;
      // In a nested deployment that does not hold the target, the deployment is what must wait.
      const deployment = isWithin(target.resource.template, resource.template) ? undefined : resource.template.deployment;
      if (!deployment?.nameNode) {
        context.report({ node, messageId: 'missingTarget', data });
        return;
      }
      context.report({
        node,
        messageId: 'missingTargetOutside',
        data: { ...data, deployment: nameLabel(model, deployment.nameNode), deploymentLine: lineOf(deployment.nameNode) },
      });
    };

    /** Each dependsOn entry that names, for certain, only other extensions. */
    const reportExtensionDependencies = (resource: Resource): void => {
      for (const entry of dependencyGraph(model).dependsOn(resource)) {
        const others = entry.candidates.filter((c) => c.resource !== resource);
        if (entry.unresolved || others.length === 0 || !others.every((c) => c.certain && extensionByResource.has(c.resource))) continue;
        const [first] = others;
        const other = extensionByResource.get(first!.resource)!;
        const name = extensionName(other, model.evaluate);
        const nameNode = first!.resource.nameNode ?? first!.resource.node;
        // An entry that names a copy loop waits for every extension the loop makes.
        const loopName = getString(getObject(first!.resource.node, 'copy'), 'name');
        const entryText = knownString(model.evaluate(entry.node));
        const throughLoop = loopName !== undefined && entryText?.toLowerCase() === loopName.toLowerCase();
        context.report({
          node: entry.node,
          subject: resource.node,
          messageId: 'dependsOnExtension',
          data: {
            extension: name !== undefined ? quoted(name) : shortText(nameNode.kind === 'string' ? nameNode.value : '(unnamed)'),
            line: lineOf(nameNode),
            loop: throughLoop ? ` (every one its copy loop ${quoted(loopName)} makes)` : '',
          },
        });
      }
    };

    return {
      dscExtension({ extension }) {
        const { resource } = extension;
        if (!resource || isExisting(resource) || extensionCondition(extension, model)?.never) return;
        if (extension.placement === 'vm-resource' || extension.placement === 'vmss-resource') reportMissingTarget(extension, resource);
        reportExtensionDependencies(resource);
      },
    };
  },
});
