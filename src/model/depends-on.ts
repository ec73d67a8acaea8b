import { knownString, literalString, parseTemplateString, type AbstractValue, type CallExpression, type Expression } from '../expression';
import { getProperty, getString, getValue, type JsonValue } from '../parse';
import { nameSegments } from './compute';
import { callsIn } from './instances';
import { fullNameSegments, segmentBounds, segmentText } from './names';
import { NodeResolver } from './resolve';
import type { FileModel, Resource, Template } from './types';

/** A resource that a reference (a dependsOn entry, a reference() argument) may name. */
export interface NamedResource {
  resource: Resource;
  /** The reference names this resource for certain, not only possibly. */
  certain: boolean;
}

/** One reference to a resource of the template, resolved as far as it can be. */
export interface ResourceReference {
  node: JsonValue;
  /** The resources of the file it may name (it may also name one outside the file). */
  candidates: NamedResource[];
  /** Nothing could be resolved: it may name any resource. */
  unresolved: boolean;
}

/** Functions that build a resource ID from a type and names (any scope arguments come first). */
const RESOURCE_ID_FUNCTIONS = new Set(['resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid']);

type Match = 'yes' | 'no' | 'maybe';

/**
 * Compare name segments as the model does (unknown pieces are taken to hold no '/', so segments
 * line up): equal keys are the same name; a segment whose known text, or known start or end,
 * cannot be the other's proves the names different.
 */
function compareNames(reference: readonly string[], resource: readonly string[] | undefined): Match {
  if (!resource) return 'maybe';
  if (reference.length !== resource.length) return 'no';
  let match: Match = 'yes';
  for (let i = 0; i < reference.length; i++) {
    const [left, right] = [reference[i]!, resource[i]!];
    if (left === right) continue;
    const [a, b] = [segmentBounds(left), segmentBounds(right)];
    const prefixesAgree = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
    const suffixesAgree = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
    const bothKnown = segmentText(left) !== undefined && segmentText(right) !== undefined;
    if (bothKnown || !prefixesAgree || !suffixesAgree) return 'no';
    match = 'maybe';
  }
  return match;
}

/**
 * The dependencies between the resources of one file, as ARM orders a deployment: explicit
 * `dependsOn` entries (resource IDs, `type/name` paths, plain names, symbolic names, copy loop
 * names), implicit ones (`reference()` and `list*()` of a resource, a nested child's parent, the
 * nested deployment that holds a resource), and a deployment waiting for everything in its
 * inline template. It over-approximates: what cannot be resolved may name anything.
 */
export class DependencyGraph {
  private readonly resolver: NodeResolver;
  private readonly names = new Map<Resource, string[] | undefined>();
  private readonly explicit = new Map<Resource, ResourceReference[]>();
  private readonly edges = new Map<Resource, ResourceReference[]>();
  private readonly byType = new Map<string, Resource[]>();
  /** Every resource inside a deployment's inline template (at any depth). */
  private readonly inside = new Map<Resource, Resource[]>();
  private readonly deployments = new Set<Resource>();
  /** Per template, lower-cased symbolic names and copy loop names → the resources they label. */
  private readonly labels = new Map<Template, Map<string, Resource[]>>();

  constructor(private readonly model: FileModel) {
    this.resolver = model.resolver;
    const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const template of model.templates) if (template.deployment) this.deployments.add(template.deployment);
    for (const resource of model.resources) {
      const type = resource.fullType?.toLowerCase();
      if (type !== undefined) add(this.byType, type, resource);
      for (let template = resource.template; template.deployment && template.parent; template = template.parent) add(this.inside, template.deployment, resource);
      let labels = this.labels.get(resource.template);
      if (!labels) this.labels.set(resource.template, (labels = new Map()));
      const copy = getValue(resource.node, 'copy');
      const loopName = copy?.kind === 'object' ? getString(copy, 'name') : undefined;
      for (const label of [resource.symbolicName, loopName]) if (label !== undefined) add(labels, label.toLowerCase(), resource);
    }
  }

  /** The resource's `dependsOn` entries, resolved. */
  dependsOn(resource: Resource): ResourceReference[] {
    let entries = this.explicit.get(resource);
    if (!entries) {
      entries = this.resolveDependsOn(resource);
      this.explicit.set(resource, entries);
    }
    return entries;
  }

  /**
   * Whether `from` may wait for `to` before it is deployed, through any chain of explicit and
   * implicit dependencies. False only when every dependency on the way was resolved and none
   * leads to `to`.
   */
  mayWaitFor(from: Resource, to: Resource): boolean {
    const seen = new Set<Resource>([from]);
    const pending: Resource[] = [];
    const follow = (resource: Resource): boolean => {
      for (const reference of this.edgesOf(resource)) {
        if (reference.unresolved) return true;
        for (const { resource: next } of reference.candidates) if (!seen.has(next)) pending.push(next);
      }
      return false;
    };
    if (follow(from)) return true;
    for (let next = pending.pop(); next; next = pending.pop()) {
      if (next === to) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      if (follow(next)) return true;
      // A deployment is done when everything in its inline template is.
      for (const held of this.inside.get(next) ?? []) if (!seen.has(held)) pending.push(held);
    }
    return false;
  }

  /** What a resource waits for: its own references, its parent, and what its deployment waits for. */
  private edgesOf(resource: Resource): ResourceReference[] {
    let edges = this.edges.get(resource);
    if (edges) return edges;
    edges = [...this.dependsOn(resource), ...this.implicitReferences(resource)];
    if (resource.parent) edges.push({ node: resource.node, candidates: [{ resource: resource.parent, certain: false }], unresolved: false });
    else if (resource.template.deployment) edges.push(...this.edgesOf(resource.template.deployment));
    this.edges.set(resource, edges);
    return edges;
  }

  private resolveDependsOn(resource: Resource): ResourceReference[] {
    const property = getProperty(resource.node, 'dependsOn');
    if (!property?.value) return [];
    const entries = this.resolver.resolveArray(property.value);
    if (!entries) return [{ node: property.value, candidates: [], unresolved: true }];
    return entries.items.map((entry) => this.resolveEntry(entry, resource));
  }

  /** A dependsOn entry: a string that is a resource ID, a `type/name` path or a name. */
  private resolveEntry(entry: JsonValue, from: Resource): ResourceReference {
    return this.reference(entry, this.namedByNode(entry, from));
  }

  private reference(node: JsonValue, candidates: NamedResource[] | undefined): ResourceReference {
    return candidates ? { node, candidates, unresolved: false } : { node, candidates: [], unresolved: true };
  }

  /** What a string naming a resource may name, followed through whole-value variables and parameters. */
  private namedByNode(node: JsonValue, from: Resource): NamedResource[] | undefined {
    const defined = this.resolver.resolve(node) ?? node;
    if (defined.kind !== 'string') return undefined;
    const parsed = parseTemplateString(defined.value);
    if (parsed.kind === 'literal') return this.namedBy(parsed.value, from);
    if (!parsed.expression || parsed.errors.length > 0) return undefined;
    return this.namedByExpression(parsed.expression, defined, from);
  }

  /** What an expression naming a resource may name; undefined when it may name anything. */
  private namedByExpression(expression: Expression, at: JsonValue, from: Resource): NamedResource[] | undefined {
    if (expression.kind === 'call' && expression.namespace === undefined && RESOURCE_ID_FUNCTIONS.has(expression.name.toLowerCase())) {
      return this.namedByResourceId(expression, at);
    }
    const value = this.model.evaluateExpression(expression, at);
    const text = knownString(value);
    return text !== undefined ? this.namedBy(text, from) : this.namedByValue(value);
  }

  /** A call's argument naming a resource: `reference(variables('vmId'))` follows the variable to its definition. */
  private namedByArgument(argument: Expression, at: JsonValue, from: Resource): NamedResource[] | undefined {
    const declared = argument.kind === 'call' ? this.resolver.declaredNode(argument, this.model.templateOf(at).scope) : undefined;
    return declared ? this.namedByNode(declared, from) : this.namedByExpression(argument, at, from);
  }

  /** `resourceId([subscription], [group], type, name1, name2…)` and its siblings. */
  private namedByResourceId(call: CallExpression, at: JsonValue): NamedResource[] | undefined {
    const args = call.args.map((arg) => this.model.evaluateExpression(arg, at));
    const typeIndex = args.findIndex((arg) => {
      const text = knownString(arg);
      return text !== undefined && text.includes('/') && !text.startsWith('/');
    });
    if (typeIndex < 0) return undefined;
    const names: string[] = [];
    for (const arg of args.slice(typeIndex + 1)) {
      const segments = nameSegments(arg);
      if (!segments) return this.ofType(knownString(args[typeIndex]!)!, undefined);
      names.push(...segments);
    }
    return this.ofType(knownString(args[typeIndex]!)!, names);
  }

  /** A known text: a symbolic name or copy loop name of `from`'s template, else what the text names. */
  private namedBy(text: string, from: Resource): NamedResource[] | undefined {
    const labelled = this.labels.get(from.template)?.get(text.toLowerCase());
    if (labelled) return labelled.map((resource) => ({ resource, certain: true }));
    return this.namedByValue(literalString(text));
  }

  /** A string value: a resource ID, a `Namespace/type/name` path, or a resource name. */
  private namedByValue(value: AbstractValue): NamedResource[] | undefined {
    const segments = nameSegments(value);
    if (!segments) return undefined;
    const texts = segments.map(segmentText);
    // A resource ID (`/subscriptions/…/providers/Namespace/type/name`): the path after `providers`.
    const providers = texts.lastIndexOf('providers');
    if (providers >= 0) return this.ofPath(segments.slice(providers + 1));
    if (texts[0] === '') return texts.every((t) => t !== undefined) ? [] : undefined;
    // An unknown first segment may be anything, so the value may name any resource.
    if (texts[0] === undefined) return undefined;
    const byName = this.withName(this.model.resources, segments);
    if (segments.length >= 3 && texts[0].includes('.')) {
      const byPath = this.ofPath(segments);
      return byPath && [...byPath, ...byName];
    }
    return byName;
  }

  /** `Namespace/type/name[/type/name…]`: every type segment must be known. */
  private ofPath(segments: readonly string[]): NamedResource[] | undefined {
    if (segments.length < 3 || segments.length % 2 === 0) return undefined;
    const typeSegments = segments.filter((_, i) => i < 2 || i % 2 === 1).map(segmentText);
    if (typeSegments.some((t) => t === undefined)) return undefined;
    return this.ofType(typeSegments.join('/'), segments.filter((_, i) => i >= 2 && i % 2 === 0));
  }

  /** Resources of a type whose names may be `names` (any name, when undefined). */
  private ofType(type: string, names: readonly string[] | undefined): NamedResource[] {
    const resources = this.byType.get(type.replace(/\/+$/, '').toLowerCase()) ?? [];
    if (!names) return resources.map((resource) => ({ resource, certain: false }));
    return this.withName(resources, names);
  }

  private withName(resources: readonly Resource[], names: readonly string[]): NamedResource[] {
    const found: NamedResource[] = [];
    for (const resource of resources) {
      const match = compareNames(names, this.fullName(resource));
      if (match !== 'no') found.push({ resource, certain: match === 'yes' });
    }
    return found;
  }

  private fullName(resource: Resource): string[] | undefined {
    if (!this.names.has(resource)) this.names.set(resource, fullNameSegments(resource, this.model.evaluate));
    return this.names.get(resource);
  }

  /**
   * `reference()` and `list*()` calls in the resource's own definition (not in its children or
   * an inline template): ARM makes the resource wait for the resource they name.
   */
  private implicitReferences(resource: Resource): ResourceReference[] {
    const references: ResourceReference[] = [];
    const properties = getValue(resource.node, 'properties');
    const inlineTemplate = this.deployments.has(resource) && properties?.kind === 'object' ? getValue(properties, 'template') : undefined;
    const skipped = new Set([getValue(resource.node, 'resources'), inlineTemplate]);
    const stack: JsonValue[] = [resource.node];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (skipped.has(node)) continue;
      if (node.kind === 'object') for (const property of node.properties) if (property.value) stack.push(property.value);
      if (node.kind === 'array') stack.push(...node.items);
      if (node.kind !== 'string') continue;
      const parsed = parseTemplateString(node.value);
      if (parsed.kind !== 'expression' || !parsed.expression) continue;
      for (const call of referenceCalls(parsed.expression)) {
        const [argument] = call.args;
        const candidates = argument ? this.namedByArgument(argument, node, resource) : undefined;
        references.push(this.reference(node, candidates));
      }
    }
    return references;
  }
}

/** The `reference(…)` and `list…(…)` calls in an expression. */
function referenceCalls(expression: Expression): CallExpression[] {
  return callsIn(expression).filter((call) => {
    const name = call.name.toLowerCase();
    return call.namespace === undefined && (name === 'reference' || name.startsWith('list'));
  });
}

const graphs = new WeakMap<FileModel, DependencyGraph>();

/** The dependency graph of a file's resources, built once per model. */
export function dependencyGraph(model: FileModel): DependencyGraph {
  let graph = graphs.get(model);
  if (!graph) {
    graph = new DependencyGraph(model);
    graphs.set(model, graph);
  }
  return graph;
}
