import fc from 'fast-check';
import { LineIndex } from '../../src/parse';

describe('LineIndex', () => {
  // Offsets:  a0 \n1 | b2 c3 \r4 \n5 | d6 \r7 | e8 (end 9): LF, CRLF and a lone CR each end a line.
  const text = 'a\nbc\r\nd\re';
  const lines = new LineIndex(text);
  const expected: Array<[number, { line: number; column: number }]> = [
    [0, { line: 1, column: 1 }],
    [1, { line: 1, column: 2 }],
    [2, { line: 2, column: 1 }],
    [3, { line: 2, column: 2 }],
    [4, { line: 2, column: 3 }],
    [5, { line: 2, column: 4 }],
    [6, { line: 3, column: 1 }],
    [7, { line: 3, column: 2 }],
    [8, { line: 4, column: 1 }],
    [9, { line: 4, column: 2 }],
  ];

  it('counts LF, CRLF and lone CR as one line end each', () => {
    expect(lines.lineCount).toBe(4);
    expect([1, 2, 3, 4].map((line) => lines.lineStart(line))).toEqual([0, 2, 6, 8]);
  });

  it.each(expected)('positionAt(%i)', (offset, position) => {
    expect(lines.positionAt(offset)).toEqual(position);
  });

  it.each(expected)('offsetAt is the inverse of positionAt for offset %i', (offset, position) => {
    expect(lines.offsetAt(position)).toBe(offset);
  });

  it('clamps offsets outside the text', () => {
    expect(lines.positionAt(-3)).toEqual({ line: 1, column: 1 });
    expect(lines.positionAt(100)).toEqual({ line: 4, column: 2 });
  });

  it('maps a line past the last one to the end of the text', () => {
    expect(lines.offsetAt({ line: 7, column: 1 })).toBe(text.length);
    expect(lines.lineStart(7)).toBe(text.length);
  });

  it('counts columns in UTF-16 code units: a non-BMP character counts 2', () => {
    // 😀 (U+1F600) occupies offsets 2 and 3.
    const emojiLines = new LineIndex('x\n😀y');
    expect(emojiLines.positionAt(emojiLines.lineStart(2) + 2)).toEqual({ line: 2, column: 3 });
  });

  it('has one line for an empty text', () => {
    const empty = new LineIndex('');
    expect(empty.lineCount).toBe(1);
    expect(empty.positionAt(0)).toEqual({ line: 1, column: 1 });
  });

  it('finds the same lines in a text with line feeds only as it would with a carriage return added at the end', () => {
    // A text without \r takes a faster path; a trailing \r sends the same lines down the general one.
    const lineFeedText = fc.stringMatching(/^[a\n😀]*$/u);
    fc.assert(
      fc.property(lineFeedText, (text) => {
        const fast = new LineIndex(text);
        const general = new LineIndex(text + '\r');
        expect(general.lineCount).toBe(fast.lineCount + 1);
        for (let offset = 0; offset <= text.length; offset++) expect(fast.positionAt(offset)).toEqual(general.positionAt(offset));
      }),
    );
  });
});
