import type { RuleModule } from '../src/engine';
import dscConsistentAutoUpgrade from './dsc-consistent-auto-upgrade';
import dscConsistentTypeHandlerVersion from './dsc-consistent-type-handler-version';
import dscExtensionPlacement from './dsc-extension-placement';
import dscLegacySettings from './dsc-legacy-settings';
import dscNoSecretsInSettings from './dsc-no-secrets-in-settings';
import dscProtectedSettings from './dsc-protected-settings';
import dscSasToken from './dsc-sas-token';
import dscSettings from './dsc-settings';
import dscVmssNodeName from './dsc-vmss-node-name';

/** Every built-in rule, sorted by id. */
export const builtInRules: readonly RuleModule[] = [
  dscConsistentAutoUpgrade,
  dscConsistentTypeHandlerVersion,
  dscExtensionPlacement,
  dscLegacySettings,
  dscNoSecretsInSettings,
  dscProtectedSettings,
  dscSasToken,
  dscSettings,
  dscVmssNodeName,
];
