#!/usr/bin/env node
/**
 * Benchmark (not a test): what the DSC artifact rules (dsc-artifact-archive,
 * dsc-configuration-arguments, dsc-artifact-stale) cost.
 *
 *   npm run build && node bench/artifacts.js [--runs N]
 *
 * Times lintFiles() in this thread (no workers, so the numbers compare) over
 *   cases                    shared/artifacts/cases (shared/ is found above the repository):
 *                            templates with their archives and scripts
 *   cases (templates alone)  the same templates copied alone to a temporary folder
 *   corpus                   shared/corpus/templates
 * each with the three rules on and off (all other rules on), and prints the medians of N runs
 * (default 3) and the three rules' findings.
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

/** Every rule at its recommended severity, the artifact rules on or off. */
function ruleEntries(artifactRules) {
  const entries = {};
  for (const [id, rule] of rules) entries[id] = ARTIFACT_RULES.includes(id) && !artifactRules ? 'off' : rule.meta.severity;
  return entries;
}

/**
 * Median times of linting `directory` with the artifact rules on and off, interleaved (in turn
 * first) so that a busy machine and a warming JIT affect both alike.
 */
async function timed(directory) {
  const times = { on: [], off: [] };
  const reports = {};
  for (let run = 0; run < runs; run++) {
    for (const setting of run % 2 === 0 ? ['on', 'off'] : ['off', 'on']) {
      const start = process.hrtime.bigint();
      reports[setting] = await lintFiles([directory], { cwd: directory, rules: ruleEntries(setting === 'on'), concurrency: 'off' });
      times[setting].push(seconds(start));
    }
  }
  const findings = reports.on.results.flatMap((r) => r.messages).filter((m) => ARTIFACT_RULES.includes(m.ruleId));
  return { on: median(times.on), off: median(times.off), files: reports.on.results.length, findings };
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
  console.log(`median of ${runs} runs, lintFiles in this thread, the other rules at their recommended severity`);
  const line = (label, result) =>
    console.log(`${label.padEnd(26)} ${result.files} templates: rules on ${ms(result.on)}, off ${ms(result.off)} (${byRule(result.findings)})`);
  if (existsSync(cases)) {
    line('cases (with archives)', await timed(cases));
    const alone = await templatesAlone(cases);
    try {
      line('cases (templates alone)', await timed(alone));
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  }
  if (existsSync(corpus)) line('corpus', await timed(corpus));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
