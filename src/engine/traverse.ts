import { isExpressionText, parseTemplateString } from '../expression';
import type { DscExtension, Extension, FileModel, Resource, Template, UserFunction } from '../model';
import type { JsonObject, JsonProperty, JsonValue } from '../parse';
import type { RuleEvent } from './types';

/** Calls every rule's handler of one event with its argument (the caller guards each call). */
export type Dispatch = (event: RuleEvent, argument: unknown) => void;

/**
 * Walk the model in document order and emit events: templates contain their resources, a
 * nested deployment contains its template, and extensions follow the resource or scale set
 * that declares them. Misplaced DSC objects come next, then the JSON walk (when an enabled rule
 * listens to jsonObject, jsonProperty or expression), then `file:exit`. Every walk is
 * iterative, so no nesting depth can overflow the stack.
 */
export function traverse(model: FileModel, listened: ReadonlySet<string>, dispatch: Dispatch): void {
  const templateByDeployment = new Map<Resource, Template>();
  for (const template of model.templates) if (template.deployment) templateByDeployment.set(template.deployment, template);
  const dscByExtension = new Map<Extension, DscExtension>(model.dscExtensions.map((d) => [d.extension, d]));
  const extensionsByResource = new Map<Resource, Extension[]>();
  for (const extension of model.extensions) {
    // Resource placements follow their own resource; profile items follow their scale set.
    const owner = extension.resource ?? extension.target?.resource;
    if (!owner) continue;
    const list = extensionsByResource.get(owner);
    if (list) list.push(extension);
    else extensionsByResource.set(owner, [extension]);
  }
  const computeByResource = new Map(model.computeTargets.map((t) => [t.resource, t]));

  dispatch('file', model);
  // Entries are a template or resource to enter, or one to leave.
  const stack: Array<{ template: Template } | { resource: Resource } | { exitTemplate: Template } | { exitResource: Resource }> = [{ template: model.root }];
  const pushAll = (resources: readonly Resource[]): void => {
    for (let i = resources.length - 1; i >= 0; i--) stack.push({ resource: resources[i]! });
  };
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    if ('template' in entry) {
      dispatch('template', entry.template);
      stack.push({ exitTemplate: entry.template });
      pushAll(entry.template.resources);
    } else if ('exitTemplate' in entry) {
      dispatch('template:exit', entry.exitTemplate);
    } else if ('exitResource' in entry) {
      dispatch('resource:exit', entry.exitResource);
    } else {
      const resource = entry.resource;
      dispatch('resource', resource);
      const compute = computeByResource.get(resource);
      if (compute) dispatch(compute.kind, compute);
      for (const extension of extensionsByResource.get(resource) ?? []) {
        dispatch('extension', extension);
        const dsc = dscByExtension.get(extension);
        if (dsc) dispatch('dscExtension', dsc);
      }
      stack.push({ exitResource: resource });
      const nested = templateByDeployment.get(resource);
      if (nested) stack.push({ template: nested });
      pushAll(resource.children);
    }
  }
  for (const misplacement of model.misplacements) dispatch('misplacedExtension', misplacement);
  if (listened.has('jsonProperty')) walkJson(model, listened, dispatch);
  else if (listened.has('jsonObject') || listened.has('expression')) dispatchGathered(model, listened, dispatch);
  dispatch('file:exit', model);
}

type ExpressionScope = { template: Template; userFunction: UserFunction | undefined };

/**
 * The objects and expressions the parser gathered, each kind in document order, without walking
 * the tree: every object, then every string ARM evaluates as an expression, with the template
 * (and user-defined function) whose scope it sees. Objects nest as their text ranges do, so one
 * sweep over the strings, with a stack of the template and function objects open at each, finds
 * every scope with nothing kept per node.
 */
function dispatchGathered(model: FileModel, listened: ReadonlySet<string>, dispatch: Dispatch): void {
  const { source } = model;
  if (listened.has('jsonObject')) for (const object of source.objects) dispatch('jsonObject', object);
  if (!listened.has('expression')) return;
  const starts: Array<{ node: JsonObject; template?: Template; userFunction?: UserFunction }> = [];
  for (const template of model.templates) {
    starts.push({ node: template.node, template });
    for (const userFunction of template.functions) starts.push({ node: userFunction.node, userFunction });
  }
  starts.sort((a, b) => a.node.offset - b.node.offset);
  const rootScope: ExpressionScope = { template: model.root, userFunction: undefined };
  const open: Array<{ end: number; scope: ExpressionScope }> = [];
  const innermost = (): ExpressionScope => open[open.length - 1]?.scope ?? rootScope;
  const closeBefore = (offset: number): void => {
    while (open.length > 0 && open[open.length - 1]!.end <= offset) open.pop();
  };
  let nextStart = 0;
  for (const node of source.bracketStrings) {
    if (!isExpressionText(node.value)) continue;
    for (; nextStart < starts.length && starts[nextStart]!.node.offset < node.offset; nextStart++) {
      const { node: object, template, userFunction } = starts[nextStart]!;
      closeBefore(object.offset);
      // An object that ends before this string holds no string still to come, nor do those inside it.
      if (object.offset + object.length <= node.offset) continue;
      const outer = innermost();
      open.push({ end: object.offset + object.length, scope: { template: template ?? outer.template, userFunction: userFunction ?? outer.userFunction } });
    }
    closeBefore(node.offset);
    const parsed = parseTemplateString(node.value);
    if (parsed.kind !== 'expression') continue;
    const { template, userFunction } = innermost();
    dispatch('expression', { node, parsed, template, userFunction });
  }
}

/**
 * Every object, property and template expression of the file in document order, each expression
 * with the template whose parameters and variables it sees (and the user-defined function whose
 * parameters it sees, inside one). Property names are not expressions: ARM does not evaluate them.
 *
 * This walk visits every node of every file, so it allocates nothing per node: one stack of
 * nodes, with a marker where the template or function in effect changes back.
 */
function walkJson(model: FileModel, listened: ReadonlySet<string>, dispatch: Dispatch): void {
  const templateByNode = new Map<JsonObject, Template>(model.templates.map((t) => [t.node, t]));
  const functionByNode = new Map<JsonObject, UserFunction>();
  for (const template of model.templates) for (const fn of template.functions) functionByNode.set(fn.node, fn);
  const wantsObjects = listened.has('jsonObject');
  const wantsProperties = listened.has('jsonProperty');
  const wantsExpressions = listened.has('expression');

  // A `null` entry restores the template and function that applied before the object above it.
  const stack: Array<JsonValue | JsonProperty | null> = [];
  const scopes: Array<{ template: Template; userFunction: UserFunction | undefined }> = [];
  let template = model.root;
  let userFunction: UserFunction | undefined;
  if (model.source.root) stack.push(model.source.root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === null) {
      ({ template, userFunction } = scopes.pop()!);
      continue;
    }
    switch (node.kind) {
      case 'property':
        if (wantsProperties) dispatch('jsonProperty', node);
        if (node.value) stack.push(node.value);
        break;
      case 'string':
        if (wantsExpressions && isExpressionText(node.value)) {
          const parsed = parseTemplateString(node.value);
          if (parsed.kind === 'expression') dispatch('expression', { node, parsed, template, userFunction });
        }
        break;
      case 'array':
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!);
        break;
      case 'object': {
        if (wantsObjects) dispatch('jsonObject', node);
        const innerTemplate = templateByNode.get(node);
        const innerFunction = functionByNode.get(node);
        if (innerTemplate || innerFunction) {
          scopes.push({ template, userFunction });
          stack.push(null);
          template = innerTemplate ?? template;
          userFunction = innerFunction ?? userFunction;
        }
        const properties = node.properties;
        for (let i = properties.length - 1; i >= 0; i--) stack.push(properties[i]!);
        break;
      }
    }
  }
}
