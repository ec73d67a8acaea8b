import { defineRule, type ReportDescriptor, type SuggestionDescriptor } from '../src/engine';
import type { DscExtension } from '../src/model';
import { getProperty, getValue, type JsonObject, type JsonProperty, type JsonValue } from '../src/parse';
import { classifyKey, type Place } from './shared/dsc-keys';
import { argumentsShape, possibleStrings, reportAt, shownWithSource } from './shared/dsc-settings';
import { pairsToObjectFix, renameKeyFix, type MakeFix } from './shared/settings-fixes';

type MessageId =
  | 'urlWithoutScript'
  | 'urlWithoutFunction'
  | 'scriptWithoutUrl'
  | 'functionWithoutSource'
  | 'argumentsArray'
  | 'argumentsNotObject'
  | 'invalidWmfVersion'
  | 'obsoleteWmfVersion'
  | 'invalidDataCollection'
  | 'unknownRootKey'
  | 'unknownKey'
  | 'didYouMean'
  | 'didYouMeanElsewhere'
  | 'misplacedKey'
  | 'registrationArgument'
  | 'renameKey'
  | 'argumentsToObject';

const WMF_VERSIONS = ['4.0', '5.0', '5.1', 'latest'];
/** WMF previews that extension 2.8–2.20 could install (§1.1); no longer offered. */
const OBSOLETE_WMF_VERSIONS = ['5.0pp', '5.1pp'];
const DATA_COLLECTION_VALUES = ['enable', 'disable', ''];

/** The legacy keys the extension adapts into `configuration`: with them the 2.x completeness checks do not apply. */
const LEGACY_CONFIGURATION_KEYS = ['modulesUrl', 'configurationFunction', 'moduleSource', 'moduleVersion'];

/** Set, in the sense of the extension's checks: present, not null and not an empty string. */
function isGiven(property: JsonProperty | undefined): boolean {
  const value = property?.value;
  return value !== undefined && value.kind !== 'null' && !(value.kind === 'string' && value.value === '');
}

export default defineRule<MessageId>({
  meta: {
    id: 'dsc-settings',
    type: 'problem',
    severity: 'error',
    hasSuggestions: true,
    docs: { description: 'Require DSC extension settings in the shape the 2.x settings format defines.' },
    messages: {
      urlWithoutScript:
        'settings.configuration.url without script: the DSC extension fails with "settings.Configuration.url requires that settings.configuration.script is specified".',
      urlWithoutFunction:
        'settings.configuration.url without function: the DSC extension fails with "settings.Configuration.url requires that settings.configuration.function is specified".',
      scriptWithoutUrl:
        'settings.configuration.script without url: the DSC extension fails with "settings.Configuration.script requires that settings.configuration.url is specified".',
      functionWithoutSource:
        'settings.configuration.function without url or module: the DSC extension fails with "settings.Configuration.function requires that settings.configuration.url or settings.configuration.module is specified".',
      argumentsArray:
        'settings.configurationArguments is an array; it must be an object of argument names and values, or the DSC extension fails with "Invalid configurationArguments type".',
      argumentsNotObject:
        'settings.configurationArguments is {{value}}; it must be an object of argument names and values, or the DSC extension fails with "Invalid configurationArguments type".',
      invalidWmfVersion: 'settings.wmfVersion is {{value}}; the DSC extension accepts only "4.0", "5.0", "5.1" and "latest".',
      obsoleteWmfVersion: 'settings.wmfVersion is {{value}}, a WMF preview that is no longer offered; use "5.1" or "latest".',
      invalidDataCollection: 'settings.privacy.dataCollection is {{value}}; the only possible values are "Enable", "Disable" and "" (or null).',
      unknownRootKey: "'{{key}}' is not a DSC setting; arguments of the configuration belong in settings.configurationArguments.",
      unknownKey: "'{{key}}' is not a DSC setting in {{where}}.",
      didYouMean: "'{{key}}' is not a DSC setting in {{where}}; did you mean '{{suggestion}}'?",
      didYouMeanElsewhere: "'{{key}}' is not a DSC setting in {{where}}; did you mean '{{suggestion}}' in {{belongs}}?",
      misplacedKey: "'{{key}}' belongs in {{belongs}}, not in {{where}}, where the DSC extension does not read it.",
      registrationArgument:
        "'{{key}}' is an argument of the default configuration that registers the node with Azure Automation; at the settings root it is ignored, so move it to {{belongs}}.",
      renameKey: "Rename '{{key}}' to '{{suggestion}}'.",
      argumentsToObject: 'Turn the Name/Value pairs into an object of argument names and values.',
    },
    schema: [],
  },
  create(context) {
    const { model, source } = context;
    const resolver = model.resolver;
    const suggestion = (messageId: MessageId, fix: MakeFix | undefined, data?: Record<string, string>): SuggestionDescriptor<MessageId>[] =>
      fix ? [{ messageId, data, fix }] : [];
    const report = (dsc: DscExtension, node: JsonValue | JsonProperty['key'], descriptor: Omit<ReportDescriptor<MessageId>, 'node' | 'location'>): void => {
      context.report({ ...reportAt(dsc, node), ...descriptor });
    };

    function checkKeys(dsc: DscExtension, place: Place, object: JsonObject | undefined): void {
      for (const property of object?.properties ?? []) {
        const key = property.key.value;
        const verdict = classifyKey(place, key);
        const where = place;
        switch (verdict.kind) {
          case 'misplaced':
            if (verdict.registration && place === 'settings') {
              report(dsc, property.key, { messageId: 'registrationArgument', data: { key, belongs: verdict.belongs } });
            } else {
              report(dsc, property.key, { messageId: 'misplacedKey', data: { key, belongs: verdict.belongs, where } });
            }
            break;
          case 'typo':
            if (verdict.belongs === undefined) {
              report(dsc, property.key, {
                messageId: 'didYouMean',
                data: { key, where, suggestion: verdict.suggestion },
                suggest: suggestion('renameKey', renameKeyFix(object!, property, verdict.suggestion), { key, suggestion: verdict.suggestion }),
              });
            } else {
              report(dsc, property.key, { messageId: 'didYouMeanElsewhere', data: { key, where, suggestion: verdict.suggestion, belongs: verdict.belongs } });
            }
            break;
          case 'unknown':
            if (place === 'settings') report(dsc, property.key, { messageId: 'unknownRootKey', data: { key } });
            else report(dsc, property.key, { messageId: 'unknownKey', data: { key, where } });
            break;
        }
      }
    }

    /** url, script and function go together; function may use module instead of url (§1.2). */
    function checkConfigurationParts(dsc: DscExtension): void {
      const configuration = dsc.configuration.object;
      if (!configuration || LEGACY_CONFIGURATION_KEYS.some((key) => getProperty(dsc.settings, key))) return;
      const { url, script, function: configurationFunction } = dsc.configuration;
      if (isGiven(url)) {
        if (!isGiven(script)) report(dsc, url!.key, { messageId: 'urlWithoutScript' });
        if (!isGiven(configurationFunction)) report(dsc, url!.key, { messageId: 'urlWithoutFunction' });
        return;
      }
      if (isGiven(script)) report(dsc, script!.key, { messageId: 'scriptWithoutUrl' });
      if (isGiven(configurationFunction) && !isGiven(getProperty(configuration, 'module'))) {
        report(dsc, configurationFunction!.key, { messageId: 'functionWithoutSource' });
      }
    }

    function checkArguments(dsc: DscExtension): void {
      const shape = argumentsShape(model, getValue(dsc.settings, 'configurationArguments'));
      if (shape?.problem === 'array') report(dsc, shape.node, { messageId: 'argumentsArray', suggest: suggestion('argumentsToObject', pairsToObjectFix(source, shape.node)) });
      else if (shape) report(dsc, shape.node, { messageId: 'argumentsNotObject', data: { value: shape.shown } });
    }

    /** Report a value when every value it can take is known and none is allowed; the message may depend on the values. */
    function checkEnum(dsc: DscExtension, node: JsonValue | undefined, allowed: readonly string[], messageFor: (texts: string[]) => MessageId): void {
      if (!node) return;
      const value = model.evaluate(node);
      const texts = possibleStrings(value);
      if (!texts?.length || texts.some((text) => text === null || allowed.includes(text.toLowerCase()))) return;
      const known = texts as string[];
      report(dsc, node, { messageId: messageFor(known), data: { value: shownWithSource(model, node, value, known) } });
    }

    function checkValues(dsc: DscExtension, privacy: JsonObject | undefined): void {
      const isObsolete = (text: string) => OBSOLETE_WMF_VERSIONS.includes(text.toLowerCase());
      checkEnum(dsc, getValue(dsc.settings, 'wmfVersion'), WMF_VERSIONS, (texts) => (texts.every(isObsolete) ? 'obsoleteWmfVersion' : 'invalidWmfVersion'));
      checkEnum(dsc, getValue(privacy, 'dataCollection'), DATA_COLLECTION_VALUES, () => 'invalidDataCollection');
    }

    return {
      dscExtension(dsc) {
        const settings = dsc.settings;
        if (!settings) return;
        const privacy = resolver.resolveObject(getValue(settings, 'privacy'));
        checkKeys(dsc, 'settings', settings);
        checkKeys(dsc, 'settings.configuration', dsc.configuration.object);
        checkKeys(dsc, 'settings.privacy', privacy);
        checkKeys(dsc, 'settings.advancedOptions', resolver.resolveObject(getValue(settings, 'advancedOptions')));
        checkConfigurationParts(dsc);
        checkArguments(dsc);
        checkValues(dsc, privacy);
      },
    };
  },
});
