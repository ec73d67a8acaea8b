import { knownString, type AbstractValue } from '../src/expression';
import { defineRule, type RuleFixer } from '../src/engine';
import type { DscExtension, FileModel } from '../src/model';
import { majorMinor } from './shared/handler-versions';
import { booleanMeaning, describeValue, isLiteralIn, reportedAt } from './shared/values';

/** The latest DSC extension version (DSC reference §4.1). */
export const LATEST_DSC_VERSION = '2.83';

type VersionProblem = 'removed' | 'wmfPreview' | 'wmfPreviewUpgraded' | 'noTls12';

/**
 * What is wrong with a "major.minor" version (§4.1): 1.0–2.3 were removed from the repository,
 * 2.4–2.13 are the retired WMF 5.0 preview versions (which only a minor upgrade keeps deploying),
 * and before 2.75 there is no TLS 1.2 unless autoUpgradeMinorVersion brings a newer minor
 * version (`autoUpgrade` undefined: not known).
 */
function versionProblem(major: number, minor: number, autoUpgrade: boolean | undefined): VersionProblem | undefined {
  if (major < 2 || (major === 2 && minor < 4)) return 'removed';
  if (major > 2) return undefined;
  if (minor <= 13) return autoUpgrade === true ? 'wmfPreviewUpgraded' : 'wmfPreview';
  if (minor < 75 && autoUpgrade === false) return 'noTls12';
  return undefined;
}

/** autoUpgradeMinorVersion as ARM applies it: missing or null is false; undefined when not known. */
function autoUpgradeOf(dsc: DscExtension, model: FileModel): boolean | undefined {
  const node = dsc.autoUpgradeMinorVersion?.value;
  if (!node || node.kind === 'null') return false;
  return booleanMeaning(model.evaluate(node));
}

/** A known value that is not a string, such as a number from a parameter default, or null. */
function isKnownScalar(value: AbstractValue): boolean {
  return value.kind === 'number' || value.kind === 'boolean' || value.kind === 'null';
}

export default defineRule({
  meta: {
    id: 'dsc-type-handler-version',
    type: 'problem',
    severity: 'error',
    fixable: true,
    hasSuggestions: true,
    docs: { description: 'Require the DSC extension typeHandlerVersion to be a "major.minor" string of a version that still installs and downloads.' },
    messages: {
      jsonNumber: 'typeHandlerVersion {{raw}} is a JSON number, which ARM reads as {{read}}; write it as the string "{{raw}}".',
      notMajorMinor: `typeHandlerVersion {{value}}{{source}} is not a "major.minor" version string; use "${LATEST_DSC_VERSION}", the latest version.`,
      removed: `DSC extension versions 1.0 to 2.3 were removed from the extension repository, so typeHandlerVersion {{value}}{{source}} cannot be installed; use "${LATEST_DSC_VERSION}", the latest version.`,
      wmfPreview: `typeHandlerVersion {{value}}{{source}} is one of the versions 2.4 to 2.13, which install the WMF 5.0 Public Preview whose signing certificates expired in August 2016; use "${LATEST_DSC_VERSION}", the latest version.`,
      wmfPreviewUpgraded: `typeHandlerVersion {{value}}{{source}} is one of the retired versions 2.4 to 2.13 (WMF 5.0 Public Preview, whose signing certificates expired in August 2016); autoUpgradeMinorVersion installs a newer 2.x instead, so write "${LATEST_DSC_VERSION}", the latest version.`,
      noTls12: `typeHandlerVersion {{value}}{{source}} is older than 2.75, the first version that uses TLS 1.2, and autoUpgradeMinorVersion is not true, so downloads from hosts that require TLS 1.2 (such as GitHub) fail; use "${LATEST_DSC_VERSION}" or set autoUpgradeMinorVersion to true.`,
      useLatest: `Use typeHandlerVersion "${LATEST_DSC_VERSION}".`,
    },
    schema: [],
  },
  create(context) {
    const { model, source } = context;

    return {
      dscExtension(dsc) {
        const node = dsc.typeHandlerVersion?.value;
        if (!node) return;
        const { extension } = dsc;
        const value = model.evaluate(node);
        const at = reportedAt(extension, node);
        // Replacing a literal with the latest version is the user's choice: a suggestion, not a fix.
        const suggest = isLiteralIn(extension, node)
          ? [{ messageId: 'useLatest' as const, fix: (fixer: RuleFixer) => fixer.replaceText(node, `"${LATEST_DSC_VERSION}"`) }]
          : undefined;
        const data = describeValue(model, node, value);

        if (node.kind === 'number') {
          const raw = source.rawText(node);
          // ARM keeps the number, not its text: 2.20 becomes 2.2. Quoting keeps what was written.
          if (majorMinor(raw)) {
            const fix = isLiteralIn(extension, node) ? (fixer: RuleFixer) => fixer.replaceText(node, `"${raw}"`) : undefined;
            context.report({ ...at, messageId: 'jsonNumber', data: { raw, read: String(node.value) }, fix });
            return;
          }
        }
        const text = knownString(value);
        if (text === undefined) {
          if (isKnownScalar(value)) context.report({ ...at, messageId: 'notMajorMinor', data, suggest });
          return;
        }
        const version = majorMinor(text);
        if (!version) {
          context.report({ ...at, messageId: 'notMajorMinor', data, suggest });
          return;
        }
        const problem = versionProblem(version.major, version.minor, autoUpgradeOf(dsc, model));
        if (problem) context.report({ ...at, messageId: problem, data, suggest });
      },
    };
  },
});
