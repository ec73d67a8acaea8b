import { alternativesOf, hasOrigin, knownString, originText, shortText, type AbstractValue, type Origin } from '../src/expression';
import { defineRule, type ReportDescriptor } from '../src/engine';
import type { DscExtension, FileModel } from '../src/model';
import { contains, getProperty, getValue, type JsonObject, type JsonProperty, type JsonValue } from '../src/parse';
import { ARTIFACTS_SAS_TOKEN, carriesSasToken } from './shared/dsc-settings';

const ARTIFACTS_LOCATION = '_artifactsLocation';
const ARTIFACTS_PARAMETERS = new Set([ARTIFACTS_LOCATION.toLowerCase(), ARTIFACTS_SAS_TOKEN.toLowerCase()]);

/** A 2.x URL setting and the protectedSettings key that carries its SAS token. */
interface UrlWithToken {
  urlPath: string;
  tokenKey: string;
  token: JsonProperty | undefined;
  /** The extension adapts a legacy ModulesUrl into this URL. */
  takesModulesUrl: boolean;
}

/** A public setting as one alternative of the settings holds it. */
interface Sighting {
  value: AbstractValue;
  /** Where it came from, nearest first: also through the settings it was looked up in. */
  origins: readonly Origin[];
  /** The property that writes it, when the settings can be followed to it. */
  property: JsonProperty | undefined;
  /** Otherwise the nearest node they were followed to, where it is reported. */
  node: JsonValue;
}

/**
 * A public setting (such as configuration.url) in every alternative the settings may take: an
 * array indexed by copyIndex() may give any of its items, an if() either branch.
 */
interface Lookup {
  sightings: Sighting[];
  /** Alternatives known not to have it. */
  absent: number;
  /** Alternatives whose content is not known. */
  unknown: number;
}

/** True when every alternative has the setting and each value passes `test`. */
function everyAlternative(lookup: Lookup, test: (value: AbstractValue) => boolean): boolean {
  return lookup.sightings.length > 0 && lookup.absent === 0 && lookup.unknown === 0 && lookup.sightings.every((s) => test(s.value));
}

/** True when no alternative can have the setting. */
function knownAbsent(lookup: Lookup): boolean {
  return lookup.sightings.length === 0 && lookup.unknown === 0;
}


const builtFromArtifactsLocation = (value: AbstractValue): boolean => hasOrigin(value, 'parameter', ARTIFACTS_LOCATION);

/** A token value written into the template (not from a parameter): a hard-coded secret. */
function isHardCoded(value: AbstractValue): boolean {
  const text = knownString(value);
  return text !== undefined && text !== '' && !value.origins.some((o) => o.kind === 'parameter');
}

/** A legacy SasToken can hold a token unless it is an empty string that no parameter can change. */
function canHoldToken(value: AbstractValue): boolean {
  return !(knownString(value) === '' && !value.origins.some((o) => o.kind === 'parameter'));
}

/** Whether what a property holds is known: it is absent, null, or an object (not an expression). */
function isVisible(property: JsonProperty | undefined, resolved: JsonObject | undefined): boolean {
  const value = property?.value;
  return !value || value.kind === 'null' || resolved !== undefined;
}

/**
 * The setting at `path` under the public settings `root`, in each alternative. Nodes are followed
 * as far as the model can trace them (so findings point into the variable that defines a URL);
 * past that, the evaluated value is looked into.
 */
function lookUp(model: FileModel, root: JsonValue | undefined, path: readonly string[]): Lookup {
  const lookup: Lookup = { sightings: [], absent: 0, unknown: 0 };
  const inNode = (node: JsonValue | undefined, depth: number): void => {
    if (!node) {
      lookup.absent++;
      return;
    }
    for (const source of model.sourcesOf(node)) {
      if (source.kind === 'null') {
        lookup.absent++;
      } else if (source.kind !== 'object') {
        for (const option of alternativesOf(model.evaluate(source))) inValue(option, depth, source, option.origins);
      } else if (depth < path.length - 1) {
        inNode(getValue(source, path[depth]!), depth + 1);
      } else {
        const property = getProperty(source, path[depth]!);
        const value = property?.value && model.evaluate(property.value);
        if (property?.value && value) lookup.sightings.push({ value, origins: wholeValueOrigins(model, property.value, value), property, node: property.value });
        else lookup.absent++;
      }
    }
  };
  // A member keeps its own provenance (a literal stays a literal); `through` is the containers'.
  const inValue = (value: AbstractValue, depth: number, node: JsonValue, through: readonly Origin[]): void => {
    if (value.kind === 'null') lookup.absent++;
    else if (value.kind !== 'object') lookup.unknown++;
    else {
      const member = value.members.get(path[depth]!.toLowerCase())?.value;
      if (!member) lookup.absent++;
      else if (depth === path.length - 1) lookup.sightings.push({ value: member, origins: [...through, ...member.origins], property: undefined, node });
      else for (const option of alternativesOf(member)) inValue(option, depth + 1, node, [...through, ...option.origins]);
    }
  };
  inNode(root, 0);
  return lookup;
}

/**
 * The origins of a value written at `node` when the node refers to it whole (`[variables('url')]`):
 * a URL built in place with concat() came from no one variable, though its parts did.
 */
function wholeValueOrigins(model: FileModel, node: JsonValue, value: AbstractValue): readonly Origin[] {
  const [source, ...others] = model.sourcesOf(node);
  return source === node && others.length === 0 ? [] : value.origins;
}

/**
 * Where a value came from, for messages: the variable or parameter it comes through (the
 * _artifacts parameters go without saying), else the one whose definition holds the node.
 */
function sourceOf(model: FileModel, origins: readonly Origin[], node: JsonValue): string {
  const origin = origins.find((o) => o.kind !== 'parameter' || !ARTIFACTS_PARAMETERS.has(o.name.toLowerCase())) ?? model.declarationContaining(node);
  return origin ? ` (from ${shortText(originText(origin))})` : '';
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
        'settings.{{urlPath}}{{source}} is built from _artifactsLocation but protectedSettings.{{tokenKey}} is missing, so a private artifacts location cannot be read.',
      publicToken: '{{where}}{{source}} carries a SAS token in public settings, which are stored unencrypted; pass it in protectedSettings.{{tokenKey}}.',
      tokenWithoutUrl: 'protectedSettings.{{tokenKey}} without settings.{{urlPath}}: the DSC extension rejects it.',
      hardCodedToken:
        'protectedSettings.{{tokenKey}}{{source}} is a hard-coded value; pass the token through a securestring parameter such as _artifactsLocationSasToken.',
      legacyPublicToken:
        '{{where}}{{source}} carries the SAS token in public settings (the legacy 1.x format); move to settings.configuration.url with protectedSettings.configurationUrlSasToken.',
      legacyMissingToken:
        'settings.ModulesUrl{{source}} is built from _artifactsLocation but no SAS token is passed, so a private artifacts location cannot be read; move to settings.configuration.url with protectedSettings.configurationUrlSasToken.',
    },
    schema: [],
  },
  create(context) {
    const { model } = context;

    return {
      dscExtension(dsc) {
        const settings = dsc.settingsProperty?.value;
        const subject = dsc.extension.node;
        const at = (sighting: Sighting, part: 'key' | 'value') => ({
          node: (part === 'key' ? sighting.property?.key : sighting.property?.value) ?? sighting.node,
          subject,
        });
        const source = (sighting: Sighting): string => sourceOf(model, sighting.origins, sighting.property?.value ?? sighting.node);

        const modulesUrls = lookUp(model, settings, ['ModulesUrl']);
        const pairs: UrlWithToken[] = [
          { urlPath: 'configuration.url', tokenKey: 'configurationUrlSasToken', token: dsc.configurationUrlSasToken, takesModulesUrl: true },
          { urlPath: 'configurationData.url', tokenKey: 'configurationDataUrlSasToken', token: dsc.configurationDataUrlSasToken, takesModulesUrl: false },
        ];
        for (const { urlPath, tokenKey, token, takesModulesUrl } of pairs) {
          const urls = lookUp(model, settings, urlPath.split('.'));
          if (everyAlternative(urls, carriesSasToken)) {
            for (const url of urls.sightings) {
              context.report({ ...at(url, 'value'), messageId: 'publicToken', data: { where: `settings.${urlPath}`, source: source(url), tokenKey } });
            }
          } else if (
            everyAlternative(urls, builtFromArtifactsLocation) &&
            !urls.sightings.some((s) => carriesSasToken(s.value)) &&
            !token &&
            isVisible(dsc.protectedSettingsProperty, dsc.protectedSettings)
          ) {
            const fix = missingTokenFix(model, dsc, tokenKey);
            for (const url of urls.sightings) {
              context.report({ ...at(url, 'value'), messageId: 'missingToken', data: { urlPath, source: source(url), tokenKey }, fix });
            }
          }
          if (token) {
            const tokenValue = token.value && model.evaluate(token.value);
            if (knownAbsent(urls) && (!takesModulesUrl || knownAbsent(modulesUrls))) {
              context.report({ node: token.key, messageId: 'tokenWithoutUrl', data: { tokenKey, urlPath } });
            } else if (token.value && tokenValue && isHardCoded(tokenValue)) {
              context.report({ node: token.value, messageId: 'hardCodedToken', data: { tokenKey, source: sourceOf(model, tokenValue.origins, token.value) } });
            }
          }
          const publicKeys = lookUp(model, settings, [tokenKey]);
          if (everyAlternative(publicKeys, () => true)) {
            for (const key of publicKeys.sightings) {
              context.report({ ...at(key, 'key'), messageId: 'publicToken', data: { where: `settings.${tokenKey}`, source: source(key), tokenKey } });
            }
          }
        }

        const sasTokens = lookUp(model, settings, ['SasToken']);
        if (everyAlternative(sasTokens, canHoldToken)) {
          for (const sasToken of sasTokens.sightings) {
            context.report({ ...at(sasToken, 'key'), messageId: 'legacyPublicToken', data: { where: 'settings.SasToken', source: source(sasToken) } });
          }
        }
        if (everyAlternative(modulesUrls, carriesSasToken)) {
          for (const url of modulesUrls.sightings) {
            context.report({ ...at(url, 'value'), messageId: 'legacyPublicToken', data: { where: 'settings.ModulesUrl', source: source(url) } });
          }
        } else if (everyAlternative(modulesUrls, builtFromArtifactsLocation) && knownAbsent(sasTokens) && !dsc.configurationUrlSasToken) {
          for (const url of modulesUrls.sightings) {
            context.report({ ...at(url, 'value'), messageId: 'legacyMissingToken', data: { source: source(url) } });
          }
        }
      },
    };
  },
});
