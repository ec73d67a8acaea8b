import type { NodeResolver } from './resolve';
import type { AbstractValue, Assumptions, Expression, Origin, Scope, TemplateString } from '../expression';
import type { JsonObject, JsonProperty, JsonString, JsonValue, SourceFile } from '../parse';

/** The root template or an inline nested deployment's `properties.template`. */
export interface Template {
  node: JsonObject;
  /** The `Microsoft.Resources/deployments` resource holding this template (undefined for the root). */
  deployment: Resource | undefined;
  parent: Template | undefined;
  /** `root`, or the nested deployment's `expressionEvaluationOptions.scope` (outer by default). */
  scopeKind: 'root' | 'inner' | 'outer';
  /** What `parameters()` / `variables()` see in this template (the parent's for outer scope). */
  scope: Scope;
  languageVersion: string | undefined;
  /** This template's own top-level resources (children hang off each resource). */
  resources: Resource[];
  /** User-defined functions declared in this template's `functions`. */
  functions: UserFunction[];
}

/** A user-defined function (`functions[].members.<name>`): `parameters()` in it sees only its own parameters. */
export interface UserFunction {
  namespace: string;
  name: string;
  /** The member object (`{ parameters, output }`). */
  node: JsonObject;
  /** Lower-cased parameter name → the name as declared. */
  parameters: ReadonlyMap<string, string>;
}

/** A JSON string that ARM evaluates as an expression, where it is evaluated. */
export interface ExpressionSite {
  node: JsonString;
  parsed: Extract<TemplateString, { kind: 'expression' }>;
  /** The template whose scope `parameters()` and `variables()` see here. */
  template: Template;
  /** The user-defined function the expression is part of, if any. */
  userFunction: UserFunction | undefined;
}

export interface Resource {
  node: JsonObject;
  template: Template;
  /** The resource this one is nested under (its `resources`), if any. */
  parent: Resource | undefined;
  /** Key in a languageVersion 2.0 `resources` object. */
  symbolicName: string | undefined;
  typeNode: JsonString | undefined;
  /** Full type as ARM sees it: a nested child's short type is appended to its parent's full type. */
  fullType: string | undefined;
  nameNode: JsonValue | undefined;
  children: Resource[];
}

export type ComputeKind = 'virtualMachine' | 'scaleSet';

export interface ComputeTarget {
  kind: ComputeKind;
  resource: Resource;
}

/** Where an extension is declared (RULES.md "Placements"). */
export type Placement = 'vm-child' | 'vm-resource' | 'vmss-profile' | 'vmss-child' | 'vmss-resource';

export interface Extension {
  /** The extension object: a resource, or an item of a scale set's extensionProfile.extensions. */
  node: JsonObject;
  placement: Placement;
  /** What the placement says it extends, resolved or not. */
  targetKind: ComputeKind;
  /** The VM or scale set it extends, when it can be resolved. */
  target: ComputeTarget | undefined;
  template: Template;
  /** The extension resource (undefined for vmss-profile items). */
  resource: Resource | undefined;
  /** `properties` of the extension (resolved through a whole-value variables()/parameters()). */
  properties: JsonObject | undefined;
}

/** Where a configuration argument was found. */
export type ArgumentSource = 'settings' | 'protectedSettings' | 'legacy-properties' | 'legacy-properties-array';

export interface ConfigurationArgument {
  name: string;
  /** The node naming the argument: the property key, or the `Name` value in the array form. */
  nameNode: JsonString;
  value: JsonValue | undefined;
  source: ArgumentSource;
}

/** The DSC extension seen through the nodes rules need; settings resolved through variables. */
export interface DscExtension {
  extension: Extension;
  publisher: JsonValue;
  type: JsonValue;
  typeHandlerVersion: JsonProperty | undefined;
  autoUpgradeMinorVersion: JsonProperty | undefined;
  settingsProperty: JsonProperty | undefined;
  /** `settings` as an object, when it is one (directly or through a whole-value reference). */
  settings: JsonObject | undefined;
  protectedSettingsProperty: JsonProperty | undefined;
  protectedSettings: JsonObject | undefined;
  /** settings.configuration (as an object when it resolves to one) and its url/script/function. */
  configuration: { object: JsonObject | undefined; url?: JsonProperty; script?: JsonProperty; function?: JsonProperty };
  /** settings.configurationData and its url. */
  configurationData: { object: JsonObject | undefined; url?: JsonProperty };
  /** protectedSettings.configurationUrlSasToken / configurationDataUrlSasToken */
  configurationUrlSasToken: JsonProperty | undefined;
  configurationDataUrlSasToken: JsonProperty | undefined;
  /** Legacy 1.x keys in settings. */
  legacy: { modulesUrl?: JsonProperty; configurationFunction?: JsonProperty; properties?: JsonProperty; sasToken?: JsonProperty };
  /** Which settings format the public settings use. */
  settingsFormat: 'none' | '1.x' | '2.x' | 'mixed';
  configurationArguments: ConfigurationArgument[];
}

/** Why an extension-like node is not where ARM takes it (see dsc-extension-placement). */
export type MisplacementReason =
  | { kind: 'extension-profile-under-properties'; computeKind: ComputeKind; key: JsonString }
  | { kind: 'profile-item-resource-key'; key: JsonString }
  | { kind: 'child-type-under-wrong-parent'; parentType: string | undefined; typeNode: JsonString }
  /** Nested in a VM or scale set (`parentType`), with the full type of an extension of another parent. */
  | { kind: 'nested-type-of-other-parent'; parentType: string; typeNode: JsonString }
  | { kind: 'name-segments'; nameNode: JsonValue; type: string; expected: number; found: number }
  | { kind: 'child-name-has-slash'; nameNode: JsonValue }
  | { kind: 'nested-in-extension-settings'; key: JsonString | undefined }
  | { kind: 'not-an-extension-place'; key: JsonString | undefined; computeKind: ComputeKind }
  | { kind: 'settings-beside-properties'; key: JsonString }
  | { kind: 'nested-in-settings'; key: JsonString };

/** A DSC-looking object and what is wrong with where it sits. */
export interface Misplacement {
  node: JsonObject;
  reason: MisplacementReason;
}

/** Values evaluated under assumptions (FileModel.evaluateAssuming). */
export interface AssumingEvaluation {
  evaluate(node: JsonValue): AbstractValue;
  /** Canonical keys of the `if()` conditions met so far that were neither known nor assumed. */
  readonly unknownConditions: ReadonlySet<string>;
}

/** Everything rules see of one template file. */
export interface FileModel {
  source: SourceFile;
  root: Template;
  /**
   * The file is an editor snippet (root `metadata.prefix`, VS Code ARM Tools): the template it is
   * inserted into declares its parameters and variables, and the user fills in its placeholders
   * (`${1:name}`), whose strings are unknown.
   */
  snippet: boolean;
  templates: Template[];
  /** Every resource of every template, parents before children. */
  resources: Resource[];
  computeTargets: ComputeTarget[];
  extensions: Extension[];
  dscExtensions: DscExtension[];
  misplacements: Misplacement[];
  /** Evaluate a node in the scope of the template it belongs to. */
  evaluate(node: JsonValue): AbstractValue;
  /**
   * The JSON nodes a value is taken from, one per alternative: through whole-value
   * `variables()`/`parameters()` references (into the values a parent deployment passes), members
   * and items of referenced values (an unknown index such as `copyIndex()` may pick any item), and
   * `if()`. A value that cannot be followed is its own only source.
   */
  sourcesOf(node: JsonValue): JsonValue[];
  /** Follows whole-value `variables()` / `parameters()` references to the nodes that define them. */
  readonly resolver: NodeResolver;
  /**
   * Evaluate part of an expression (such as one argument of a call the evaluator does not
   * compute) in the scope of the template `at` belongs to.
   */
  evaluateExpression(expression: Expression, at: JsonValue): AbstractValue;
  /**
   * A separate evaluation under assumptions (one copy-loop instance, chosen `if()` branches), for
   * values that must be taken together; it records the unknown conditions it meets.
   */
  evaluateAssuming(assumptions: Assumptions): AssumingEvaluation;
  /** The template a node belongs to (the innermost one containing it). */
  templateOf(node: JsonValue | JsonProperty): Template;
  /** The variable or parameter (default value) whose definition contains the node, if any. */
  declarationContaining(node: JsonValue): Origin | undefined;
}
