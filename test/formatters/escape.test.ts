import { escapeControlCharacters, jsonText, singleLine } from '../../src/formatters/escape';

describe('escapeControlCharacters', () => {
  it('shows C0, DEL and C1 controls as \\xNN and leaves other text alone', () => {
    expect(escapeControlCharacters('\x00a\tb\x1b[31mc\x7f\x9bd\u00a0é\u2028')).toBe('\\x00a\\x09b\\x1b[31mc\\x7f\\x9bd\u00a0é\u2028');
  });

  it('shows the bidirectional controls as \\uNNNN, so that text from a template cannot reorder what is displayed', () => {
    const spoof = 'main\u202enosj.\u202c \u2066x\u2069\u200e\u200f\u061c';
    expect(escapeControlCharacters(spoof)).toBe('main\\u202enosj.\\u202c \\u2066x\\u2069\\u200e\\u200f\\u061c');
    expect(escapeControlCharacters(spoof, { keepLineBreaks: true })).toBe(escapeControlCharacters(spoof));
  });

  it('escapes line breaks unless asked to keep them', () => {
    expect(escapeControlCharacters('a\r\nb\x1b')).toBe('a\\x0d\\x0ab\\x1b');
    expect(escapeControlCharacters('a\r\nb\x1b', { keepLineBreaks: true })).toBe('a\r\nb\\x1b');
  });
});

describe('singleLine', () => {
  it('turns each whitespace run with a line break into one space, as /\\s*[\\r\\n]+\\s*/g did', () => {
    expect(singleLine('one \t\n  two\r\n\r\nthree  four\u2028\nfive')).toBe('one two three  four five');
  });

  it('collapses exactly what /\\s*[\\r\\n]+\\s*/g collapsed, for every string of up to 6 characters from a small alphabet', () => {
    const alphabet = [' ', '\n', '\r', '\u2028', 'x'];
    let strings = [''];
    for (let length = 1; length <= 6; length++) strings = [...strings, ...strings.filter((s) => s.length === length - 1).flatMap((s) => alphabet.map((c) => s + c))];
    expect(strings).toHaveLength(1 + 5 + 25 + 125 + 625 + 3125 + 15625);
    for (const text of strings) expect([text, singleLine(text)]).toEqual([text, text.replace(/\s*[\r\n]+\s*/g, ' ')]);
  });

  it('escapes the control characters that are not line breaks', () => {
    expect(singleLine('tab\there\x1b]0;title\x07')).toBe('tab\\x09here\\x1b]0;title\\x07');
  });
});

describe('jsonText', () => {
  it('escapes DEL and C1 controls inside strings and keeps the JSON value', () => {
    const value = { message: 'a\x1b\x7f\x9bb', nested: ['\x85'] };
    const text = jsonText(value);
    expect(text).toBe('{"message":"a\\u001b\\u007f\\u009bb","nested":["\\u0085"]}');
    expect(JSON.parse(text)).toEqual(value);
  });
});
