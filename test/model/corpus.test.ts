/**
 * The model over the real-world corpus (../shared/corpus/templates relative to the repository
 * root): it never throws, the nodes it hands to rules lie inside the file, and it finds DSC
 * extensions in about as many files as the corpus README counts (312; a few files do not parse).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildModel } from '../../src/model';
import { decodeBytes, parseSource, type JsonNodeBase } from '../../src/parse';
import { CORPUS, describeWithCorpus, filesUnder } from '../support/corpus';

const MIN_FILES_WITH_DSC = 300;

interface CorpusSummary {
  files: number;
  modelled: number;
  filesWithDsc: number;
  /** "file: error", for every file whose parse or model build threw. */
  exceptions: string[];
  /** "file: what", for every DSC extension or misplacement node that lies outside its file. */
  outOfRange: string[];
}

const isNode = (value: unknown): value is JsonNodeBase =>
  typeof value === 'object' && value !== null && typeof (value as JsonNodeBase).offset === 'number' && typeof (value as JsonNodeBase).length === 'number';

/** Build a model for every corpus file that parses to an object, as the linter would. */
function summarizeCorpus(): CorpusSummary {
  const summary: CorpusSummary = { files: 0, modelled: 0, filesWithDsc: 0, exceptions: [], outOfRange: [] };
  for (const file of filesUnder(CORPUS)) {
    summary.files++;
    const name = path.relative(CORPUS, file);
    try {
      const source = parseSource(decodeBytes(readFileSync(file)).text);
      // The linter reports syntax errors instead of building a model for such files.
      if (source.errors.length > 0 || source.root?.kind !== 'object') continue;
      const model = buildModel(source, source.root);
      summary.modelled++;
      if (model.dscExtensions.length > 0) summary.filesWithDsc++;
      const check = (what: string, node: JsonNodeBase): void => {
        if (node.offset < 0 || node.offset + node.length > source.text.length) summary.outOfRange.push(`${name}: ${what} at ${node.offset}+${node.length}`);
      };
      for (const dsc of model.dscExtensions) check('DSC extension', dsc.extension.node);
      for (const { node, reason } of model.misplacements) {
        check(`${reason.kind} node`, node);
        for (const [field, value] of Object.entries(reason)) if (isNode(value)) check(`${reason.kind} ${field}`, value);
      }
    } catch (error) {
      summary.exceptions.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return summary;
}

describeWithCorpus(`the model over the corpus at ${CORPUS} (skipped when the corpus is absent)`, () => {
  let summary: CorpusSummary;
  beforeAll(() => {
    summary = summarizeCorpus();
  }, 90_000);

  it('builds a model for nearly every file without an exception', () => {
    expect(summary.exceptions).toEqual([]);
    // Only a few files fail to parse (README: a few dozen use tolerated syntax, which parses).
    expect(summary.modelled).toBeGreaterThan(summary.files * 0.95);
  });

  it('gives DSC extension nodes and misplacement nodes and keys that lie inside the file', () => {
    expect(summary.outOfRange).toEqual([]);
  });

  it(`finds DSC extensions in at least ${MIN_FILES_WITH_DSC} files`, () => {
    expect(summary.filesWithDsc).toBeGreaterThanOrEqual(MIN_FILES_WITH_DSC);
  });
});
