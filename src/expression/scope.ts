import type { JsonObject, JsonValue } from '../parse/json-nodes';

export interface ParameterDeclaration {
  /** The name as declared. */
  name: string;
  declaration: JsonObject;
  /** Declared type, lower-cased (`string`, `securestring`, …). */
  type: string | undefined;
  defaultValue: JsonValue | undefined;
  /** Scope the default value is evaluated in (the declaring template's). */
  scope: Scope;
  /**
   * For an inner-scope nested template: what the parent deployment passes in
   * `properties.parameters.<name>` — a value node evaluated in the parent's scope, or a Key Vault
   * reference (secret, unknown).
   */
  passed?: { value: JsonValue; scope: Scope } | 'keyVaultReference';
  /**
   * For the root template: the value a parameters file gives (a literal, never a node of this
   * file), or a Key Vault reference there (secret, unknown). `file` is the name messages show.
   */
  fileValue?: { file: string; value: unknown } | { file: string; keyVaultReference: true };
}

export interface VariableDeclaration {
  name: string;
  /** Undefined for variables produced by a `copy` loop: their value is unknown here. */
  value: JsonValue | undefined;
  scope: Scope;
}

/** What `parameters()` and `variables()` see from one place in a template. */
export interface Scope {
  /** Distinguishes unknown values of same-named parameters in different scopes. */
  id: number;
  /** Lower-cased name → declaration; the last declaration wins, as in ARM. */
  parameters: ReadonlyMap<string, ParameterDeclaration>;
  variables: ReadonlyMap<string, VariableDeclaration>;
}

const SECURE_TYPES = new Set(['securestring', 'secureobject']);
const SAS_TOKEN_PARAMETER = '_artifactslocationsastoken';

/** A parameter whose value is secret: a secure type, or the artifacts SAS token by convention. */
export function isSecretParameter(parameter: ParameterDeclaration): boolean {
  return (parameter.type !== undefined && SECURE_TYPES.has(parameter.type)) || parameter.name.toLowerCase() === SAS_TOKEN_PARAMETER;
}
