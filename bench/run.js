#!/usr/bin/env node
/**
 * Benchmark (not a test): armdsc-lint's throughput against a parse-only baseline.
 *
 *   npm run build && node bench/run.js [directory] [--runs N]
 *
 * Default directory: ../shared/corpus/templates (else fixtures/). For each run it times
 *   baseline  read + decode + jsonc-parser parseTree of every *.json/*.jsonc file
 *   lint      lintFiles() over the same directory (glob, read, parse, model, all rules)
 * and prints the medians, the ratio lint/baseline, files per second, the CLI's start-up time
 * on one small file, and the findings per rule.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { parseTree } = require('jsonc-parser');
const { glob } = require('tinyglobby');

const root = resolve(__dirname, '..');
const { lintFiles } = require(join(root, 'dist/src/index.js'));
const { decodeBytes } = require(join(root, 'dist/src/parse/index.js'));

const args = process.argv.slice(2);
const runsFlag = args.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(args[runsFlag + 1]) : 3;
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const corpus = join(root, '..', 'shared', 'corpus', 'templates');
const directory = resolve(positional[0] ?? (existsSync(corpus) ? corpus : join(root, 'fixtures')));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

async function baseline(files) {
  const start = process.hrtime.bigint();
  for (const file of files) parseTree(decodeBytes(readFileSync(file)).text, [], { allowTrailingComma: true });
  return seconds(start);
}

async function lint() {
  const start = process.hrtime.bigint();
  const report = await lintFiles([directory], { cwd: directory });
  return { time: seconds(start), report };
}

function startupTime() {
  const example = join(root, 'fixtures', 'examples', 'clean.json');
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [join(root, 'dist/src/cli/bin.js'), example]);
    times.push(seconds(start));
  }
  const node = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', '0']);
    node.push(seconds(start));
  }
  return { cli: median(times), node: median(node) };
}

async function main() {
  const files = await glob(['**/*.json', '**/*.jsonc'], { cwd: directory, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  const megabytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0) / 1e6;
  const baselineTimes = [];
  const lintTimes = [];
  let report;
  for (let i = 0; i < runs; i++) {
    baselineTimes.push(await baseline(files));
    const run = await lint();
    lintTimes.push(run.time);
    report = run.report;
  }
  const base = median(baselineTimes);
  const full = median(lintTimes);
  const findings = {};
  for (const result of report.results) for (const m of result.messages) findings[m.ruleId ?? 'parse error'] = (findings[m.ruleId ?? 'parse error'] ?? 0) + 1;
  const startup = startupTime();
  console.log(`directory: ${directory}`);
  console.log(`files: ${files.length} (${megabytes.toFixed(1)} MB), runs: ${runs}, node ${process.version}`);
  console.log(`baseline (read + parse): ${base.toFixed(2)} s`);
  console.log(`armdsc-lint (all rules):  ${full.toFixed(2)} s  (${(files.length / full).toFixed(0)} files/s, ${(megabytes / full).toFixed(1)} MB/s)`);
  console.log(`ratio lint / baseline:    ${(full / base).toFixed(2)}`);
  console.log(`CLI on one file: ${(startup.cli * 1000).toFixed(0)} ms (node -e 0: ${(startup.node * 1000).toFixed(0)} ms)`);
  console.log(`findings: ${JSON.stringify(findings)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
