import type { ConfigurationDeclaration, ConfigurationParameter } from '../src/artifacts';
import { knownString, quoted, type AbstractValue } from '../src/expression';
import { defineRule, type RuleContext } from '../src/engine';
import type { DscExtension } from '../src/model';
import { closestName } from '../src/text/did-you-mean';
import { at, configurationSource, locatedConfigurations, type ConfigurationReference, type PassedArgument, type PassedArguments } from './shared/dsc-artifacts';

type MessageId = 'unknownConfiguration' | 'unknownArgument' | 'missingArguments' | 'publicCredential' | 'legacyPublicCredential' | 'renameArgument';

/** Names listed in a message at most. */
const MAX_LISTED = 8;

/**
 * Parameters every Configuration takes without declaring them: those the Configuration keyword
 * adds, and PowerShell's common parameters.
 */
const IMPLICIT_PARAMETERS = new Set(
  [
    'InstanceName', 'DependsOn', 'PsDscRunAsCredential', 'OutputPath', 'ConfigurationData', 'Verbose', 'Debug', 'ErrorAction', 'WarningAction',
    'InformationAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable',
  ].map((name) => name.toLowerCase()),
);

const PRIVATE_SETTINGS_REF = /^privatesettingsref:/i;

function listed(names: readonly string[], conjunction: 'and' | ','): string {
  const shown = names.slice(0, MAX_LISTED).map(quoted);
  if (names.length > MAX_LISTED) return `${shown.join(', ')}, and ${names.length - MAX_LISTED} more`;
  return conjunction === 'and' && shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown.join(', ');
}

const member = (value: AbstractValue, key: string): AbstractValue | undefined => (value.kind === 'object' ? value.members.get(key)?.value : undefined);
const isPrivateSettingsRef = (value: AbstractValue | undefined): boolean => PRIVATE_SETTINGS_REF.test((value && knownString(value)) ?? '');

/**
 * A credential in public settings is exposed unless its password is a 1.x `PrivateSettingsRef:`
 * (the real one is then in protectedSettings.Items). In 1.x `Properties`, a password that is not
 * known here might be such a reference, so only a known or secret one is reported.
 */
function exposesCredential(argument: PassedArgument): boolean {
  const password = member(argument.value, 'password');
  if (isPrivateSettingsRef(password)) return false;
  if (argument.place === 'public') return true;
  const shown = password ?? argument.value;
  return shown.secret || (password !== undefined && knownString(password) !== undefined);
}

/** The Configuration as PowerShell would call it: names compare case-insensitively, the last definition wins. */
function findConfiguration(configurations: readonly ConfigurationDeclaration[], name: string): ConfigurationDeclaration | undefined {
  return configurations.filter((declaration) => declaration.name.toLowerCase() === name.toLowerCase()).pop();
}

function checkArguments(context: RuleContext<MessageId>, dsc: DscExtension, reference: ConfigurationReference, passed: PassedArguments, declaration: ConfigurationDeclaration, source: string): void {
  const parameters = declaration.params;
  if (!parameters) return;
  const byName = new Map<string, ConfigurationParameter>(parameters.map((parameter) => [parameter.name.toLowerCase(), parameter]));
  const configuration = quoted(declaration.name);
  const { list, complete, anchor } = passed;
  const supplied = new Set(list.map((argument) => argument.name.toLowerCase()));

  for (const argument of list) {
    const parameter = byName.get(argument.name.toLowerCase());
    if (!parameter) {
      if (IMPLICIT_PARAMETERS.has(argument.name.toLowerCase())) continue;
      const unsupplied = parameters.filter((p) => !supplied.has(p.name.toLowerCase())).map((p) => p.name);
      const suggestion = closestName(argument.name, unsupplied);
      const names = parameters.map((p) => p.name);
      const hint = suggestion ? ` (did you mean ${quoted(suggestion)}?)` : names.length > 0 ? `; its parameters are ${listed(names, ',')}` : '; it has no parameters';
      const { nameNode } = argument;
      context.report({
        ...at(dsc, argument.node),
        messageId: 'unknownArgument',
        data: { argument: quoted(argument.name), configuration, source, hint },
        suggest: suggestion && nameNode ? [{ messageId: 'renameArgument', data: { name: suggestion }, fix: (fixer) => fixer.replaceText(nameNode, JSON.stringify(suggestion)) }] : undefined,
      });
    } else if (parameter.isCredential && argument.place !== 'protected' && exposesCredential(argument)) {
      const messageId = argument.place === 'public' ? 'publicCredential' : 'legacyPublicCredential';
      context.report({ ...at(dsc, argument.node), messageId, data: { argument: quoted(parameter.name), configuration } });
    }
  }

  const missing = parameters.filter((parameter) => parameter.mandatory && !supplied.has(parameter.name.toLowerCase())).map((parameter) => parameter.name);
  const missingAt = anchor ?? reference.configuration?.node;
  if (complete && missing.length > 0 && missingAt) {
    const shown = `${missing.length === 1 ? 'parameter' : 'parameters'} ${listed(missing, 'and')}`;
    context.report({ ...at(dsc, missingAt), messageId: 'missingArguments', data: { configuration, source, parameters: shown } });
  }
}

/**
 * The Configuration a DSC extension calls, read from the script in its archive (shared/
 * dsc-artifacts), must exist and accept the arguments given: every argument a parameter, every
 * mandatory parameter given, credentials only through protected settings.
 */
export default defineRule({
  meta: {
    id: 'dsc-configuration-arguments',
    type: 'problem',
    severity: 'error',
    hasSuggestions: true,
    docs: { description: 'Require a DSC extension to call a Configuration its script defines, with arguments that match its parameters.' },
    messages: {
      unknownConfiguration: '{{source}} defines no Configuration {{configuration}}{{hint}}.',
      unknownArgument: 'Configuration {{configuration}} ({{source}}) has no parameter {{argument}}{{hint}}.',
      missingArguments: 'Configuration {{configuration}} ({{source}}) has mandatory {{parameters}} that no configuration argument supplies.',
      publicCredential:
        'Parameter {{argument}} of Configuration {{configuration}} is a PSCredential, but it is passed in public settings, which are stored unencrypted; pass it in protectedSettings.configurationArguments.',
      legacyPublicCredential:
        'Parameter {{argument}} of Configuration {{configuration}} is a PSCredential, but its password is in public settings, which are stored unencrypted; write "Password": "PrivateSettingsRef:<key>" and put the password in protectedSettings.Items.',
      renameArgument: 'Rename the argument to "{{name}}".',
    },
    schema: [],
  },
  create(context) {
    return {
      dscExtension(dsc) {
        for (const configuration of locatedConfigurations(context, dsc)) {
          const { reference } = configuration;
          const name = reference.configuration?.text;
          const source = name === undefined ? undefined : configurationSource(context, configuration);
          if (!source || !reference.configuration || name === undefined) continue;
          const configurations = source.script.configurations();
          const declaration = findConfiguration(configurations, name);
          if (declaration) {
            for (const passed of reference.arguments()) checkArguments(context, dsc, reference, passed, declaration, source.shownAs);
            continue;
          }
          const names = [...new Set(configurations.map((c) => c.name))];
          const suggestion = closestName(name, names);
          const hint = suggestion ? ` (did you mean ${quoted(suggestion)}?)` : names.length > 0 ? `; it defines ${listed(names, ',')}` : '; it defines none';
          context.report({ ...at(dsc, reference.configuration.node), messageId: 'unknownConfiguration', data: { source: source.shownAs, configuration: quoted(name), hint } });
        }
      },
    };
  },
});
