import type { DscExtension, Extension, FileModel, Resource, Template } from '../model';
import type { RuleListeners } from './types';

type Dispatch = <E extends keyof RuleListeners>(event: E, ...args: Parameters<NonNullable<RuleListeners[E]>>) => void;

/**
 * Walk the model in document order and emit events: templates contain their resources, a
 * nested deployment contains its template, and extensions follow the resource or scale set
 * that declares them. Misplaced DSC objects come last, before `file:exit`.
 */
export function traverse(model: FileModel, dispatch: Dispatch): void {
  const templateByDeployment = new Map<Resource, Template>();
  for (const template of model.templates) if (template.deployment) templateByDeployment.set(template.deployment, template);
  const dscByExtension = new Map<Extension, DscExtension>(model.dscExtensions.map((d) => [d.extension, d]));
  const extensionsByResource = new Map<Resource, Extension[]>();
  for (const extension of model.extensions) {
    // Resource placements follow their own resource; profile items follow their scale set.
    const owner = extension.resource ?? extension.target?.resource;
    if (owner) extensionsByResource.set(owner, [...(extensionsByResource.get(owner) ?? []), extension]);
  }
  const computeByResource = new Map(model.computeTargets.map((t) => [t.resource, t]));

  const visitTemplate = (template: Template): void => {
    dispatch('template', template);
    template.resources.forEach(visitResource);
    dispatch('template:exit', template);
  };

  const visitResource = (resource: Resource): void => {
    dispatch('resource', resource);
    const compute = computeByResource.get(resource);
    if (compute) dispatch(compute.kind, compute);
    for (const extension of extensionsByResource.get(resource) ?? []) {
      dispatch('extension', extension);
      const dsc = dscByExtension.get(extension);
      if (dsc) dispatch('dscExtension', dsc);
    }
    resource.children.forEach(visitResource);
    const nested = templateByDeployment.get(resource);
    if (nested) visitTemplate(nested);
    dispatch('resource:exit', resource);
  };

  dispatch('file', model);
  visitTemplate(model.root);
  for (const misplacement of model.misplacements) dispatch('misplacedExtension', misplacement);
  dispatch('file:exit', model);
}
