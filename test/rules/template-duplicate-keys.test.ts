/** template-duplicate-keys: what counts as the same key, and which one is reported. */
import { lintWithRule } from '../support/lint';

const lint = (body: string) =>
  lintWithRule(
    'template-duplicate-keys',
    `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",\n${body}\n}`,
  ).messages.map(({ message, line, column }) => ({ message, line, column }));

describe('template-duplicate-keys', () => {
  it('reports every earlier duplicate, each naming the last one, which ARM keeps', () => {
    expect(lint('"resources": [],\n"tags": {\n"a": 1,\n"A": 2,\n"b": 3,\n"a": 4\n}')).toEqual([
      { message: 'Duplicate key "a": ARM compares keys case-insensitively and keeps only the last one, "a" on line 7, so this one is ignored.', line: 4, column: 1 },
      { message: 'Duplicate key "A": ARM compares keys case-insensitively and keeps only the last one, "a" on line 7, so this one is ignored.', line: 5, column: 1 },
    ]);
  });

  it('says when the duplicate has the same value, whatever its layout, so removing it loses nothing', () => {
    expect(lint('"resources": [],\n"tags": {\n"a": { "x": [1, 2] },\n"b": 1,\n"A": {"x":[1,2]}\n}').map((m) => m.message)).toEqual([
      'Duplicate key "a": ARM compares keys case-insensitively and keeps only the last one, "A" on line 6; it has the same value, so this one can be removed.',
    ]);
    expect(lint('"resources": [],\n"tags": { "a": { "x": [1, 2] }, "a": { "x": [2, 1] } }').map((m) => m.message)).toEqual([
      'Duplicate key "a": ARM compares keys case-insensitively and keeps only the last one, "a" on line 3, so this one is ignored.',
    ]);
  });

  it('compares the decoded keys', () => {
    expect(lint('"resources": [],\n"tags": { "\\u0041": 1, "a": 2 }').map((m) => m.message)).toEqual([
      'Duplicate key "A": ARM compares keys case-insensitively and keeps only the last one, "a" on line 3, so this one is ignored.',
    ]);
  });

  it('finds duplicates in objects larger than the pair-by-pair check covers', () => {
    const keys = Array.from({ length: 20 }, (_, i) => `"k${i}": ${i}`).join(', ');
    expect(lint(`"resources": [],\n"tags": { ${keys}, "K19": 0 }`).map((m) => m.line)).toEqual([3]);
    expect(lint(`"resources": [],\n"tags": { ${keys} }`)).toEqual([]);
  });

  it('does not compare keys of different objects', () => {
    expect(lint('"resources": [],\n"a": { "x": 1 },\n"b": { "x": 1, "y": { "x": 2 } }')).toEqual([]);
  });

  it('reports a duplicated top-level section, whose earlier declarations ARM never sees', () => {
    expect(lint('"variables": { "a": 1 },\n"resources": [],\n"Variables": { "b": 2 }').map((m) => m.line)).toEqual([2]);
  });
});
