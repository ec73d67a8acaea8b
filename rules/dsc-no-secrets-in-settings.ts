import {
  isSecretParameter,
  knownString,
  literalFragments,
  originText,
  parseTemplateString,
  shortText,
  type AbstractValue,
  type Expression,
} from '../src/expression';
import { defineRule } from '../src/engine';
import type { DscExtension } from '../src/model';
import type { JsonObject, JsonString, JsonValue } from '../src/parse';
import { carriesSasToken, nameValuePair, pathText, reportAt, walkStrings, type Step } from './shared/dsc-settings';

/** Keys whose value is a password or other secret by their name (credential objects, arguments). */
const SECRET_KEY = /(password|passwd|pwd|secret)$/i;
/** The 1.x way to pass a credential's password: a reference to protectedSettings.Items (§3). */
const PRIVATE_SETTINGS_REF = /^PrivateSettingsRef:/i;
/** A SAS signature written into the template. */
const SAS_SIGNATURE = /[?&]sig=/i;
/**
 * Public settings keys dsc-sas-token reports whatever they hold (SasToken, a token key in public
 * settings), and a protectedSettings nested in settings, which dsc-extension-placement reports.
 */
const LEFT_TO_OTHER_RULES = ['sastoken', 'configurationurlsastoken', 'configurationdataurlsastoken', 'protectedsettings'];

/** Names of members that hold secrets: what a secureObject's secret parts are called. */
const SECRET_MEMBER = /(password|passwd|pwd|secret|token|key|keys|credentials?|connectionstring)$/i;

/** What an expression calls and which members it picks out of objects (`.name`, `['name']`, `tryGet(x, 'name')`). */
function inspect(expression: Expression | undefined): { listCall: string | undefined; members: string[] } {
  let listCall: string | undefined;
  const members: string[] = [];
  const stack = expression ? [expression] : [];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.kind === 'call') {
      const name = current.name.toLowerCase();
      if (current.namespace === undefined && name.startsWith('list')) listCall ??= current.name;
      if (name === 'tryget') for (const arg of current.args.slice(1)) if (arg.kind === 'string') members.push(arg.value);
      stack.push(...current.args);
    } else if (current.kind === 'member') {
      members.push(current.property);
      stack.push(current.source);
    } else if (current.kind === 'index') {
      if (current.index.kind === 'string') members.push(current.index.value);
      stack.push(current.source, current.index);
    }
  }
  return { listCall, members };
}

/**
 * The name a value goes by: its key, or for the `Value` of a legacy `{ "Name": …, "Value": … }`
 * pair, the `Name`.
 */
function nameOf(steps: readonly Step[]): string | undefined {
  const last = steps[steps.length - 1];
  if (!last || 'index' in last) return undefined;
  const pair = last.key.toLowerCase() === 'value' ? nameValuePair(last.object) : undefined;
  return pair ? pair.name.value : last.key;
}

/**
 * For the url of `configuration` or `configurationData` (also where it is nested by mistake), the
 * protected setting its SAS token belongs in; a secret there is not an argument of the configuration.
 */
function urlTokenSetting(steps: readonly Step[]): string | undefined {
  const [parent, last] = steps.slice(-2);
  if (!parent || !last || !('key' in parent) || !('key' in last) || last.key.toLowerCase() !== 'url') return undefined;
  const owner = parent.key.toLowerCase();
  return owner === 'configuration' ? 'configurationUrlSasToken' : owner === 'configurationdata' ? 'configurationDataUrlSasToken' : undefined;
}

/** The first key under settings. */
function rootKey(steps: readonly Step[]): string | undefined {
  const first = steps[0];
  return first && 'key' in first ? first.key.toLowerCase() : undefined;
}

export default defineRule({
  meta: {
    id: 'dsc-no-secrets-in-settings',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Disallow secrets in the public settings of a DSC extension.' },
    messages: {
      secretValue:
        '{{value}} is secret but sits in public settings ({{path}}), which are stored unencrypted; pass it in protectedSettings.configurationArguments.',
      secretInUrl:
        '{{value}} is secret but sits in public settings ({{path}}), which are stored unencrypted; give the URL without it and pass the token in protectedSettings.{{tokenSetting}}.',
      legacySecretValue:
        '{{value}} is secret but sits in public settings ({{path}}), which are stored unencrypted; pass it as "PrivateSettingsRef:<name>" with the value in protectedSettings.Items, or move to the 2.x protectedSettings.configurationArguments.',
      secretSettings:
        'The whole settings object comes from {{value}}, which is secret, but settings are public and stored unencrypted; keep the secret parts in protectedSettings.',
      hardCodedPassword:
        "'{{key}}' holds a password written into the template, in public settings ({{path}}); pass it from a securestring parameter in protectedSettings.configurationArguments.",
      nonSecurePassword:
        "'{{key}}' gets its value from {{source}}, which is not secure, in public settings ({{path}}); use a securestring parameter and pass it in protectedSettings.configurationArguments.",
    },
    schema: [],
  },
  create(context) {
    const { model } = context;
    const resolver = model.resolver;

    /**
     * How a secret value is named in a message — the secure parameter or variable it comes from,
     * or the list*() call — or undefined when it is not really secret: a member picked out of a
     * secureObject parameter (`parameters('hostPool').modulesUrl`) is secret only when its name,
     * or the name it goes by in the settings, says so; such objects mix secrets with plain settings.
     */
    function secretName(node: JsonString, value: AbstractValue, name: string | undefined): string | undefined {
      const scope = model.templateOf(node).scope;
      const parsed = parseTemplateString(node.value);
      const { listCall, members } = inspect(parsed.kind === 'expression' ? parsed.expression : undefined);
      const secretParameters = value.origins.flatMap((origin) => {
        const declaration = origin.kind === 'parameter' ? scope.parameters.get(origin.name.toLowerCase()) : undefined;
        const fromKeyVault = declaration?.passed === 'keyVaultReference' || (declaration?.fileValue !== undefined && 'keyVaultReference' in declaration.fileValue);
        return declaration && (isSecretParameter(declaration) || fromKeyVault) ? [{ origin, declaration }] : [];
      });
      const onlySecureObjects = secretParameters.length > 0 && secretParameters.every(({ declaration }) => declaration.type === 'secureobject');
      if (onlySecureObjects && !listCall && members.length > 0 && ![...members, name ?? ''].some((member) => SECRET_MEMBER.test(member))) return undefined;
      if (secretParameters[0]) return originText(secretParameters[0].origin);
      if (listCall) return `The result of ${listCall}()`;
      const variable = value.origins.find((origin) => origin.kind === 'variable');
      return variable ? originText(variable) : 'A secret value';
    }

    /**
     * How a SAS token written into the template is named: by the variable or the parameter's value
     * (a default, or what a parent passes) that holds it; "the value of" keeps a plain string
     * parameter from reading as a secure one.
     */
    function sasTokenName(value: AbstractValue): string {
      const [origin] = value.origins;
      if (!origin) return 'A SAS token written into the template';
      return origin.kind === 'parameter' ? `The SAS token in the value of ${originText(origin)}` : `The SAS token in ${originText(origin)}`;
    }

    function checkString(dsc: DscExtension, node: JsonString, steps: readonly Step[], sasTokenUrls: ReadonlySet<JsonValue>): void {
      const value = model.evaluate(node);
      // A SAS token in a configuration or modules URL is dsc-sas-token's finding.
      if (sasTokenUrls.has(node) && carriesSasToken(value)) return;
      const path = pathText('settings', steps);
      const name = nameOf(steps);
      const secret = value.secret ? secretName(node, value, name) : literalFragments(value).some((text) => SAS_SIGNATURE.test(text)) ? sasTokenName(value) : undefined;
      if (secret) {
        const tokenSetting = urlTokenSetting(steps);
        if (tokenSetting) {
          context.report({ ...reportAt(dsc, node), messageId: 'secretInUrl', data: { value: secret, path, tokenSetting } });
          return;
        }
        // Under the 1.x Properties, PrivateSettingsRef is the way to pass a secret.
        const messageId = rootKey(steps) === 'properties' ? 'legacySecretValue' : 'secretValue';
        context.report({ ...reportAt(dsc, node), messageId, data: { value: secret, path } });
        return;
      }
      if (name === undefined || !SECRET_KEY.test(name)) return;
      const key = shortText(name);
      const parameter = value.origins.find((origin) => origin.kind === 'parameter');
      if (parameter && parseTemplateString(node.value).kind === 'expression') {
        context.report({ ...reportAt(dsc, node), messageId: 'nonSecurePassword', data: { key, source: originText(parameter), path } });
        return;
      }
      const text = knownString(value);
      if (text !== undefined && text !== '' && !PRIVATE_SETTINGS_REF.test(text)) {
        context.report({ ...reportAt(dsc, node), messageId: 'hardCodedPassword', data: { key, path } });
      }
    }

    function checkSettings(dsc: DscExtension, settings: JsonObject): void {
      const sasTokenUrls = new Set([dsc.configuration.url?.value, dsc.configurationData.url?.value, dsc.legacy.modulesUrl?.value].filter((n) => n !== undefined));
      const leftToOtherRules = (steps: readonly Step[]) => steps.length === 1 && LEFT_TO_OTHER_RULES.includes(rootKey(steps)!);
      walkStrings(settings, resolver, (node, steps) => checkString(dsc, node, steps, sasTokenUrls), leftToOtherRules);
    }

    return {
      dscExtension(dsc) {
        const value = dsc.settingsProperty?.value;
        if (dsc.settings) {
          checkSettings(dsc, dsc.settings);
        } else if (value?.kind === 'string') {
          // Settings given whole by an expression we cannot see into, e.g. a secureObject parameter.
          const evaluated = model.evaluate(value);
          const secret = evaluated.secret ? secretName(value, evaluated, undefined) : undefined;
          if (secret) context.report({ ...reportAt(dsc, value), messageId: 'secretSettings', data: { value: secret } });
        }
      },
    };
  },
});
