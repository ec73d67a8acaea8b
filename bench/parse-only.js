#!/usr/bin/env node
/**
 * The floor the benchmark compares against: find every *.json/*.jsonc below a directory, read,
 * decode (BOM, UTF-16) and parse each with jsonc-parser's parseTree, and nothing else.
 * Required as a module, it only tells which files the floor reads (bench/run.js reports their size).
 */
const { readFileSync } = require('node:fs');
const { glob, globSync } = require('tinyglobby');

const PATTERNS = ['**/*.json', '**/*.jsonc'];
const globOptions = (cwd) => ({ cwd, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });

/** The files the floor reads below `dir`. */
function floorFiles(dir) {
  return globSync(PATTERNS, globOptions(dir));
}

module.exports = { floorFiles };

if (require.main === module) {
  const { parseTree } = require('jsonc-parser');
  const { decodeBytes } = require('../dist/src/parse/decode.js');
  glob(PATTERNS, globOptions(process.argv[2])).then((files) => {
    let nodes = 0;
    for (const file of files) if (parseTree(decodeBytes(readFileSync(file)).text, [], { allowTrailingComma: true })) nodes++;
    process.stdout.write(`${nodes}\n`);
  });
}
