import type { LintMessage, LintResult } from '../engine';
import { escapeControlCharacters, visibleEscape } from './escape';
import { FATAL_RULE_ID, relativePath, severityName } from './shared';
import type { SyncFormatter } from './types';

// Characters XML 1.0 forbids even as references, besides the C0 controls that
// escapeControlCharacters already shows as escapes: lone surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHARACTERS = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_REFERENCES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;' };

/**
 * Text for element content or an attribute value. Line breaks become references so that
 * attribute-value normalization keeps them; `>` is escaped so that `]]>` cannot occur.
 */
function xml(text: string): string {
  return escapeControlCharacters(text, { keepLineBreaks: true })
    .replace(NOT_XML_CHARACTERS, visibleEscape)
    .replace(/[&<>"'\r\n]/g, (character) => XML_REFERENCES[character]!);
}

function testCase(path: string, message: LintMessage): string {
  const type = message.ruleId ?? FATAL_RULE_ID;
  // A file that could not be linted is an error in JUnit's sense (the test could not run); a
  // rule's finding is a failure, whatever its severity.
  const outcome = message.fatal ? 'error' : 'failure';
  const details = [`${message.line}:${message.column}`, severityName(message.severity), message.message, message.ruleId ?? ''].join('  ').trimEnd();
  return [
    `    <testcase classname="${xml(path)}" name="${xml(`${type} ${message.line}:${message.column}`)}">`,
    `      <${outcome} message="${xml(message.message)}" type="${xml(type)}">${xml(details)}</${outcome}>`,
    '    </testcase>',
  ].join('\n');
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
}

function counts(result: LintResult): Counts {
  const errors = result.messages.filter((m) => m.fatal).length;
  return { tests: Math.max(result.messages.length, 1), failures: result.messages.length - errors, errors };
}

const countAttributes = ({ tests, failures, errors }: Counts): string => `tests="${tests}" failures="${failures}" errors="${errors}"`;

/**
 * JUnit XML for CI test reports: a test suite per file, a failing test case per problem, and one
 * passing test case for a file without problems. Suppressed messages are left out.
 */
export const junit: SyncFormatter = (results, { cwd }) => {
  const total: Counts = { tests: 0, failures: 0, errors: 0 };
  const suites = results.map((result) => {
    const path = relativePath(cwd, result.filePath);
    const suite = counts(result);
    total.tests += suite.tests;
    total.failures += suite.failures;
    total.errors += suite.errors;
    const cases = result.messages.length > 0 ? result.messages.map((message) => testCase(path, message)) : [`    <testcase classname="${xml(path)}" name="no problems"/>`];
    return [`  <testsuite name="${xml(path)}" ${countAttributes(suite)}>`, ...cases, '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="armdsc-lint" ${countAttributes(total)}>`, ...suites, '</testsuites>', ''].join('\n');
};
