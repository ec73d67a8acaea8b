import type { RuleModule } from '../src/engine';
import dscConsistentAutoUpgrade from './dsc-consistent-auto-upgrade';
import dscConsistentTypeHandlerVersion from './dsc-consistent-type-handler-version';
import dscDependsOn from './dsc-depends-on';
import dscExtensionPlacement from './dsc-extension-placement';
import dscPublisherType from './dsc-publisher-type';
import dscSasToken from './dsc-sas-token';
import dscSinglePerTarget from './dsc-single-per-target';
import dscVmNodeName from './dsc-vm-node-name';
import dscVmssNodeName from './dsc-vmss-node-name';

/** Every built-in rule, sorted by id. */
export const builtInRules: readonly RuleModule[] = [
  dscConsistentAutoUpgrade,
  dscConsistentTypeHandlerVersion,
  dscDependsOn,
  dscExtensionPlacement,
  dscPublisherType,
  dscSasToken,
  dscSinglePerTarget,
  dscVmNodeName,
  dscVmssNodeName,
];
