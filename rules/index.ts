import type { RuleModule } from '../src/engine';
import dscArtifactArchive from './dsc-artifact-archive';
import dscArtifactStale from './dsc-artifact-stale';
import dscConfigurationArguments from './dsc-configuration-arguments';
import dscConsistentAutoUpgrade from './dsc-consistent-auto-upgrade';
import dscConsistentTypeHandlerVersion from './dsc-consistent-type-handler-version';
import dscExtensionPlacement from './dsc-extension-placement';
import dscSasToken from './dsc-sas-token';
import dscVmssNodeName from './dsc-vmss-node-name';

/** Every built-in rule, sorted by id. */
export const builtInRules: readonly RuleModule[] = [
  dscArtifactArchive,
  dscArtifactStale,
  dscConfigurationArguments,
  dscConsistentAutoUpgrade,
  dscConsistentTypeHandlerVersion,
  dscExtensionPlacement,
  dscSasToken,
  dscVmssNodeName,
];
