#!/usr/bin/env node
/**
 * Benchmark (not a test): armdsc-lint against the parse-only floor, whole processes, interleaved,
 * medians. Needs a build (`npm run build`).
 *
 *   node bench/run.js [directory] [--runs N] [--skip-scale | --only-scale]
 *
 * Default directory: ../shared/corpus/templates (else fixtures/). It prints, for each of the first
 * four, the time, its ratio to the floor, the throughput (MB/s and files/s over the directory's
 * *.json/*.jsonc files) and the peak memory:
 *   floor          a process that reads, decodes and parses (jsonc-parser parseTree) every file
 *   lint           the CLI, one thread (--concurrency off), all rules, JSON report to a pipe
 *   lint, workers  the CLI with --concurrency 2
 *   warm cache     the CLI with --cache, second run over the unchanged files
 *   peak memory    maximum resident set size of each (GNU time), in MB
 *   one file       the CLI on one small template, against `node -e 0`
 *   scale          generated inputs: a 20 MB string, a 55 MB template, a 100 MB one (refused:
 *                  over the 64 MB limit), 50,000 resources, 5,000 DSC extensions, 2.5 million
 *                  findings in one file, 1,000 and 10,000 files — with MB/s or files/s, to show
 *                  each grows linearly.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { Buffer } = require('node:buffer');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const bin = join(root, 'dist/bundle/bin.js');
const floorScript = join(__dirname, 'parse-only.js');
if (!existsSync(bin)) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}

const args = process.argv.slice(2);
const runsFlag = args.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(args[runsFlag + 1]) : 5;
const skipScale = args.includes('--skip-scale');
const onlyScale = args.includes('--only-scale');
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const corpus = join(root, '..', 'shared', 'corpus', 'templates');
const directory = resolve(positional[0] ?? (existsSync(corpus) ? corpus : join(root, 'fixtures')));
const hasGnuTime = existsSync('/usr/bin/time');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Run a command to completion, output discarded: wall seconds and peak RSS in MB (if GNU time exists). */
function measure(command, commandArgs, options = {}) {
  const start = process.hrtime.bigint();
  const run = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...commandArgs], { cwd: options.cwd ?? root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 })
    : spawnSync(command, commandArgs, { cwd: options.cwd ?? root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${commandArgs.join(' ')} exited ${run.status}: ${run.stderr}`);
  const lines = (run.stderr ?? '').trim().split('\n');
  const rss = hasGnuTime ? Number(lines[lines.length - 1]) / 1024 : NaN;
  return { seconds, rss };
}

const node = process.execPath;
const cli = (...extra) => [bin, directory, '--format', 'json', ...extra];

function interleaved(cases, count) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let i = 0; i < count; i++) for (const [name, run] of Object.entries(cases)) samples[name].push(run());
  return Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [name, { seconds: median(list.map((s) => s.seconds)), rss: Math.max(...list.map((s) => s.rss)) }]),
  );
}

/** How many files the floor reads in the directory, and their size. */
function templatesIn(dir) {
  const paths = require(floorScript).floorFiles(dir);
  return { files: paths.length, megabytes: paths.reduce((sum, path) => sum + statSync(path).size, 0) / 1e6 };
}

function mainBench() {
  const cacheDir = mkdtempSync(join(tmpdir(), 'armdsc-bench-cache-'));
  const cacheFile = join(cacheDir, 'cache');
  const cases = {
    floor: () => measure(node, [floorScript, directory]),
    lint: () => measure(node, cli('--concurrency', 'off')),
    'lint, 2 workers': () => measure(node, cli('--concurrency', '2')),
    'warm cache': () => {
      measure(node, cli('--concurrency', 'off', '--cache', '--cache-location', cacheFile));
      return measure(node, cli('--concurrency', 'off', '--cache', '--cache-location', cacheFile));
    },
  };
  const results = interleaved(cases, runs);
  rmSync(cacheDir, { recursive: true, force: true });
  const floor = results.floor.seconds;
  const { files, megabytes } = templatesIn(directory);
  console.log(`directory: ${directory} (${files} files, ${megabytes.toFixed(1)} MB)`);
  console.log(`node ${process.version}, ${runs} interleaved runs, medians; peak RSS is the maximum over the runs`);
  for (const [name, { seconds, rss }] of Object.entries(results)) {
    const throughput = `${(megabytes / seconds).toFixed(1)} MB/s  ${(files / seconds).toFixed(0)} files/s`;
    console.log(`  ${name.padEnd(16)} ${seconds.toFixed(2)} s  ${(seconds / floor).toFixed(2)}x floor  ${throughput}  peak ${rss.toFixed(0)} MB`);
  }
  console.log(`  worker speed-up  ${(results.lint.seconds / results['lint, 2 workers'].seconds).toFixed(2)}x over one thread`);
  console.log(`  warm cache       ${(results['warm cache'].seconds / results.lint.seconds).toFixed(2)}x the cold single-thread run`);

  const example = join(root, 'fixtures/examples/clean.json');
  const oneFile = interleaved({ cli: () => measure(node, [bin, example]), 'node -e 0': () => measure(node, ['-e', '0']) }, 31);
  console.log(`one file: ${(oneFile.cli.seconds * 1000).toFixed(0)} ms (node -e 0: ${(oneFile['node -e 0'].seconds * 1000).toFixed(0)} ms, +${((oneFile.cli.seconds - oneFile['node -e 0'].seconds) * 1000).toFixed(0)} ms)`);
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const dscExtension = (i) => ({
  type: 'Microsoft.Compute/virtualMachines/extensions',
  apiVersion: '2024-07-01',
  name: `vm${i}/dsc`,
  properties: { publisher: 'Microsoft.Powershell', type: 'DSC', typeHandlerVersion: '2.83', autoUpgradeMinorVersion: true, settings: { configuration: { url: "[uri(parameters('_artifactsLocation'), 'DSC/x.zip')]", script: 'x.ps1', function: 'X' } } },
});
const template = (resources, extra = {}) => JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { _artifactsLocation: { type: 'string' } }, ...extra, resources }, null, 1);

function scaleBench() {
  const dir = mkdtempSync(join(tmpdir(), 'armdsc-bench-scale-'));
  const write = (name, text) => {
    writeFileSync(join(dir, name), text);
    return { name, megabytes: Buffer.byteLength(text) / 1e6 };
  };
  const cases = [
    ['a 20 MB string', () => write('string.json', template([], { variables: { big: 'x'.repeat(20e6) } }))],
    ['a 55 MB template', () => write('55mb.json', template(Array.from({ length: 120_000 }, (_, i) => dscExtension(i))))],
    ['a 100 MB template (refused)', () => write('100mb.json', template([], { variables: { big: 'y'.repeat(100e6) } }))],
    ['50,000 resources', () => write('resources.json', template(Array.from({ length: 50_000 }, (_, i) => ({ type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2024-01-01', name: `ip${i}` }))))],
    ['5,000 DSC extensions', () => write('dsc.json', template(Array.from({ length: 5_000 }, (_, i) => dscExtension(i))))],
    // One key repeated: 2.5 million findings, of which the first 10,000 are kept.
    ['2.5 million findings', () => write('keys.json', template([]).replace('"resources"', `"variables": {${'"a":1,'.repeat(2_500_000)}"a":1}, "resources"`))],
  ];
  console.log('scale (one thread):');
  for (const [label, make] of cases) {
    const { name, megabytes } = make();
    const { seconds, rss } = measure(node, [bin, join(dir, name), '--concurrency', 'off', '--format', 'json']);
    console.log(`  ${label.padEnd(28)} ${megabytes.toFixed(1)} MB  ${seconds.toFixed(2)} s  ${(megabytes / seconds).toFixed(1)} MB/s  peak ${rss.toFixed(0)} MB`);
    rmSync(join(dir, name));
  }
  for (const count of [1_000, 10_000]) {
    const folder = join(dir, `files-${count}`);
    mkdirSync(folder);
    for (let i = 0; i < count; i++) writeFileSync(join(folder, `t${i}.json`), template([dscExtension(i)]));
    const { seconds, rss } = measure(node, [bin, folder, '--concurrency', 'off', '--format', 'json']);
    console.log(`  ${`${count.toLocaleString('en')} files`.padEnd(28)} ${seconds.toFixed(2)} s  ${(count / seconds).toFixed(0)} files/s  peak ${rss.toFixed(0)} MB`);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (!onlyScale) mainBench();
if (!skipScale) scaleBench();
