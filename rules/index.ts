import type { RuleModule } from '../src/engine';
import computeApiVersion from './compute-api-version';
import dscAutoUpgradeMinorVersion from './dsc-auto-upgrade-minor-version';
import dscAutomaticUpgrade from './dsc-automatic-upgrade';
import dscConsistentAutoUpgrade from './dsc-consistent-auto-upgrade';
import dscConsistentTypeHandlerVersion from './dsc-consistent-type-handler-version';
import dscExtensionPlacement from './dsc-extension-placement';
import dscExtensionRetirement from './dsc-extension-retirement';
import dscSasToken from './dsc-sas-token';
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
  dscSasToken,
  dscTypeHandlerVersion,
  dscVmssNodeName,
];
