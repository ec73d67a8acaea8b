import type { ParameterDeclaration, Scope, VariableDeclaration } from '../expression';
import { getArray, getObject, getProperty, getString, getValue, type JsonObject, type JsonValue } from '../parse';
import type { Resource, Template, UserFunction } from './types';

const DEPLOYMENTS_TYPE = 'microsoft.resources/deployments';

export function isType(resource: Resource, type: string): boolean {
  return resource.fullType?.toLowerCase() === type.toLowerCase();
}

/** Every template in the file (root first, then nested deployments, depth-first) and every resource. */
export function collectTemplates(rootNode: JsonObject): { templates: Template[]; resources: Resource[] } {
  const templates: Template[] = [];
  const resources: Resource[] = [];
  let scopeCount = 0;

  const addTemplate = (node: JsonObject, deployment: Resource | undefined, parent: Template | undefined): void => {
    const scopeKind = !parent ? 'root' : isInnerScope(deployment) ? 'inner' : 'outer';
    const scope = scopeKind === 'outer' && parent ? parent.scope : newScope(node, scopeCount++);
    const template: Template = {
      node,
      deployment,
      parent,
      scopeKind,
      scope,
      languageVersion: getString(node, 'languageVersion'),
      resources: [],
      functions: userFunctions(node),
    };
    if (scopeKind === 'inner' && deployment && parent) bindPassedParameters(scope, deployment, parent.scope);
    templates.push(template);
    const nested: Array<[JsonObject, Resource]> = [];
    const addResources = (container: JsonValue | undefined, parentResource: Resource | undefined): Resource[] => {
      const added: Resource[] = [];
      for (const [symbolicName, node] of resourceEntries(container)) {
        const resource = makeResource(node, template, parentResource, symbolicName);
        resources.push(resource);
        added.push(resource);
        resource.children = addResources(getValue(node, 'resources'), resource);
        const innerTemplate = isDeployment(resource) ? getObject(getObject(node, 'properties'), 'template') : undefined;
        if (innerTemplate) nested.push([innerTemplate, resource]);
      }
      return added;
    };
    template.resources = addResources(getValue(node, 'resources'), undefined);
    for (const [innerTemplate, resource] of nested) addTemplate(innerTemplate, resource, template);
  };

  addTemplate(rootNode, undefined, undefined);
  return { templates, resources };
}

/** `functions: [{ namespace, members: { name: { parameters: [{ name }], output } } }]` */
function userFunctions(template: JsonObject): UserFunction[] {
  const functions: UserFunction[] = [];
  for (const entry of getArray(template, 'functions')?.items ?? []) {
    if (entry.kind !== 'object') continue;
    const namespace = getString(entry, 'namespace') ?? '';
    for (const member of getObject(entry, 'members')?.properties ?? []) {
      if (member.value?.kind !== 'object') continue;
      const parameters = new Map<string, string>();
      for (const parameter of getArray(member.value, 'parameters')?.items ?? []) {
        const name = parameter.kind === 'object' ? getString(parameter, 'name') : undefined;
        if (name !== undefined) parameters.set(name.toLowerCase(), name);
      }
      functions.push({ namespace, name: member.key.value, node: member.value, parameters });
    }
  }
  return functions;
}

function isDeployment(resource: Resource): boolean {
  return isType(resource, DEPLOYMENTS_TYPE);
}

function isInnerScope(deployment: Resource | undefined): boolean {
  const options = getObject(getObject(deployment?.node, 'properties'), 'expressionEvaluationOptions');
  return getString(options, 'scope')?.toLowerCase() === 'inner';
}

/** `resources` as an array, or (languageVersion 2.0) an object of symbolic names. */
function resourceEntries(container: JsonValue | undefined): Array<[string | undefined, JsonObject]> {
  if (container?.kind === 'array') {
    return container.items.filter((item): item is JsonObject => item.kind === 'object').map((item) => [undefined, item]);
  }
  if (container?.kind === 'object') {
    return container.properties
      .filter((p) => p.value?.kind === 'object')
      .map((p) => [p.key.value, p.value as JsonObject]);
  }
  return [];
}

function makeResource(node: JsonObject, template: Template, parent: Resource | undefined, symbolicName: string | undefined): Resource {
  const typeValue = getValue(node, 'type');
  const typeNode = typeValue?.kind === 'string' ? typeValue : undefined;
  let fullType = typeNode?.value;
  // A nested child's short type (`extensions`) is relative to its parent's full type.
  if (fullType !== undefined && parent && !fullType.includes('/') && parent.fullType !== undefined) {
    fullType = `${parent.fullType}/${fullType}`;
  }
  return { node, template, parent, symbolicName, typeNode, fullType, nameNode: getValue(node, 'name'), children: [] };
}

function newScope(template: JsonObject, id: number): Scope {
  const parameters = new Map<string, ParameterDeclaration>();
  const variables = new Map<string, VariableDeclaration>();
  const scope: Scope = { id, parameters, variables };
  for (const property of getObject(template, 'parameters')?.properties ?? []) {
    const declaration = property.value;
    if (declaration?.kind !== 'object') continue;
    parameters.set(property.key.value.toLowerCase(), {
      name: property.key.value,
      declaration,
      type: getString(declaration, 'type')?.toLowerCase(),
      defaultValue: getValue(declaration, 'defaultValue'),
      scope,
    });
  }
  for (const property of getObject(template, 'variables')?.properties ?? []) {
    if (!property.value) continue;
    if (property.key.value.toLowerCase() === 'copy' && property.value.kind === 'array') {
      // Variable copy loops: each loop defines a variable whose value depends on copyIndex().
      for (const loop of property.value.items) {
        const name = loop.kind === 'object' ? getString(loop, 'name') : undefined;
        if (name !== undefined) variables.set(name.toLowerCase(), { name, value: undefined, scope });
      }
      continue;
    }
    variables.set(property.key.value.toLowerCase(), { name: property.key.value, value: property.value, scope });
  }
  return scope;
}

/** Inner scope: the values the deployment passes in `properties.parameters` (evaluated outside). */
function bindPassedParameters(scope: Scope, deployment: Resource, outer: Scope): void {
  const passed = getObject(getObject(deployment.node, 'properties'), 'parameters');
  for (const declaration of scope.parameters.values()) {
    const entry = getObject(passed, declaration.name);
    if (!entry) continue;
    const value = getValue(entry, 'value');
    if (value) declaration.passed = { value, scope: outer };
    else if (getProperty(entry, 'reference')) declaration.passed = 'keyVaultReference';
  }
}
