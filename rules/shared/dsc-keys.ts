import { closestName } from '../../src/text/did-you-mean';

/**
 * Which keys the DSC extension reads where (DSC reference §1.1, §2, §3). Keys are compared
 * case-insensitively, as ARM and the extension's PowerShell do; each is spelled here as documented.
 */

/** The objects whose keys the settings rules check. */
export type Place = 'settings' | 'settings.configuration' | 'settings.privacy' | 'settings.advancedOptions' | 'protectedSettings';

/** The 2.x keys the extension reads at each place. */
const CURRENT_KEYS: Record<Place, readonly string[]> = {
  settings: ['wmfVersion', 'configuration', 'configurationArguments', 'configurationData', 'privacy', 'advancedOptions'],
  'settings.configuration': ['url', 'script', 'function', 'module'],
  'settings.privacy': ['dataCollection'],
  // rebootNodeIfNeeded appears only in the 2025 Bicep example (§1.1, unconfirmed): accepted, not reported.
  'settings.advancedOptions': ['forcePullAndApply', 'downloadMappings', 'rebootNodeIfNeeded'],
  protectedSettings: ['configurationArguments', 'configurationUrlSasToken', 'configurationDataUrlSasToken'],
};

/** 1.x public keys (§3); wmfVersion, privacy and advancedOptions are spelled the same in both formats. */
export const LEGACY_SETTINGS_KEYS = ['ModulesUrl', 'ModuleSource', 'ModuleVersion', 'ConfigurationFunction', 'SasToken', 'Properties', 'ProtocolVersion'] as const;

/**
 * 1.x protected keys: Items and DataBlobUri (§3), and Properties, which Azure Virtual Desktop's
 * own templates use for the registration token. 1.x public keys also reach the extension from
 * protectedSettings (the SonarQube quickstart keeps all of them there and its configuration runs:
 * GH Azure/azure-quickstart-templates#3744), so they are legacy there too.
 */
const LEGACY_PROTECTED_ONLY_KEYS = ['Items', 'DataBlobUri'] as const;
export const LEGACY_PROTECTED_KEYS = [...LEGACY_PROTECTED_ONLY_KEYS, ...LEGACY_SETTINGS_KEYS] as const;

/** Keys other rules report where they are found: dsc-extension-placement and dsc-sas-token. */
const OTHER_RULES_KEYS: Partial<Record<Place, readonly string[]>> = {
  settings: ['protectedSettings', 'publicSettings', 'configurationUrlSasToken', 'configurationDataUrlSasToken'],
};

/**
 * Arguments of the default configuration script that registers a node with Azure Automation
 * (§1.3); they work only in configurationArguments (RegistrationKey, a PSCredential, in the protected ones).
 */
const REGISTRATION_ARGUMENTS = [
  'RegistrationUrl',
  'NodeConfigurationName',
  'RegistrationKey',
  'ConfigurationMode',
  'RefreshFrequencyMins',
  'ConfigurationModeFrequencyMins',
  'RebootNodeIfNeeded',
  'ActionAfterReboot',
  'AllowModuleOverwrite',
];

const EXTENSION_PROPERTIES_PLACE = "the extension's properties";

/** Properties of the extension itself, sometimes written into its settings by mistake. */
const EXTENSION_PROPERTIES = [
  'publisher',
  'type',
  'typeHandlerVersion',
  'autoUpgradeMinorVersion',
  'enableAutomaticUpgrade',
  'forceUpdateTag',
  'suppressFailures',
  'provisionAfterExtensions',
  'settings',
  'protectedSettingsFromKeyVault',
];

/** Names documentation pages use by mistake: DW's property table calls dataCollection `dataEnabled` (§1.1). */
const DOCUMENTATION_ALIASES: Partial<Record<Place, Record<string, string>>> = {
  'settings.privacy': { dataenabled: 'dataCollection' },
};

export type KeyVerdict =
  /** Read by the extension here. */
  | { kind: 'known' }
  /** A 1.x key: dsc-legacy-settings' business. */
  | { kind: 'legacy' }
  /** Another rule reports this key here. */
  | { kind: 'other-rule' }
  /** A key the extension reads somewhere else (`belongs`), spelled as documented. */
  | { kind: 'misplaced'; key: string; belongs: string; registration: boolean }
  /** Most likely a typo of `suggestion`, which belongs here (`belongs` undefined) or elsewhere. */
  | { kind: 'typo'; suggestion: string; belongs: string | undefined }
  | { kind: 'unknown' };

interface KnownKey {
  key: string;
  /** Undefined when the key belongs at the place asked about. */
  belongs: string | undefined;
  registration: boolean;
}

/** Every key the settings rules know, as seen from `place`: its own keys first, then the rest with where they belong. */
function knownKeysFrom(place: Place): KnownKey[] {
  const here = (keys: readonly string[]): KnownKey[] => keys.map((key) => ({ key, belongs: undefined, registration: false }));
  const elsewhere: KnownKey[] = [];
  for (const [other, keys] of Object.entries(CURRENT_KEYS) as Array<[Place, readonly string[]]>) {
    if (other !== place) elsewhere.push(...keys.map((key) => ({ key, belongs: other, registration: false })));
  }
  if (place !== 'protectedSettings') elsewhere.push(...LEGACY_PROTECTED_ONLY_KEYS.map((key) => ({ key, belongs: 'protectedSettings', registration: false })));
  for (const key of REGISTRATION_ARGUMENTS) {
    const belongs = key === 'RegistrationKey' ? 'protectedSettings.configurationArguments' : 'settings.configurationArguments';
    elsewhere.push({ key, belongs, registration: true });
  }
  elsewhere.push(...EXTENSION_PROPERTIES.map((key) => ({ key, belongs: EXTENSION_PROPERTIES_PLACE, registration: false })));
  return [...here(CURRENT_KEYS[place]), ...here(legacyKeysAt(place)), ...elsewhere];
}

function legacyKeysAt(place: Place): readonly string[] {
  if (place === 'settings') return LEGACY_SETTINGS_KEYS;
  return place === 'protectedSettings' ? LEGACY_PROTECTED_KEYS : [];
}

const knownKeysCache = new Map<Place, KnownKey[]>();

/** What a key written at `place` is to the DSC extension. */
export function classifyKey(place: Place, key: string): KeyVerdict {
  const lower = key.toLowerCase();
  const matches = (name: string): boolean => name.toLowerCase() === lower;
  if (CURRENT_KEYS[place].some(matches)) return { kind: 'known' };
  if (legacyKeysAt(place).some(matches)) return { kind: 'legacy' };
  if (OTHER_RULES_KEYS[place]?.some(matches)) return { kind: 'other-rule' };

  let known = knownKeysCache.get(place);
  if (!known) knownKeysCache.set(place, (known = knownKeysFrom(place)));
  const exact = known.find((k) => matches(k.key));
  if (exact?.belongs !== undefined) return { kind: 'misplaced', key: exact.key, belongs: exact.belongs, registration: exact.registration };

  const alias = DOCUMENTATION_ALIASES[place]?.[lower];
  if (alias) return { kind: 'typo', suggestion: alias, belongs: undefined };
  const suggestion = closestName(
    key,
    known.map((k) => k.key),
  );
  if (suggestion === undefined) return { kind: 'unknown' };
  return { kind: 'typo', suggestion, belongs: known.find((k) => k.key === suggestion)!.belongs };
}

/** True for a key of the 1.x format at `place` (settings or protectedSettings). */
export function isLegacyKey(place: 'settings' | 'protectedSettings', key: string): boolean {
  return legacyKeysAt(place).some((name) => name.toLowerCase() === key.toLowerCase());
}

/** True for a key only the 2.x format has at `place`: not the ones both formats share. */
export function isCurrentOnlyKey(place: 'settings' | 'protectedSettings', key: string): boolean {
  const shared = ['wmfversion', 'privacy', 'advancedoptions'];
  const lower = key.toLowerCase();
  return !shared.includes(lower) && CURRENT_KEYS[place].some((name) => name.toLowerCase() === lower);
}
