/**
 * Random mutations of the fixture templates, for property tests (fast-check): truncation,
 * character flips, splices of other fixtures, random expressions, random nesting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeBytes } from '../../src/parse';
import { filesUnder } from './corpus';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** The text of every fixture template. */
export const texts = filesUnder(FIXTURES)
  .filter((path) => /\.jsonc?$/.test(path) && !/\.(expected|fixed)\.json$/.test(path))
  .map((path) => decodeBytes(readFileSync(path)).text);

const EXPRESSIONS = [
  "[concat(parameters('a'), variables('b'))]",
  "[if(parameters('flag'), 'localhost', variables('name'))]",
  "[format('{0}{1}', parameters('x'), copyIndex())]",
  "[variables('names')[copyIndex()]]",
  "[uri(parameters('_artifactsLocation'), concat('DSC/x.zip', parameters('_artifactsLocationSasToken')))]",
  '[concat(',
  "[reference(resourceId('Microsoft.Compute/virtualMachines', 'vm')).osProfile.computerName]",
  "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 's'), '2019-06-01').keys[0].value]",
  '[[not an expression]',
  "[replace(replace('aaaa', 'a', 'aa'), 'a', 'aa')]",
];

/** A mutation of a fixture text. */
// Weighted so that about half the mutations keep the text parseable and reach the rules.
export const mutation = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), char: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\n', '/', '*', '\u201d', '\u0000', 'x') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), from: fc.nat(), start: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 400 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('expression' as const), at: fc.nat(), expression: fc.constantFrom(...EXPRESSIONS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 400 }), array: fc.boolean() }) },
);

export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutate(text: string, change: Mutation): string {
  const position = (at: number) => Math.floor(at * text.length);
  switch (change.kind) {
    case 'truncate':
      return text.slice(0, position(change.at));
    case 'flip': {
      const i = position(change.at);
      return text.slice(0, i) + change.char + text.slice(i + 1);
    }
    case 'splice': {
      const other = texts[change.from % texts.length]!;
      const start = Math.floor(change.start * other.length);
      const i = position(change.at);
      return text.slice(0, i) + other.slice(start, start + change.length) + text.slice(i);
    }
    case 'expression': {
      // Replace the n-th string value with the expression.
      const strings = [...text.matchAll(/: "(?:[^"\\\n]|\\.)*"/g)];
      const target = strings.length > 0 ? strings[change.at % strings.length]! : undefined;
      if (!target) return text;
      return `${text.slice(0, target.index)}: ${JSON.stringify(change.expression)}${text.slice(target.index + target[0].length)}`;
    }
    case 'nest': {
      // Wrap the first value of "resources" in nested arrays or objects.
      const at = text.indexOf('"resources"');
      if (at < 0) return text;
      const colon = text.indexOf(':', at) + 1;
      const open = change.array ? '['.repeat(change.depth) : '{"n":'.repeat(change.depth);
      const close = change.array ? ']'.repeat(change.depth) : '}'.repeat(change.depth);
      return `${text.slice(0, colon)} ${open}${close},"resources2":${text.slice(colon)}`;
    }
  }
}
