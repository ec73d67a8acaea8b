#!/usr/bin/env node
/**
 * Benchmark (not a test): what the DSC artifact rules (dsc-artifact-archive,
 * dsc-configuration-arguments, dsc-artifact-stale) cost.
 *
 *   npm run build && node bench/artifacts.js [--runs N]
 *
 * Times lintFiles() in this thread (no workers, so the numbers compare) over
 *   cases            shared/artifacts/cases (shared/ found above the repository): templates with their archives and scripts
 *   cases, no files  the same templates copied alone to a temporary folder (archives hidden)
 *   corpus           shared/corpus/templates, with the three rules on, then off
 * and prints the median of N runs (default 3), the findings of the three rules, and the
 * difference the rules make.
 */
const { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const { glob } = require('tinyglobby');

const root = resolve(__dirname, '..');
const { lintFiles, rules } = require(join(root, 'dist/src/index.js'));

const ARTIFACT_RULES = ['dsc-artifact-archive', 'dsc-configuration-arguments', 'dsc-artifact-stale'];
const args = process.argv.slice(2);
const runsFlag = args.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(args[runsFlag + 1]) : 3;
/** The shared data folder: beside the repository, or beside the folder of worktrees. */
function findShared() {
  for (let directory = root; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'shared', 'artifacts'))) return join(directory, 'shared');
    if (dirname(directory) === directory) return join(root, '..', 'shared');
  }
}
const shared = findShared();
const cases = join(shared, 'artifacts', 'cases');
const corpus = join(shared, 'corpus', 'templates');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/** Rule entries: every rule at its recommended severity, the artifact rules on or off. */
function ruleEntries(artifactRules) {
  const entries = {};
  for (const [id, rule] of rules) entries[id] = ARTIFACT_RULES.includes(id) && !artifactRules ? 'off' : rule.meta.severity;
  return entries;
}

async function timed(directory, artifactRules) {
  const times = [];
  let report;
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    report = await lintFiles([directory], { cwd: directory, rules: ruleEntries(artifactRules), concurrency: 'off' });
    times.push(seconds(start));
  }
  const findings = report.results.flatMap((r) => r.messages).filter((m) => ARTIFACT_RULES.includes(m.ruleId));
  return { time: median(times), files: report.results.length, findings };
}

/** The *.json and *.jsonc files of `directory`, copied alone (same relative paths) to a new temporary folder. */
async function templatesAlone(directory) {
  const copy = mkdtempSync(join(tmpdir(), 'armdsc-bench-'));
  for (const file of await glob(['**/*.json', '**/*.jsonc'], { cwd: directory })) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(directory, file), join(copy, file));
  }
  return copy;
}

const ms = (time) => `${(time * 1000).toFixed(0)} ms`;
const byRule = (findings) => ARTIFACT_RULES.map((id) => `${id} ${findings.filter((m) => m.ruleId === id).length}`).join(', ');

async function main() {
  console.log(`median of ${runs} runs, lintFiles in this thread, all rules at their recommended severity`);
  if (existsSync(cases)) {
    const withFiles = await timed(cases, true);
    const alone = await templatesAlone(cases);
    try {
      const hidden = await timed(alone, true);
      const off = await timed(cases, false);
      console.log(`cases            ${withFiles.files} templates: ${ms(withFiles.time)} with archives (${byRule(withFiles.findings)})`);
      console.log(`cases, no files  ${hidden.files} templates: ${ms(hidden.time)} archives hidden (${byRule(hidden.findings)})`);
      console.log(`cases, rules off ${off.files} templates: ${ms(off.time)}`);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  }
  if (existsSync(corpus)) {
    const on = await timed(corpus, true);
    const off = await timed(corpus, false);
    const extra = ((on.time / off.time - 1) * 100).toFixed(1);
    console.log(`corpus           ${on.files} templates: ${ms(on.time)} rules on (${byRule(on.findings)}), ${ms(off.time)} rules off (${extra}%)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
