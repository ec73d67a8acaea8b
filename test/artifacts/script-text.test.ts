import { decodeScript, decodeWindows1252, normalizeForComparison } from '../../src/artifacts/script-text';

const SAMPLE = 'configuration Café {\r\n  # © 2016 – “quoted” 😀\r\n}\r\n';

function utf16be(text: string): Uint8Array {
  const little = Buffer.from(text, 'utf16le');
  return Uint8Array.from(little, (_, index) => little[index ^ 1]!);
}

describe('decodeScript', () => {
  it('UTF-8 without a BOM', () => {
    expect(decodeScript(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: false });
  });

  it('UTF-8 with a BOM, which is removed', () => {
    expect(decodeScript(Buffer.from('\ufeff' + SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: true });
  });

  it('UTF-16LE with a BOM, surrogate pairs included', () => {
    expect(decodeScript(Buffer.from('\ufeff' + SAMPLE, 'utf16le'))).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: true });
  });

  it('UTF-16BE with a BOM', () => {
    expect(decodeScript(utf16be('\ufeff' + SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: true });
  });

  it('Windows-1252 when the bytes are not valid UTF-8', () => {
    // "# © C–“x”" in Windows-1252: A9 is ©, 96 the en dash, 93/94 the curly quotes.
    const bytes = Uint8Array.of(0x23, 0x20, 0xa9, 0x20, 0x43, 0x96, 0x93, 0x78, 0x94, 0x0d, 0x0a);
    expect(decodeScript(bytes)).toEqual({ text: '# © C–“x”\r\n', encoding: 'windows-1252', bom: false });
  });

  it('an odd trailing byte in UTF-16 becomes U+FFFD instead of throwing', () => {
    expect(decodeScript(Uint8Array.of(0xff, 0xfe, 0x41, 0x00, 0x42))).toEqual({ text: 'A\ufffd', encoding: 'utf-16le', bom: true });
  });

  it('empty input is empty UTF-8 text', () => {
    expect(decodeScript(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8', bom: false });
  });
});

describe('decodeWindows1252', () => {
  it('maps every byte of 0x80–0x9F by the code page table', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, index) => 0x80 + index);
    expect(decodeWindows1252(bytes)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
  });

  it('maps ASCII and 0xA0–0xFF to the code points of the same value', () => {
    const bytes = Uint8Array.from([...Array.from({ length: 128 }, (_, index) => index), ...Array.from({ length: 96 }, (_, index) => 0xa0 + index)]);
    const expected = String.fromCharCode(...Array.from({ length: 128 }, (_, index) => index), ...Array.from({ length: 96 }, (_, index) => 0xa0 + index));
    expect(decodeWindows1252(bytes)).toBe(expected);
  });

  it('decodes long input (more than one chunk) completely', () => {
    const bytes = new Uint8Array(20_000).fill(0x80);
    expect(decodeWindows1252(bytes)).toBe('€'.repeat(20_000));
  });
});

describe('normalizeForComparison', () => {
  it('turns CRLF and lone CR into LF and drops a leading BOM', () => {
    expect(normalizeForComparison('\ufeffa\r\nb\rc\nd\r\n\r\n')).toBe('a\nb\nc\nd\n\n');
  });

  it('keeps a BOM that is not at the start, and all other whitespace', () => {
    expect(normalizeForComparison('a\ufeff \t\n ')).toBe('a\ufeff \t\n ');
  });

  it('makes a CRLF UTF-16 copy equal to an LF UTF-8 copy of the same script', () => {
    const archived = decodeScript(Buffer.from('\ufeffparam($a)\r\n', 'utf16le')).text;
    const sibling = decodeScript(Buffer.from('param($a)\n', 'utf8')).text;
    expect(normalizeForComparison(archived)).toBe(normalizeForComparison(sibling));
  });
});
