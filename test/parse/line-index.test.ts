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
});
