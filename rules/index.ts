import type { RuleModule } from '../src/engine';
import artifactsParameters from './artifacts-parameters';
import computeApiVersion from './compute-api-version';
import dscArtifactArchive from './dsc-artifact-archive';
import dscArtifactStale from './dsc-artifact-stale';
import dscAutoUpgradeMinorVersion from './dsc-auto-upgrade-minor-version';
import dscAutomaticUpgrade from './dsc-automatic-upgrade';
import dscConfigurationArguments from './dsc-configuration-arguments';
import dscConfigurationUrl from './dsc-configuration-url';
import dscConsistentAutoUpgrade from './dsc-consistent-auto-upgrade';
import dscConsistentTypeHandlerVersion from './dsc-consistent-type-handler-version';
import dscDependsOn from './dsc-depends-on';
import dscExtensionPlacement from './dsc-extension-placement';
import dscExtensionRetirement from './dsc-extension-retirement';
import dscLegacySettings from './dsc-legacy-settings';
import dscNoSecretsInSettings from './dsc-no-secrets-in-settings';
import dscProtectedSettings from './dsc-protected-settings';
import dscPublisherType from './dsc-publisher-type';
import dscSasToken from './dsc-sas-token';
import dscSettings from './dsc-settings';
import dscSinglePerTarget from './dsc-single-per-target';
import dscTypeHandlerVersion from './dsc-type-handler-version';
import dscVmNodeName from './dsc-vm-node-name';
import dscVmssNodeName from './dsc-vmss-node-name';
import expressionReferences from './expression-references';
import expressionSyntax from './expression-syntax';
import templateDuplicateKeys from './template-duplicate-keys';

/** Every built-in rule, sorted by id. */
export const builtInRules: readonly RuleModule[] = [
  artifactsParameters,
  computeApiVersion,
  dscArtifactArchive,
  dscArtifactStale,
  dscAutoUpgradeMinorVersion,
  dscAutomaticUpgrade,
  dscConfigurationArguments,
  dscConfigurationUrl,
  dscConsistentAutoUpgrade,
  dscConsistentTypeHandlerVersion,
  dscDependsOn,
  dscExtensionPlacement,
  dscExtensionRetirement,
  dscLegacySettings,
  dscNoSecretsInSettings,
  dscProtectedSettings,
  dscPublisherType,
  dscSasToken,
  dscSettings,
  dscSinglePerTarget,
  dscTypeHandlerVersion,
  dscVmNodeName,
  dscVmssNodeName,
  expressionReferences,
  expressionSyntax,
  templateDuplicateKeys,
];
