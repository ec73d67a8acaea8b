import { Evaluator, type Assumptions, type Expression, type Origin, type Scope } from '../expression';
import { getObject, getProperty, getString, type JsonNode, type JsonObject, type JsonValue, type SourceFile } from '../parse';
import { collectExtensions } from './compute';
import { dscView } from './dsc';
import { findMisplacements } from './misplaced';
import { NodeResolver } from './resolve';
import { collectTemplates } from './templates';
import type { DscExtension, FileModel, Template } from './types';

export type DocumentKind = 'template' | 'parameters' | 'other';

/** The top-level sections of a deployment template besides `$schema`. */
const TEMPLATE_SECTIONS = ['contentVersion', 'resources', 'parameters', 'variables', 'functions', 'outputs'];

/**
 * What a JSON document is (DESIGN.md "Non-templates"): a deployment template when its `$schema`
 * names one and it has any template section (a document with the schema and none, such as an
 * editor's colouring test input, is no template), or, without `$schema`, when it has `resources`
 * and `contentVersion`.
 */
export function classifyDocument(root: JsonValue | undefined): DocumentKind {
  if (root?.kind !== 'object') return 'other';
  const schema = getString(root, '$schema')?.toLowerCase();
  if (schema !== undefined) {
    if (schema.includes('deploymenttemplate')) return TEMPLATE_SECTIONS.some((section) => getProperty(root, section)) ? 'template' : 'other';
    if (schema.includes('deploymentparameters')) return 'parameters';
    return 'other';
  }
  return getProperty(root, 'resources') && getProperty(root, 'contentVersion') ? 'template' : 'other';
}

/**
 * An editor snippet in the format of VS Code's ARM Tools (a template whose root `metadata` has a
 * `prefix`, the text typed to insert it): a fragment of the template it is inserted into.
 */
function isEditorSnippet(root: JsonObject): boolean {
  return getString(getObject(root, 'metadata'), 'prefix') !== undefined;
}

/** Parameter values a parameters file gives the root template (lower-cased names). */
export interface ParameterFileValues {
  /** The file's name as messages show it. */
  file: string;
  values: ReadonlyMap<string, { value: unknown } | { keyVaultReference: true }>;
}

/** Build the model of a template file whose root is an object, with values from a parameters file if given. */
export function buildModel(source: SourceFile, rootNode: JsonObject, parameterFile?: ParameterFileValues): FileModel {
  const { templates, resources } = collectTemplates(rootNode);
  const root = templates[0]!;
  for (const [name, given] of parameterFile?.values ?? []) {
    const declaration = root.scope.parameters.get(name);
    if (declaration) declaration.fileValue = { file: parameterFile!.file, ...given };
  }
  const templateByNode = new Map<JsonNode, Template>(templates.map((t) => [t.node, t]));
  const templateOf = (node: JsonNode): Template => {
    for (let current: JsonNode | undefined = node; current; current = current.parent) {
      const template = templateByNode.get(current);
      if (template) return template;
    }
    return root;
  };
  const scopeOf = (node: JsonValue): Scope => templateOf(node).scope;
  const snippet = isEditorSnippet(rootNode);
  const evaluator = new Evaluator({}, snippet);
  const evaluate = (node: JsonValue) => evaluator.evaluate(node, scopeOf(node));
  const evaluateExpression = (expression: Expression, at: JsonValue) => evaluator.evaluateExpression(expression, scopeOf(at));
  const resolver = new NodeResolver(scopeOf, (expression, scope) => evaluator.evaluateExpression(expression, scope));
  const evaluateAssuming = (assumptions: Assumptions) => {
    const assuming = new Evaluator(assumptions, snippet);
    return { evaluate: (node: JsonValue) => assuming.evaluate(node, scopeOf(node)), unknownConditions: assuming.unknownConditions };
  };

  const { computeTargets, extensions } = collectExtensions(resources, resolver, evaluate);
  const dscExtensions = extensions.map((e) => dscView(e, resolver, evaluate)).filter((d): d is DscExtension => d !== undefined);
  const misplacements = findMisplacements({ resources, computeTargets, extensions, dscExtensions, resolver, evaluate });

  const declarationContaining = (node: JsonValue): Origin | undefined => {
    const template = templateOf(node);
    // Walk up to the property directly under the template's `variables` or `parameters`.
    for (let current: JsonNode | undefined = node; current?.parent; current = current.parent) {
      if (current.kind !== 'property' || current.parent.parent?.kind !== 'property' || current.parent.parent.parent !== template.node) continue;
      const section = current.parent.parent.key.value.toLowerCase();
      if (section === 'variables') return { kind: 'variable', name: current.key.value };
      if (section === 'parameters') return { kind: 'parameter', name: current.key.value };
    }
    return undefined;
  };

  return {
    source,
    root,
    snippet,
    templates,
    resources,
    computeTargets,
    extensions,
    dscExtensions,
    misplacements,
    evaluate,
    sourcesOf: (node) => resolver.sources(node),
    resolver,
    evaluateExpression,
    evaluateAssuming,
    templateOf,
    declarationContaining,
  };
}
