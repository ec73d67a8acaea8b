import { knownString, type AbstractValue } from '../expression';
import { getProperty, getValue, type JsonObject, type JsonValue } from '../parse';
import type { NodeResolver } from './resolve';
import type { ConfigurationArgument, DscExtension, Extension } from './types';

export const DSC_PUBLISHER = 'Microsoft.Powershell';
export const DSC_TYPE = 'DSC';

const LEGACY_KEYS = ['modulesurl', 'modulesource', 'moduleversion', 'configurationfunction', 'sastoken', 'properties'];
const CURRENT_KEYS = ['configuration', 'configurationarguments', 'configurationdata'];

function equalsIgnoringCase(value: AbstractValue, expected: string): boolean {
  return knownString(value)?.toLowerCase() === expected.toLowerCase();
}

/** True when an extension `properties` object names publisher Microsoft.Powershell and type DSC. */
export function isDscProperties(properties: JsonObject | undefined, evaluate: (node: JsonValue) => AbstractValue): boolean {
  const publisher = getValue(properties, 'publisher');
  const type = getValue(properties, 'type');
  if (!publisher || !type) return false;
  return equalsIgnoringCase(evaluate(publisher), DSC_PUBLISHER) && equalsIgnoringCase(evaluate(type), DSC_TYPE);
}

/** Each property of an arguments object is one argument. */
function argumentsOf(object: JsonObject | undefined, source: ConfigurationArgument['source']): ConfigurationArgument[] {
  return (object?.properties ?? []).map((property) => ({ name: property.key.value, nameNode: property.key, value: property.value, source }));
}

/** Legacy `Properties` as an array of `{ "Name": …, "Value": … }`. */
function argumentsOfArray(items: JsonValue[], resolver: NodeResolver): ConfigurationArgument[] {
  const result: ConfigurationArgument[] = [];
  for (const item of items) {
    const entry = resolver.resolveObject(item);
    const nameNode = getValue(entry, 'name');
    if (nameNode?.kind !== 'string') continue;
    result.push({ name: nameNode.value, nameNode, value: getValue(entry, 'value'), source: 'legacy-properties-array' });
  }
  return result;
}

function settingsFormat(settings: JsonObject | undefined): DscExtension['settingsFormat'] {
  const keys = new Set((settings?.properties ?? []).map((p) => p.key.value.toLowerCase()));
  const legacy = LEGACY_KEYS.some((k) => keys.has(k));
  const current = CURRENT_KEYS.some((k) => keys.has(k));
  if (legacy && current) return 'mixed';
  if (legacy) return '1.x';
  return current ? '2.x' : 'none';
}

/** The DSC view of an extension, or undefined when it is not a DSC extension. */
export function dscView(extension: Extension, resolver: NodeResolver, evaluate: (node: JsonValue) => AbstractValue): DscExtension | undefined {
  const properties = extension.properties;
  if (!isDscProperties(properties, evaluate)) return undefined;
  const settingsProperty = getProperty(properties, 'settings');
  const settings = resolver.resolveObject(settingsProperty?.value);
  const protectedSettingsProperty = getProperty(properties, 'protectedSettings');
  const protectedSettings = resolver.resolveObject(protectedSettingsProperty?.value);
  const configuration = resolver.resolveObject(getValue(settings, 'configuration'));
  const configurationData = resolver.resolveObject(getValue(settings, 'configurationData'));
  const legacyProperties = getProperty(settings, 'properties');
  const legacyPropertiesValue = resolver.resolve(legacyProperties?.value);

  const configurationArguments = [
    ...argumentsOf(resolver.resolveObject(getValue(settings, 'configurationArguments')), 'settings'),
    ...argumentsOf(resolver.resolveObject(getValue(protectedSettings, 'configurationArguments')), 'protectedSettings'),
    ...(legacyPropertiesValue?.kind === 'object' ? argumentsOf(legacyPropertiesValue, 'legacy-properties') : []),
    ...(legacyPropertiesValue?.kind === 'array' ? argumentsOfArray(legacyPropertiesValue.items, resolver) : []),
  ];

  return {
    extension,
    publisher: getValue(properties, 'publisher')!,
    type: getValue(properties, 'type')!,
    typeHandlerVersion: getProperty(properties, 'typeHandlerVersion'),
    autoUpgradeMinorVersion: getProperty(properties, 'autoUpgradeMinorVersion'),
    settingsProperty,
    settings,
    protectedSettingsProperty,
    protectedSettings,
    configuration: {
      object: configuration,
      url: getProperty(configuration, 'url'),
      script: getProperty(configuration, 'script'),
      function: getProperty(configuration, 'function'),
    },
    configurationData: { object: configurationData, url: getProperty(configurationData, 'url') },
    configurationUrlSasToken: getProperty(protectedSettings, 'configurationUrlSasToken'),
    configurationDataUrlSasToken: getProperty(protectedSettings, 'configurationDataUrlSasToken'),
    legacy: {
      modulesUrl: getProperty(settings, 'modulesUrl'),
      configurationFunction: getProperty(settings, 'configurationFunction'),
      properties: legacyProperties,
      sasToken: getProperty(settings, 'sasToken'),
    },
    settingsFormat: settingsFormat(settings),
    configurationArguments,
  };
}
