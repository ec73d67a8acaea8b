import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fix, LintMessage, RuleMeta, SuppressedMessage } from '../engine';
import { compareMessages } from '../engine/report';
import { packageRoot } from '../package-info';
import { sha256Hex } from '../text/digest';
import { jsonText } from './escape';
import { CORE_RULE_ID, FATAL_RULE_ID, relativePath, severityName } from './shared';
import type { SyncFormatter } from './types';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/armdsc-lint/armdsc-lint';
const SOURCE_ROOT = '%SRCROOT%';
/** Versioned, so that a change to what the fingerprint covers can take a new key. */
const FINGERPRINT_KEY = 'armdscLint/v1';

type Level = 'error' | 'warning';

interface MultiformatMessage {
  text: string;
  markdown?: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: MultiformatMessage;
  fullDescription: MultiformatMessage;
  help: MultiformatMessage;
  helpUri?: string;
  defaultConfiguration: { level: Level };
}

interface SarifFix {
  description: { text: string };
  artifactChanges: Array<{
    artifactLocation: ArtifactLocation;
    replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }>;
  }>;
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: Level;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: ArtifactLocation;
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
  fixes?: SarifFix[];
  suppressions?: Array<{ kind: 'inSource'; justification?: string }>;
}

/**
 * A message without a rule (the file does not parse or cannot be read, or the linter failed on
 * it) is a result of this synthetic rule rather than a tool execution notification: GitHub code
 * scanning ignores notifications, so a template that no rule could check would otherwise show
 * nothing, and its earlier alerts would be closed as if fixed.
 */
const FATAL_RULE_HELP = 'Fix the error the message names, then lint the file again.';
const FATAL_RULE: ReportingDescriptor = {
  id: FATAL_RULE_ID,
  name: 'FatalError',
  shortDescription: { text: 'The file could not be linted.' },
  fullDescription: {
    text: 'armdsc-lint could not lint the file: it is not valid JSON, it cannot be read, or the linter failed on it. No rule checked the file, so other problems in it are not reported.',
  },
  help: { text: FATAL_RULE_HELP, markdown: FATAL_RULE_HELP },
  defaultConfiguration: { level: 'error' },
};

/**
 * A message of armdsc-lint itself that is not fatal: a directive naming an unknown rule or
 * silencing nothing, a parameters file that does not fit its template, fixes it could not write.
 */
const CORE_RULE_HELP = 'Read the message: it names the directive, file or fix concerned and what to change.';
const CORE_RULE: ReportingDescriptor = {
  id: CORE_RULE_ID,
  name: 'LinterNotice',
  shortDescription: { text: 'armdsc-lint reports a problem of its own.' },
  fullDescription: {
    text: 'armdsc-lint linted the file and reports something no rule covers: a suppression directive that names an unknown rule, silences nothing or cannot apply, a parameter the template does not declare, fixes it could not write, or findings past the limit of a file that are not shown.',
  },
  help: { text: CORE_RULE_HELP, markdown: CORE_RULE_HELP },
  defaultConfiguration: { level: 'error' },
};

/**
 * The first paragraph after the page's `# title` (or of the page, when it has none), its lines
 * joined with spaces.
 */
export function firstParagraph(markdown: string): string {
  const lines = markdown.split(/\r?\n/);
  const title = lines.findIndex((line) => line.startsWith('# '));
  let start = title + 1;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  let end = start;
  while (end < lines.length && lines[end]!.trim() !== '' && !lines[end]!.startsWith('#')) end++;
  return lines
    .slice(start, end)
    .map((line) => line.trim())
    .join(' ');
}

/** Markdown of a paragraph as plain text: link texts without their targets, no emphasis or code marks. */
function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|`/g, '');
}

/** Relative links resolved against the page's own URL, so they work where the help is shown. */
function absoluteLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (_link, target: string) => `](${new URL(target, pageUrl).href})`);
}

interface RulePage {
  markdown: string;
  summary: string;
}

// Pages by rule id, read once per process: the API and the tests may format many times.
const rulePages = new Map<string, RulePage | null>();

/** The rule's page docs/rules/<id>.md when the package has one. */
function rulePage(id: string): RulePage | undefined {
  if (!rulePages.has(id)) {
    const root = packageRoot();
    let page: RulePage | null = null;
    if (root !== undefined) {
      try {
        const markdown = readFileSync(join(root, 'docs', 'rules', `${id}.md`), 'utf8');
        page = { markdown, summary: firstParagraph(markdown) };
      } catch {
        // No page for this rule: its description stands in.
      }
    }
    rulePages.set(id, page);
  }
  return rulePages.get(id) ?? undefined;
}

const pascalCase = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

function ruleDescriptor(meta: RuleMeta): ReportingDescriptor {
  const { description, url } = meta.docs;
  const page = rulePage(meta.id);
  const summary = page?.summary ?? description;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: description },
    fullDescription: { text: plainText(summary), markdown: summary },
    help: {
      text: url ? `${plainText(summary)}\n\nDocumentation: ${url}` : plainText(summary),
      markdown: page ? (url ? absoluteLinks(page.markdown, url) : page.markdown) : summary,
    },
    ...(url ? { helpUri: url } : {}),
    defaultConfiguration: { level: meta.severity === 'error' ? 'error' : 'warning' },
  };
}

/**
 * A file under cwd is a URI reference relative to %SRCROOT% (percent-encoded, `/`-separated), as
 * code scanning expects paths relative to the repository; a file elsewhere is an absolute file URI.
 */
function artifactLocation(cwd: string, filePath: string): ArtifactLocation {
  const path = relativePath(cwd, filePath);
  if (isAbsolute(path) || path === '..' || path.startsWith('../')) return { uri: pathToFileURL(filePath).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const uri = pathToFileURL(directory).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function sarifFix(location: ArtifactLocation, description: string, fix: Fix): SarifFix {
  const [start, end] = fix.range;
  return {
    description: { text: description },
    artifactChanges: [{ artifactLocation: location, replacements: [{ deletedRegion: { charOffset: start, charLength: end - start }, insertedContent: { text: fix.text } }] }],
  };
}

/** The fix --fix applies first, then the suggestions a user may apply. */
function fixes(location: ArtifactLocation, message: LintMessage): SarifFix[] {
  const applied = message.fix ? [sarifFix(location, 'Fix applied by armdsc-lint --fix.', message.fix)] : [];
  return [...applied, ...(message.suggestions ?? []).map((suggestion) => sarifFix(location, suggestion.desc, suggestion.fix))];
}

const isSuppressed = (message: LintMessage): message is SuppressedMessage => 'suppressions' in message;

/**
 * Fingerprints that follow a finding across commits: a hash of the rule, the file, the message
 * and how many identical findings come before it in the file. No line or column goes in, so a
 * finding keeps its fingerprint when lines are added above it; digits in the message are masked
 * too, because messages cite positions and counts elsewhere ("… in 3 other DSC extension(s)
 * (first at web.json:12)"). Counted over suppressed findings too, so suppressing one does not
 * shift the others.
 */
function fingerprinter(): (ruleId: string, uri: string, text: string) => string {
  const occurrences = new Map<string, number>();
  return (ruleId, uri, text) => {
    const identity = JSON.stringify([ruleId, uri, text.replace(/\d+/g, '0')]);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    return sha256Hex(`${identity}#${occurrence}`);
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning and Azure DevOps: one run with every rule of the run
 * (sorted by id, then the synthetic fatal and core rules), a result per message, suppressed messages as
 * results with in-source suppressions, and columns in UTF-16 code units like ours.
 */
export const sarif: SyncFormatter = (results, { cwd, rulesMeta, version }) => {
  const rules = [
    ...Object.values(rulesMeta)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(ruleDescriptor),
    FATAL_RULE,
    CORE_RULE,
  ];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const fingerprint = fingerprinter();
  const internalError = results.some((result) => result.messages.some((message) => message.fatal && message.messageId === 'internal-error'));

  const sarifResults = results.flatMap((result) => {
    const location = artifactLocation(cwd, result.filePath);
    return [...result.messages, ...result.suppressedMessages].sort(compareMessages).map((message): SarifResult => {
      const ruleId = message.ruleId ?? (message.fatal ? FATAL_RULE_ID : CORE_RULE_ID);
      const index = ruleIndex.get(ruleId);
      const messageFixes = fixes(location, message);
      return {
        ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: severityName(message.severity),
        message: { text: message.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(ruleId, location.uri, message.message) },
        ...(messageFixes.length > 0 ? { fixes: messageFixes } : {}),
        ...(isSuppressed(message)
          ? { suppressions: message.suppressions.map(({ justification }) => (justification ? { kind: 'inSource' as const, justification } : { kind: 'inSource' as const })) }
          : {}),
      };
    });
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'armdsc-lint', fullName: `armdsc-lint ${version}`, version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
        invocations: [{ executionSuccessful: !internalError }],
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${jsonText(log, 2)}\n`;
};
