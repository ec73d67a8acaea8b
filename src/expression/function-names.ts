/**
 * ARM's built-in template functions, as the reference writes them (ARM compares names
 * case-insensitively). Compiled from Microsoft's "ARM template functions" reference pages, plus
 * functions that Bicep emits into the templates it generates (seen in ../shared/corpus). ARM keeps
 * adding functions, so the list errs on the side of including a name: a missing name would be
 * reported as an unknown function.
 */
export const BUILT_IN_FUNCTIONS: readonly string[] = [
  // Array
  'array', 'concat', 'contains', 'createArray', 'distinct', 'empty', 'first', 'flatten', 'indexFromEnd', 'indexOf',
  'intersection', 'last', 'lastIndexOf', 'length', 'max', 'min', 'range', 'skip', 'take', 'tryGet', 'tryIndexFromEnd',
  'union',
  // CIDR
  'cidrHost', 'cidrSubnet', 'parseCidr',
  // Comparison
  'coalesce', 'equals', 'greater', 'greaterOrEquals', 'less', 'lessOrEquals',
  // Date
  'dateTimeAdd', 'dateTimeFromEpoch', 'dateTimeToEpoch', 'utcNow',
  // Deployment values
  'deployer', 'deployment', 'environment', 'externalInputs', 'parameters', 'variables',
  // Lambda
  'filter', 'groupBy', 'lambda', 'lambdaVariables', 'map', 'mapValues', 'reduce', 'sort', 'toObject',
  // Logical
  'and', 'bool', 'fail', 'false', 'if', 'not', 'or', 'true',
  // Numeric
  'add', 'copyIndex', 'div', 'float', 'int', 'mod', 'mul', 'sub',
  // Object
  'createObject', 'items', 'json', 'null', 'objectKeys', 'shallowMerge',
  // Resource; every name that starts with "list" is a list* function, the common ones are here
  'extensionResourceId', 'extensions', 'listAccountSas', 'listAdminKeys', 'listCallbackUrl', 'listConnectionStrings',
  'listCredentials', 'listKeys', 'listSecrets', 'listServiceSas', 'managementGroupResourceId', 'pickZones', 'providers',
  'reference', 'references', 'resourceId', 'resourceInfo', 'roleDefinitions', 'subscriptionResourceId',
  'tenantResourceId',
  // Scope
  'managementGroup', 'resourceGroup', 'subscription', 'tenant',
  // String
  'base64', 'base64ToJson', 'base64ToString', 'buildUri', 'dataUri', 'dataUriToString', 'endsWith', 'format', 'guid',
  'join', 'like', 'newGuid', 'padLeft', 'parseUri', 'replace', 'split', 'startsWith', 'string', 'substring', 'toLower',
  'toUpper', 'trim', 'uniqueString', 'uri', 'uriComponent', 'uriComponentToString',
];

const LOWER_CASE_NAMES: ReadonlySet<string> = new Set(BUILT_IN_FUNCTIONS.map((name) => name.toLowerCase()));

/** True when ARM knows `name` as a built-in function, in any letter case (`list*` names included). */
export function isBuiltInFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return LOWER_CASE_NAMES.has(lower) || lower.startsWith('list');
}
