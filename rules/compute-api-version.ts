import { knownString } from '../src/expression';
import { defineRule } from '../src/engine';
import type { ComputeKind, ComputeTarget, Extension, Resource } from '../src/model';
import { getProperty, getValue } from '../src/parse';
import { describeValue, reportedAt } from './shared/values';

/** Microsoft.Compute apiVersions that define virtual machines, scale sets and their extensions (DSC reference §5.5). */
const COMPUTE_API_VERSIONS = [
  '2015-06-15', '2016-03-30', '2016-04-30-preview', '2017-03-30', '2017-12-01', '2018-04-01', '2018-06-01', '2018-10-01',
  '2019-03-01', '2019-07-01', '2019-12-01', '2020-06-01', '2020-12-01', '2021-03-01', '2021-04-01', '2021-07-01', '2021-11-01',
  '2022-03-01', '2022-08-01', '2022-11-01', '2023-03-01', '2023-07-01', '2023-09-01', '2024-03-01', '2024-07-01', '2024-11-01',
  '2025-04-01', '2025-11-01', '2026-03-01',
];

/** Microsoft.Compute apiVersions of disks, galleries, cloud services and the like, with no VM, scale set or extension types (§5.5). */
const OTHER_TYPE_API_VERSIONS = new Set([
  '2018-09-30', '2019-11-01', '2020-05-01', '2020-06-30', '2020-09-30', '2020-10-01-preview', '2021-08-01', '2021-10-01', '2021-12-01',
  '2022-01-03', '2022-03-02', '2022-03-03', '2022-04-04', '2022-07-02', '2022-08-03', '2022-09-04', '2023-01-02', '2023-04-02', '2023-07-03',
  '2023-10-02', '2024-03-01-preview', '2024-03-02', '2024-03-03', '2024-06-01-preview', '2024-11-04', '2025-01-02', '2025-02-01-preview',
  '2025-03-03', '2025-06-05', '2025-12-03', '2026-03-02', '2026-04-06-preview', '2026-05-05-preview', '2026-07-06-preview',
]);

/** A schema defines the types, but whether the resource provider takes it is not confirmed (§5.5): never reported. */
const UNCONFIRMED_API_VERSIONS = new Set(['2015-08-01']);

const FIRST_VERSION = COMPUTE_API_VERSIONS[0]!;
const NEWEST_VERSION = COMPUTE_API_VERSIONS[COMPUTE_API_VERSIONS.length - 1]!;

/** Scale set extensions as resources of their own exist from this apiVersion (§5.1 (d)). */
const SCALE_SET_EXTENSION_RESOURCES_FROM = '2017-03-30';

/** Extension properties younger than the first apiVersion, and the first apiVersion whose schema has them (§5.2). */
const EXTENSION_PROPERTIES_FROM: ReadonlyArray<{ name: string; from: Record<ComputeKind, string> }> = [
  { name: 'forceUpdateTag', from: { virtualMachine: '2015-06-15', scaleSet: '2017-03-30' } },
  { name: 'provisionAfterExtensions', from: { virtualMachine: '2023-03-01', scaleSet: '2018-06-01' } },
  { name: 'enableAutomaticUpgrade', from: { virtualMachine: '2020-06-01', scaleSet: '2020-06-01' } },
  { name: 'suppressFailures', from: { virtualMachine: '2021-07-01', scaleSet: '2021-07-01' } },
  { name: 'protectedSettingsFromKeyVault', from: { virtualMachine: '2021-11-01', scaleSet: '2021-11-01' } },
];

const RESOURCE_TYPE: Record<ComputeKind, string> = {
  virtualMachine: 'Microsoft.Compute/virtualMachines',
  scaleSet: 'Microsoft.Compute/virtualMachineScaleSets',
};

const EXTENSIONS_OF: Record<ComputeKind, string> = {
  virtualMachine: 'virtual machine extensions',
  scaleSet: 'scale set extensions',
};

/** `2019-07-01` or `2016-04-30-preview`: a date, then an optional suffix. */
const API_VERSION = /^(\d{4}-\d{2}-\d{2})(-[a-z]+)?$/;

/** The date of an apiVersion, which orders versions (a preview sorts with its date). */
const dateOf = (version: string): string => version.slice(0, 10);

/** The version to suggest instead of `version`, in message text: the nearest listed one not after it, or the first. */
function suggestionFor(version: string): string {
  const date = dateOf(version);
  const nearest = COMPUTE_API_VERSIONS.filter((v) => dateOf(v) <= date).pop();
  return nearest ? `"${nearest}" (the nearest earlier one)` : `"${FIRST_VERSION}" (the first published one)`;
}

type MessageId = 'notComputeVersion' | 'otherResourceType' | 'legacyPreview' | 'scaleSetExtensionResource' | 'propertyTooNew';

/** An apiVersion judged for one resource type: usable (with the text to compare properties against) or a finding. */
type Verdict = { usable: true; version: string } | { usable: false; messageId: Exclude<MessageId, 'propertyTooNew'>; suggestion?: string };

/** A resource's apiVersion judged, with how messages show it. */
interface JudgedApiVersion {
  verdict: Verdict;
  shown: { value: string; source: string };
}

/** Judge a known apiVersion for a resource type; `availableFrom` is the type's first version. */
function judge(version: string, availableFrom: string): Verdict {
  const lower = version.toLowerCase();
  const match = API_VERSION.exec(lower);
  if (!match) return { usable: false, messageId: 'notComputeVersion', suggestion: `"${NEWEST_VERSION}" (the newest)` };
  if (COMPUTE_API_VERSIONS.includes(lower) || UNCONFIRMED_API_VERSIONS.has(lower)) {
    if (dateOf(lower) < availableFrom) return { usable: false, messageId: 'scaleSetExtensionResource' };
    return { usable: true, version: lower };
  }
  if (OTHER_TYPE_API_VERSIONS.has(lower)) return { usable: false, messageId: 'otherResourceType', suggestion: suggestionFor(lower) };
  // Versions published after the newest one listed are not known to be wrong.
  if (dateOf(lower) > dateOf(NEWEST_VERSION)) return { usable: true, version: lower };
  const suggestion = suggestionFor(lower);
  if (match[2] === '-preview' && dateOf(lower) < FIRST_VERSION) return { usable: false, messageId: 'legacyPreview', suggestion };
  return { usable: false, messageId: 'notComputeVersion', suggestion };
}

export default defineRule({
  meta: {
    id: 'compute-api-version',
    type: 'problem',
    severity: 'warn',
    docs: { description: 'Require Compute API versions that define virtual machines, scale sets and their extensions, and that have the extension properties used.' },
    messages: {
      notComputeVersion: 'apiVersion {{value}}{{source}} is not a Microsoft.Compute API version of {{type}}; use {{suggestion}}.',
      otherResourceType:
        'apiVersion {{value}}{{source}} is a Microsoft.Compute API version of other resource types (disks, galleries, cloud services), not of {{type}}; use {{suggestion}}.',
      legacyPreview: 'apiVersion {{value}}{{source}} is a legacy preview with no published schema for {{type}}; use {{suggestion}} or later.',
      scaleSetExtensionResource: `apiVersion {{value}}{{source}} has no {{type}} resources, which exist from "${SCALE_SET_EXTENSION_RESOURCES_FROM}"; use that version or later, or declare the extension in the scale set's extensionProfile.`,
      propertyTooNew: "'{{property}}' of {{extensions}} is in the Compute API schema from apiVersion \"{{since}}\", but {{whose}} apiVersion is {{value}}{{source}}, which the schema does not give it; use \"{{since}}\" or later.",
    },
    schema: [],
  },
  create(context) {
    const { model } = context;
    /** Each resource's apiVersion, judged once (a scale set's serves its profile extensions too). */
    const judged = new Map<Resource, JudgedApiVersion | undefined>();

    /** Judge (and report) a resource's apiVersion for its type; undefined when it is missing or not known. */
    function checkApiVersion(resource: Resource, type: string, availableFrom: string): JudgedApiVersion | undefined {
      if (judged.has(resource)) return judged.get(resource);
      const node = getValue(resource.node, 'apiVersion');
      const value = node && model.evaluate(node);
      const text = value && knownString(value);
      const result = node && value && text !== undefined ? { verdict: judge(text, availableFrom), shown: describeValue(model, node, value) } : undefined;
      judged.set(resource, result);
      if (node && result && !result.verdict.usable) {
        const { messageId, suggestion = '' } = result.verdict;
        context.report({ node, messageId, data: { ...result.shown, type, suggestion } });
      }
      return result;
    }

    const checkCompute = (target: ComputeTarget): void => {
      checkApiVersion(target.resource, RESOURCE_TYPE[target.kind], FIRST_VERSION);
    };

    /** Extension properties the apiVersion that governs them does not have yet. */
    function checkProperties(extension: Extension, apiVersion: JudgedApiVersion | undefined): void {
      if (!apiVersion?.verdict.usable) return;
      const { version } = apiVersion.verdict;
      for (const { name, from } of EXTENSION_PROPERTIES_FROM) {
        const property = getProperty(extension.properties, name);
        const since = from[extension.targetKind];
        if (!property || dateOf(version) >= since) continue;
        context.report({
          ...reportedAt(extension, property.key),
          messageId: 'propertyTooNew',
          data: {
            property: property.key.value,
            extensions: EXTENSIONS_OF[extension.targetKind],
            since,
            whose: extension.resource ? "the extension's" : "the scale set's",
            ...apiVersion.shown,
          },
        });
      }
    }

    return {
      virtualMachine: checkCompute,
      scaleSet: checkCompute,
      extension(extension) {
        if (extension.resource) {
          const type = `${RESOURCE_TYPE[extension.targetKind]}/extensions`;
          const availableFrom = extension.targetKind === 'scaleSet' ? SCALE_SET_EXTENSION_RESOURCES_FROM : FIRST_VERSION;
          checkProperties(extension, checkApiVersion(extension.resource, type, availableFrom));
        } else if (extension.target) {
          // A profile item has no apiVersion: the scale set's applies (judged when the scale set was visited).
          checkProperties(extension, checkApiVersion(extension.target.resource, RESOURCE_TYPE.scaleSet, FIRST_VERSION));
        }
      },
    };
  },
});
