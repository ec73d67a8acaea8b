import { hasOrigin, knownString, literalFragments, type AbstractValue } from '../src/expression';
import { defineRule, type ReportDescriptor } from '../src/engine';
import type { DscExtension, FileModel } from '../src/model';
import { contains, getProperty, type JsonObject, type JsonProperty, type JsonValue } from '../src/parse';

const ARTIFACTS_LOCATION = '_artifactsLocation';
const ARTIFACTS_SAS_TOKEN = '_artifactsLocationSasToken';
/** A SAS query written into the template: `?sv=…` or `&sig=…`. */
const SAS_QUERY = /[?&](sig|sv)=/i;

/** A 2.x URL setting and the protectedSettings key that carries its SAS token. */
interface UrlWithToken {
  url: JsonProperty | undefined;
  /** False when the object holding the URL is an expression we cannot see into. */
  urlKnown: boolean;
  token: JsonProperty | undefined;
  urlPath: string;
  tokenKey: string;
}

function includesSasToken(value: AbstractValue): boolean {
  return hasOrigin(value, 'parameter', ARTIFACTS_SAS_TOKEN) || literalFragments(value).some((text) => SAS_QUERY.test(text));
}

/** A token value written into the template (not from a parameter): a hard-coded secret. */
function isHardCoded(value: AbstractValue): boolean {
  const text = knownString(value);
  return text !== undefined && text !== '' && !value.origins.some((o) => o.kind === 'parameter');
}

/** Whether what a property holds is known: it is absent, null, or an object (not an expression). */
function isVisible(property: JsonProperty | undefined, resolved: JsonObject | undefined): boolean {
  const value = property?.value;
  return !value || value.kind === 'null' || resolved !== undefined;
}

/**
 * The fix for a missing token: add it to protectedSettings (creating that if needed), when the
 * template declares _artifactsLocationSasToken and every node to edit is inside this extension.
 */
function missingTokenFix(model: FileModel, dsc: DscExtension, tokenKey: string): ReportDescriptor['fix'] {
  const parameter = model.templateOf(dsc.extension.node).scope.parameters.get(ARTIFACTS_SAS_TOKEN.toLowerCase());
  const properties = dsc.extension.properties;
  if (!parameter || !properties || !contains(dsc.extension.node, properties)) return undefined;
  const tokenValue = `[parameters('${parameter.name}')]`;
  const existing = dsc.protectedSettingsProperty?.value;
  if (dsc.protectedSettings) {
    const target = dsc.protectedSettings;
    return contains(dsc.extension.node, target) ? (fixer) => fixer.addProperty(target, tokenKey, tokenValue) : undefined;
  }
  if (existing?.kind === 'null') return (fixer) => fixer.replaceWithValue(existing, { [tokenKey]: tokenValue });
  if (existing) return undefined;
  return (fixer) => fixer.addProperty(properties, 'protectedSettings', { [tokenKey]: tokenValue }, dsc.settingsProperty);
}

export default defineRule({
  meta: {
    id: 'dsc-sas-token',
    type: 'problem',
    severity: 'error',
    fixable: true,
    docs: { description: 'Require the SAS token for DSC artifacts in protectedSettings, and keep it out of public settings.' },
    messages: {
      missingToken:
        'settings.{{urlPath}} is built from _artifactsLocation but protectedSettings.{{tokenKey}} is missing, so a private artifacts location cannot be read.',
      publicToken: 'A SAS token is in public settings ({{where}}), which are stored unencrypted; pass it in protectedSettings.{{tokenKey}}.',
      tokenWithoutUrl: 'protectedSettings.{{tokenKey}} without settings.{{urlPath}}: the DSC extension rejects it.',
      hardCodedToken: 'protectedSettings.{{tokenKey}} is a hard-coded value; pass the token through a securestring parameter such as _artifactsLocationSasToken.',
      legacyPublicToken:
        'Legacy 1.x settings put the SAS token in public settings ({{where}}); move to settings.configuration.url with protectedSettings.configurationUrlSasToken.',
      legacyMissingToken:
        'settings.ModulesUrl is built from _artifactsLocation but no SAS token is passed, so a private artifacts location cannot be read; move to settings.configuration.url with protectedSettings.configurationUrlSasToken.',
    },
    schema: [],
  },
  create(context) {
    const { model } = context;
    const evaluate = (node: JsonValue): AbstractValue => model.evaluate(node);

    return {
      dscExtension(dsc) {
        const settingsVisible = isVisible(dsc.settingsProperty, dsc.settings);
        const visibleInSettings = (key: string, resolved: JsonObject | undefined): boolean => settingsVisible && isVisible(getProperty(dsc.settings, key), resolved);
        const pairs: UrlWithToken[] = [
          {
            url: dsc.configuration.url,
            // A legacy ModulesUrl is adapted into configuration.url by the extension.
            urlKnown: visibleInSettings('configuration', dsc.configuration.object) && !dsc.legacy.modulesUrl,
            token: dsc.configurationUrlSasToken,
            urlPath: 'configuration.url',
            tokenKey: 'configurationUrlSasToken',
          },
          {
            url: dsc.configurationData.url,
            urlKnown: visibleInSettings('configurationData', dsc.configurationData.object),
            token: dsc.configurationDataUrlSasToken,
            urlPath: 'configurationData.url',
            tokenKey: 'configurationDataUrlSasToken',
          },
        ];
        for (const { url, urlKnown, token, urlPath, tokenKey } of pairs) {
          if (url?.value) {
            const value = evaluate(url.value);
            if (includesSasToken(value)) {
              context.report({ node: url.value, messageId: 'publicToken', data: { where: `settings.${urlPath}`, tokenKey } });
            } else if (hasOrigin(value, 'parameter', ARTIFACTS_LOCATION) && !token && isVisible(dsc.protectedSettingsProperty, dsc.protectedSettings)) {
              context.report({ node: url.value, messageId: 'missingToken', data: { urlPath, tokenKey }, fix: missingTokenFix(model, dsc, tokenKey) });
            }
          }
          if (token) {
            if (!url && urlKnown) {
              context.report({ node: token.key, messageId: 'tokenWithoutUrl', data: { tokenKey, urlPath } });
            } else if (token.value && isHardCoded(evaluate(token.value))) {
              context.report({ node: token.value, messageId: 'hardCodedToken', data: { tokenKey } });
            }
          }
          const publicKey = getProperty(dsc.settings, tokenKey);
          if (publicKey) context.report({ node: publicKey.key, messageId: 'publicToken', data: { where: `settings.${tokenKey}`, tokenKey } });
        }

        const { modulesUrl, sasToken } = dsc.legacy;
        // A literal empty SasToken carries nothing; a parameter's value is only known at deploy time.
        const sasTokenValue = sasToken?.value && evaluate(sasToken.value);
        if (sasToken && sasTokenValue && !(knownString(sasTokenValue) === '' && sasTokenValue.origins.length === 0)) {
          context.report({ node: sasToken.key, messageId: 'legacyPublicToken', data: { where: 'settings.SasToken' } });
        }
        if (modulesUrl?.value) {
          const value = evaluate(modulesUrl.value);
          if (includesSasToken(value)) {
            context.report({ node: modulesUrl.value, messageId: 'legacyPublicToken', data: { where: 'settings.ModulesUrl' } });
          } else if (hasOrigin(value, 'parameter', ARTIFACTS_LOCATION) && !sasToken && !dsc.configurationUrlSasToken) {
            context.report({ node: modulesUrl.value, messageId: 'legacyMissingToken' });
          }
        }
      },
    };
  },
});
