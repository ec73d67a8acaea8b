import { knownString, parseTemplateString, type CallExpression, type Expression } from '../../src/expression';
import type { Fix } from '../../src/engine';
import type { RuleFixer } from '../../src/engine/rule-fixer';
import type { DscExtension, FileModel } from '../../src/model';
import { contains, getValue, type JsonNodeBase, type JsonObject, type JsonValue } from '../../src/parse';
import { ARTIFACTS_SAS_TOKEN, carriesSasToken, nameValuePair, SAS_QUERY } from './dsc-settings';
import { CopiedValues, hasCommentsIn, plainObject, type PlainObject, type PlainValue } from './json-values';

/**
 * Converting 1.x DSC settings to the 2.x format (DSC reference §3, "Update from a previous
 * format"), as a text edit, when every piece can be converted without changing what the
 * extension receives:
 *
 * - ModulesUrl → configuration.url; a SAS token appended to it with concat() (inside uri() or
 *   not) moves to protectedSettings.configurationUrlSasToken;
 * - ConfigurationFunction "Script.ps1\\Function" → configuration.script and .function;
 * - Properties (an object, or an array of Name/Value/TypeName) → configurationArguments, except
 *   credentials whose password is "PrivateSettingsRef:X": those become
 *   protectedSettings.configurationArguments.<name> = { userName, password: Items.X };
 * - SasToken → protectedSettings.configurationUrlSasToken;
 * - wmfVersion, privacy and advancedOptions stay as they are (the same keys in both formats).
 */

/** The public keys a conversion understands; anything else (ModuleSource, ProtocolVersion, …) is left to the author. */
const CONVERTIBLE_SETTINGS_KEYS = new Set(['modulesurl', 'configurationfunction', 'properties', 'sastoken', 'wmfversion', 'privacy', 'advancedoptions']);
const KEPT_AS_WRITTEN = new Set(['wmfversion', 'privacy', 'advancedoptions']);
/** The 1.x reference from a credential's password to protectedSettings.Items (§3). */
export const PRIVATE_SETTINGS_REF = /^PrivateSettingsRef:(.+)$/i;
/** `Script.ps1\Function`: the script at the root of the archive, and the configuration in it. */
const CONFIGURATION_FUNCTION = /^([^\\/]+\.ps1)\\([^\\]+)$/i;

function hasDuplicateKeys(object: JsonObject): boolean {
  return new Set(object.properties.map((p) => p.key.value.toLowerCase())).size !== object.properties.length;
}

const isCall = (expression: Expression | undefined, name: string): expression is CallExpression =>
  expression?.kind === 'call' && expression.namespace === undefined && expression.name.toLowerCase() === name;

/** Every node of an expression tree. */
function nodesOf(expression: Expression): Expression[] {
  const nodes: Expression[] = [];
  const stack = [expression];
  for (let current = stack.pop(); current; current = stack.pop()) {
    nodes.push(current);
    if (current.kind === 'call') stack.push(...current.args);
    else if (current.kind === 'member') stack.push(current.source);
    else if (current.kind === 'index') stack.push(current.source, current.index);
  }
  return nodes;
}

/**
 * A ModulesUrl expression without the SAS token appended at its end — `concat(…, token)` as the
 * whole expression or as the last argument of `uri()` — and the token, as expressions. Undefined
 * when the token is used in any other way, or the rest still holds a SAS query.
 */
export function splitAppendedToken(text: string): { url: string; token: string } | undefined {
  const parsed = parseTemplateString(text);
  if (parsed.kind !== 'expression' || !parsed.expression || parsed.errors.length > 0) return undefined;
  const top = parsed.expression;
  const nodes = nodesOf(top);
  const isToken = (e: Expression) => isCall(e, 'parameters') && e.args.length === 1 && e.args[0]?.kind === 'string' && e.args[0].value.toLowerCase() === ARTIFACTS_SAS_TOKEN.toLowerCase();
  const tokens = nodes.filter(isToken);
  if (tokens.length !== 1 || nodes.some((e) => e.kind === 'string' && SAS_QUERY.test(e.value))) return undefined;
  const concat = isCall(top, 'uri') && top.args.length === 2 ? top.args[1] : top;
  const token = tokens[0]!;
  if (!isCall(concat, 'concat') || concat.args.length < 2 || concat.args[concat.args.length - 1] !== token) return undefined;
  const slice = (from: number, to: number) => text.slice(from, to);
  const url =
    concat.args.length === 2
      ? slice(0, concat.span.start) + slice(concat.args[0]!.span.start, concat.args[0]!.span.end) + slice(concat.span.end, text.length)
      : slice(0, concat.args[concat.args.length - 2]!.span.end) + slice(token.span.end, text.length);
  return { url, token: `[${slice(token.span.start, token.span.end)}]` };
}

/** A 1.x credential `{ "UserName": …, "Password": "PrivateSettingsRef:X" }`: its user name node and X. */
function privateCredential(value: JsonValue): { userName: JsonValue; item: string } | undefined {
  if (value.kind !== 'object' || value.properties.some((p) => !['username', 'password'].includes(p.key.value.toLowerCase()))) return undefined;
  const userName = getValue(value, 'userName');
  const password = getValue(value, 'password');
  const reference = password?.kind === 'string' ? PRIVATE_SETTINGS_REF.exec(password.value) : null;
  return userName && reference ? { userName, item: reference[1]! } : undefined;
}

function mentionsPrivateSettingsRef(value: JsonValue): boolean {
  const stack = [value];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.kind === 'string' && /PrivateSettingsRef:/i.test(current.value)) return true;
    if (current.kind === 'array') stack.push(...current.items);
    if (current.kind === 'object') for (const p of current.properties) if (p.value) stack.push(p.value);
  }
  return false;
}

/** The arguments of 1.x Properties written in place, as name → value node; undefined for any other shape. */
function legacyArguments(properties: JsonValue): Array<{ name: string; value: JsonValue }> | undefined {
  if (properties.kind === 'object') {
    return hasDuplicateKeys(properties) ? undefined : properties.properties.map((p) => ({ name: p.key.value, value: p.value! }));
  }
  if (properties.kind !== 'array') return undefined;
  const result: Array<{ name: string; value: JsonValue }> = [];
  for (const item of properties.items) {
    const pair = item.kind === 'object' ? nameValuePair(item) : undefined;
    if (!pair || pair.name.value.startsWith('[')) return undefined;
    result.push({ name: pair.name.value, value: pair.value });
  }
  return new Set(result.map((a) => a.name.toLowerCase())).size === result.length ? result : undefined;
}

interface Conversion {
  settings: PlainObject;
  protectedSettings: PlainObject;
}

/** The 2.x settings and protectedSettings, when every piece of the 1.x ones converts exactly. */
function convert(model: FileModel, dsc: DscExtension, settings: JsonObject, protectedSettings: JsonObject | undefined, copied: CopiedValues): Conversion | undefined {
  const { modulesUrl, configurationFunction, properties: legacyProperties, sasToken } = dsc.legacy;
  if (modulesUrl?.value?.kind !== 'string' || configurationFunction?.value?.kind !== 'string') return undefined;

  // configuration.url, and the token appended to ModulesUrl or given as SasToken.
  let url: PlainValue | undefined = copied.copy(modulesUrl.value);
  let token: PlainValue | undefined;
  if (carriesSasToken(model.evaluate(modulesUrl.value))) {
    const split = splitAppendedToken(modulesUrl.value.value);
    if (!split) return undefined;
    ({ url, token } = split);
  }
  if (sasToken) {
    if (sasToken.value?.kind !== 'string') return undefined;
    if (sasToken.value.value !== '') {
      if (token) return undefined;
      token = copied.copy(sasToken.value);
    }
  }
  if (url === undefined) return undefined;

  // configuration.script and .function: a constant, not a parameter a deployment may change.
  const functionValue = model.evaluate(configurationFunction.value);
  const parts = CONFIGURATION_FUNCTION.exec(knownString(functionValue) ?? '');
  if (!parts || functionValue.origins.some((origin) => origin.kind === 'parameter')) return undefined;

  // configurationArguments, public and protected.
  const items = getValue(protectedSettings, 'items');
  if (items && (items.kind !== 'object' || hasDuplicateKeys(items))) return undefined;
  const publicArguments = plainObject();
  const protectedArguments = plainObject();
  const usedItems = new Set<string>();
  const argumentList = legacyProperties?.value ? legacyArguments(legacyProperties.value) : [];
  if (!argumentList) return undefined;
  for (const { name, value } of argumentList) {
    const credential = privateCredential(value);
    if (credential) {
      const secret = getValue(items, credential.item);
      const userName = copied.copy(credential.userName);
      const password = secret && copied.copy(secret);
      if (userName === undefined || password === undefined) return undefined;
      usedItems.add(credential.item.toLowerCase());
      const converted = plainObject();
      converted.userName = userName;
      converted.password = password;
      protectedArguments[name] = converted;
    } else {
      const plain = mentionsPrivateSettingsRef(value) ? undefined : copied.copy(value);
      if (plain === undefined) return undefined;
      publicArguments[name] = plain;
    }
  }
  // An Items entry no credential refers to would be dropped: leave that to the author.
  if (items?.kind === 'object' && items.properties.some((p) => !usedItems.has(p.key.value.toLowerCase()))) return undefined;

  const converted: Conversion = { settings: plainObject(), protectedSettings: plainObject() };
  for (const property of settings.properties) {
    const key = property.key.value.toLowerCase();
    if ((key === 'modulesurl' || key === 'configurationfunction') && !('configuration' in converted.settings)) {
      const configuration = plainObject();
      configuration.url = url;
      configuration.script = parts[1]!;
      configuration.function = parts[2]!;
      converted.settings.configuration = configuration;
    } else if (key === 'properties' && Object.keys(publicArguments).length > 0) {
      converted.settings.configurationArguments = publicArguments;
    } else if (KEPT_AS_WRITTEN.has(key)) {
      const plain = copied.copy(property.value!);
      if (plain === undefined) return undefined;
      converted.settings[property.key.value] = plain;
    }
  }
  if (Object.keys(protectedArguments).length > 0) converted.protectedSettings.configurationArguments = protectedArguments;
  if (token !== undefined) converted.protectedSettings.configurationUrlSasToken = token;
  return converted;
}

/** The extension version that introduced the 2.x settings format (§1, §4.1). */
const FIRST_CURRENT_FORMAT_MINOR = 14;

/**
 * True when the handler that will run reads the 2.x format: typeHandlerVersion 2.14 or later, or
 * a 2.x version with autoUpgradeMinorVersion true, which installs the latest 2.x (§4.2).
 */
function readsCurrentFormat(model: FileModel, dsc: DscExtension): boolean {
  const versionNode = dsc.typeHandlerVersion?.value;
  const version = /^(\d+)\.(\d+)$/.exec((versionNode && knownString(model.evaluate(versionNode))) ?? '');
  if (version?.[1] !== '2') return false;
  const autoUpgradeNode = dsc.autoUpgradeMinorVersion?.value;
  const autoUpgrade = autoUpgradeNode && model.evaluate(autoUpgradeNode);
  const upgrades = autoUpgrade?.kind === 'boolean' && autoUpgrade.value;
  return Number(version[2]) >= FIRST_CURRENT_FORMAT_MINOR || upgrades;
}

/** True when the node is written inside the extension and holds no comment a rewrite would drop. */
function rewritable(dsc: DscExtension, node: JsonNodeBase, model: FileModel): boolean {
  return contains(dsc.extension.node, node) && !hasCommentsIn(model.source, node);
}

/**
 * The fix that converts an extension's 1.x settings to 2.x, or undefined when it cannot be done
 * safely: a handler version older than the 2.x format, settings shared through a variable or
 * parameter, keys or values the conversion does not understand, or comments inside the settings.
 */
export function legacyConversionFix(model: FileModel, dsc: DscExtension): ((fixer: RuleFixer) => Fix[]) | undefined {
  const properties = dsc.extension.properties;
  const settings = dsc.settingsProperty?.value;
  const protectedValue = dsc.protectedSettingsProperty?.value;
  if (!properties || !contains(dsc.extension.node, properties) || settings?.kind !== 'object' || !rewritable(dsc, settings, model)) return undefined;
  if (!readsCurrentFormat(model, dsc)) return undefined;
  if (hasDuplicateKeys(settings) || settings.properties.some((p) => !CONVERTIBLE_SETTINGS_KEYS.has(p.key.value.toLowerCase()) || !p.value)) return undefined;
  if (protectedValue && protectedValue.kind !== 'null') {
    if (protectedValue.kind !== 'object' || !rewritable(dsc, protectedValue, model) || hasDuplicateKeys(protectedValue)) return undefined;
    if (protectedValue.properties.some((p) => p.key.value.toLowerCase() !== 'items')) return undefined;
  }
  const protectedObject = protectedValue?.kind === 'object' ? protectedValue : undefined;
  const copied = new CopiedValues(model.source);
  const conversion = convert(model, dsc, settings, protectedObject, copied);
  if (!conversion) return undefined;

  const hasProtected = Object.keys(conversion.protectedSettings).length > 0;
  return (fixer) => {
    const edits = [fixer.replaceWithValue(settings, conversion.settings)];
    if (protectedValue && (hasProtected || protectedObject)) edits.push(fixer.replaceWithValue(protectedValue, conversion.protectedSettings));
    else if (!protectedValue && hasProtected) edits.push(...fixer.addProperty(properties, 'protectedSettings', conversion.protectedSettings, dsc.settingsProperty));
    return edits.map((edit) => copied.restore(edit));
  };
}
