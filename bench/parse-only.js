#!/usr/bin/env node
/**
 * The floor the benchmark compares against: find every *.json/*.jsonc below a directory, read,
 * decode (BOM, UTF-16) and parse each with jsonc-parser's parseTree, and nothing else.
 */
const { readFileSync } = require('node:fs');
const { parseTree } = require('jsonc-parser');
const { glob } = require('tinyglobby');
const { decodeBytes } = require('../dist/src/parse/decode.js');

glob(['**/*.json', '**/*.jsonc'], { cwd: process.argv[2], absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] }).then((files) => {
  let nodes = 0;
  for (const file of files) if (parseTree(decodeBytes(readFileSync(file)).text, [], { allowTrailingComma: true })) nodes++;
  process.stdout.write(`${nodes}\n`);
});
