import type { RuleModule } from '../src/engine';
import computeApiVersion from './compute-api-version';
import dscAutoUpgradeMinorVersion from './dsc-auto-upgrade-minor-version';
import dscAutomaticUpgrade from './dsc-automatic-upgrade';
import dscConsistentAutoUpgrade from './dsc-consistent-auto-upgrade';
import dscConsistentTypeHandlerVersion from './dsc-consistent-type-handler-version';
import dscExtensionPlacement from './dsc-extension-placement';
import dscExtensionRetirement from './dsc-extension-retirement';
import dscLegacySettings from './dsc-legacy-settings';
import dscNoSecretsInSettings from './dsc-no-secrets-in-settings';
import dscProtectedSettings from './dsc-protected-settings';
import dscSasToken from './dsc-sas-token';
import dscSettings from './dsc-settings';
import dscTypeHandlerVersion from './dsc-type-handler-version';
import dscVmssNodeName from './dsc-vmss-node-name';

/** Every built-in rule, sorted by id. */
export const builtInRules: readonly RuleModule[] = [
  computeApiVersion,
  dscAutoUpgradeMinorVersion,
  dscAutomaticUpgrade,
  dscConsistentAutoUpgrade,
  dscConsistentTypeHandlerVersion,
  dscExtensionPlacement,
  dscExtensionRetirement,
  dscLegacySettings,
  dscNoSecretsInSettings,
  dscProtectedSettings,
  dscSasToken,
  dscSettings,
  dscTypeHandlerVersion,
  dscVmssNodeName,
];
