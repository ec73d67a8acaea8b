import { shortText } from '../src/expression';
import { defineRule } from '../src/engine';
import type { DscExtension } from '../src/model';
import { getProperty, getValue, type JsonObject, type JsonProperty, type JsonValue } from '../src/parse';
import { isCurrentOnlyKey, isLegacyKey } from './shared/dsc-keys';
import { reportAt, walkStrings } from './shared/dsc-settings';
import { legacyConversionFix, PRIVATE_SETTINGS_REF } from './shared/legacy-conversion';

/** The keys of the visible settings objects that satisfy `test`, settings first, in document order. */
function keysWhere(dsc: DscExtension, test: (place: 'settings' | 'protectedSettings', key: string) => boolean): JsonProperty[] {
  const inObject = (place: 'settings' | 'protectedSettings', object: JsonObject | undefined) =>
    (object?.properties ?? []).filter((property) => test(place, property.key.value));
  return [...inObject('settings', dsc.settings), ...inObject('protectedSettings', dsc.protectedSettings)];
}

const keyList = (keys: readonly JsonProperty[]): string => [...new Set(keys.map((p) => shortText(p.key.value)))].join(', ');

export default defineRule({
  meta: {
    id: 'dsc-legacy-settings',
    type: 'suggestion',
    severity: 'error',
    fixable: true,
    docs: { description: 'Require DSC extension settings in the 2.x format rather than the 1.x one, and 1.x credential references that resolve.' },
    warnings: ['legacyFormat', 'mixedFormat', 'privateSettingsRefInCurrentFormat'],
    messages: {
      legacyFormat:
        'DSC settings use the 1.x format ({{keys}}); convert them to the 2.x format: settings.configuration, settings.configurationArguments and protectedSettings.configurationArguments.',
      mixedFormat:
        'DSC settings mix 1.x keys ({{legacy}}) with 2.x keys ({{current}}); how the extension reads such a mix is not documented, so use the 2.x format only.',
      missingPrivateItem:
        '"PrivateSettingsRef:{{item}}" refers to protectedSettings.Items.{{item}}, which does not exist, so the configuration never gets this secret.',
      privateSettingsRefInCurrentFormat:
        '"PrivateSettingsRef:{{item}}" is a 1.x reference, and 2.x configurationArguments pass it on as plain text; put the whole credential, password included, in protectedSettings.configurationArguments.',
    },
    schema: [],
  },
  create(context) {
    const { model } = context;
    const resolver = model.resolver;

    function checkFormat(dsc: DscExtension): void {
      const legacy = keysWhere(dsc, isLegacyKey);
      const [first] = legacy;
      if (!first) return;
      const current = keysWhere(dsc, isCurrentOnlyKey);
      if (current.length > 0) {
        context.report({ ...reportAt(dsc, first.key), messageId: 'mixedFormat', data: { legacy: keyList(legacy), current: keyList(current) } });
      } else {
        context.report({ ...reportAt(dsc, first.key), messageId: 'legacyFormat', data: { keys: keyList(legacy) }, fix: legacyConversionFix(model, dsc) });
      }
    }

    /**
     * The names protectedSettings.Items has (lower-cased), an empty set when there are no Items,
     * or undefined when they are an expression the rule cannot see into.
     */
    function itemNames(dsc: DscExtension): Set<string> | undefined {
      const protectedValue = dsc.protectedSettingsProperty?.value;
      if (!protectedValue || protectedValue.kind === 'null') return new Set();
      if (!dsc.protectedSettings) return undefined;
      const itemsValue = getValue(dsc.protectedSettings, 'items');
      if (!itemsValue || itemsValue.kind === 'null') return new Set();
      const items = resolver.resolveObject(itemsValue);
      return items ? new Set(items.properties.map((p) => p.key.value.toLowerCase())) : undefined;
    }

    /** Each "PrivateSettingsRef:X" string under a settings value. */
    function forEachReference(value: JsonValue | undefined, visit: (node: JsonValue, item: string) => void): void {
      if (!value) return;
      walkStrings(value, resolver, (node) => {
        const reference = PRIVATE_SETTINGS_REF.exec(node.value);
        if (reference) visit(node, reference[1]!);
      });
    }

    function checkReferences(dsc: DscExtension): void {
      const items = itemNames(dsc);
      forEachReference(getProperty(dsc.settings, 'properties')?.value, (node, item) => {
        if (items && !items.has(item.toLowerCase())) context.report({ ...reportAt(dsc, node), messageId: 'missingPrivateItem', data: { item: shortText(item) } });
      });
      // The maintainers' word on a mixed setup: PrivateSettingsRef no longer applies in 2.x (§8, M8).
      for (const object of [dsc.settings, dsc.protectedSettings]) {
        forEachReference(getValue(object, 'configurationArguments'), (node, item) => {
          context.report({ ...reportAt(dsc, node), messageId: 'privateSettingsRefInCurrentFormat', data: { item: shortText(item) } });
        });
      }
    }

    return {
      dscExtension(dsc) {
        checkFormat(dsc);
        checkReferences(dsc);
      },
    };
  },
});
