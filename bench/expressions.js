#!/usr/bin/env node
/**
 * Benchmark (not a test): the expression tokenizer and parser on every string value that starts
 * with `[` in the corpus templates.
 *
 *   npm run build && node bench/expressions.js [directory] [--rounds N] [--parser path/to/parser.js]
 *
 * Default directory: shared/corpus/templates (shared/ is found above the repository); default
 * parser: dist/src/expression/parser.js (--parser measures another build, e.g. of older code).
 * For N rounds (default 10, after one to warm up) it prints the median milliseconds of a round
 * (and the fastest), the strings per second at that median, and the milliseconds of all N rounds, of
 *   uncached     parseUncached() on every string: tokenizing and parsing alone
 *   from empty   parseTemplateString() on new copies of every string in file order, the module
 *                loaded anew each round so its cache starts empty: what a lint run pays, with the
 *                copies of the strings it caches and the lookups of all of them
 * and then how much of a 64 MB text that 1,000 expressions were sliced from (as a JSON parser's
 * string values are) their cached parses keep alive, against the slices themselves.
 */
const { Buffer } = require('node:buffer');
const { readFileSync, existsSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { runInNewContext } = require('node:vm');
const { visit } = require('jsonc-parser');
const { glob } = require('tinyglobby');

const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(option('--rounds', 10));
const parserPath = resolve(option('--parser', join(root, 'dist/src/expression/parser.js')));
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!existsSync(parserPath)) {
  console.error(`bench: no ${parserPath}: run \`npm run build\` first`);
  process.exit(2);
}

/** The corpus: beside the repository, or beside the folder of worktrees. */
function findCorpus() {
  for (let directory = root; dirname(directory) !== directory; directory = dirname(directory)) {
    const corpus = join(directory, 'shared', 'corpus', 'templates');
    if (existsSync(corpus)) return corpus;
  }
  return join(root, 'fixtures');
}

/** File bytes as text: UTF-8, or UTF-16 LE/BE with a BOM (as src/parse/decode.ts reads them). */
function decode(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1))).swap16().toString('utf16le');
  return bytes.toString('utf8').replace(/^\ufeff/, '');
}

/** Every string value starting with `[`, in file order. */
async function collectStrings(directory) {
  const files = await glob(['**/*.json', '**/*.jsonc'], { cwd: directory, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  files.sort();
  const strings = [];
  for (const file of files) {
    visit(
      decode(readFileSync(file)),
      {
        onLiteralValue: (value) => {
          if (typeof value === 'string' && value.startsWith('[')) strings.push(value);
        },
      },
      { allowTrailingComma: true },
    );
  }
  return { files: files.length, strings };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const milliseconds = (start) => Number(process.hrtime.bigint() - start) / 1e6;

function freshParser() {
  delete require.cache[parserPath];
  return require(parserPath);
}

// Set at run time, so the benchmark needs no node flag.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

/** Bytes in use after full collections; strings made from Buffers are external, so counted too. */
function usedBytes() {
  collectGarbage();
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/**
 * Milliseconds of each of `rounds` rounds of `run(prepare())`, after one to warm up. Preparing is
 * not timed, and garbage is collected before each round, so a round pays for its own only.
 */
function time(prepare, run) {
  run(prepare());
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const input = prepare();
    collectGarbage();
    const start = process.hrtime.bigint();
    run(input);
    samples.push(milliseconds(start));
  }
  return samples;
}

const slicedExpression = (i) => `[concat(parameters('prefix${i}'), '-', variables('suffix${i}'))]`;

/** 1,000 expressions sliced from a 64 MB text that nothing else refers to. */
function slicedExpressions() {
  const text = Array.from({ length: 1000 }, (_, i) => slicedExpression(i)).join('') + ' '.repeat(64e6);
  const values = [];
  for (let i = 0, start = 0; i < 1000; i++) {
    const end = start + slicedExpression(i).length;
    values.push(text.slice(start, end));
    start = end;
  }
  return values;
}

/** What `keep(values)` returns, and the megabytes it keeps alive (the text's, if it refers to it). */
function retained(keep) {
  const before = usedBytes();
  const kept = keep(slicedExpressions());
  return { kept, megabytes: (usedBytes() - before) / 1e6 };
}

collectStrings(resolve(positional[0] ?? findCorpus())).then(({ files, strings }) => {
  const characters = strings.reduce((sum, s) => sum + s.length, 0);
  console.log(`${strings.length} strings (${new Set(strings).size} distinct, ${(characters / 1e6).toFixed(1)}M characters) from ${files} files`);
  console.log(`parser: ${parserPath}, ${rounds} rounds`);
  const { parseUncached } = require(parserPath);
  let expressions = 0;
  const cases = {
    uncached: [
      () => strings,
      (input) => {
        for (const s of input) if (parseUncached(s).kind === 'expression') expressions++;
      },
    ],
    // Copies for each round, as a lint run reads every string anew: V8 stores a string's hash in
    // it once computed, so looking the same objects up again would skip hashing them.
    'from empty': [
      () => ({ parseTemplateString: freshParser().parseTemplateString, input: strings.map((s) => (' ' + s).slice(1)) }),
      ({ parseTemplateString, input }) => {
        for (const s of input) if (parseTemplateString(s).kind === 'expression') expressions++;
      },
    ],
  };
  for (const [name, [prepare, run]] of Object.entries(cases)) {
    const samples = time(prepare, run);
    const ms = median(samples);
    const rate = Math.round(strings.length / (ms / 1000)).toLocaleString('en-US');
    const total = samples.reduce((sum, sample) => sum + sample, 0);
    const fastest = Math.min(...samples);
    console.log(`${name.padEnd(10)} ${ms.toFixed(1).padStart(8)} ms (fastest ${fastest.toFixed(1)})  ${rate.padStart(11)} strings/s  ${total.toFixed(0).padStart(7)} ms in all`);
  }
  // Counting the results keeps the optimiser from dropping the work.
  if (expressions === 0) console.log('no expressions parsed');
  const slices = retained((values) => values);
  const caching = freshParser();
  const parses = retained((values) => values.map(caching.parseTemplateString));
  // A hit returns the very object: the cache held every parse while memory was measured.
  if (parses.kept.some((parse, k) => caching.parseTemplateString(slicedExpression(k)) !== parse)) throw new Error('bench: parses not cached');
  console.log(`retention  a 64 MB text: its slices keep ${slices.megabytes.toFixed(1)} MB alive, their cached parses ${parses.megabytes.toFixed(1)} MB`);
});
