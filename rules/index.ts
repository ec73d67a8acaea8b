import type { RuleModule } from '../src/engine';
import artifactsParameters from './artifacts-parameters';
import dscConfigurationUrl from './dsc-configuration-url';
import dscConsistentAutoUpgrade from './dsc-consistent-auto-upgrade';
import dscConsistentTypeHandlerVersion from './dsc-consistent-type-handler-version';
import dscExtensionPlacement from './dsc-extension-placement';
import dscSasToken from './dsc-sas-token';
import dscVmssNodeName from './dsc-vmss-node-name';
import expressionReferences from './expression-references';
import expressionSyntax from './expression-syntax';
import templateDuplicateKeys from './template-duplicate-keys';

/** Every built-in rule, sorted by id. */
export const builtInRules: readonly RuleModule[] = [
  artifactsParameters,
  dscConfigurationUrl,
  dscConsistentAutoUpgrade,
  dscConsistentTypeHandlerVersion,
  dscExtensionPlacement,
  dscSasToken,
  dscVmssNodeName,
  expressionReferences,
  expressionSyntax,
  templateDuplicateKeys,
];
