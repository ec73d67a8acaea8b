import { decodeBytes, encodeText, stripBom } from '../../src/parse';

// `{"a":"é😀"}` written out byte by byte (independently of Node's encoders) in each encoding.
// é is U+00E9; 😀 is U+1F600, the surrogate pair D83D DE00.
const TEXT = '{"a":"é😀"}';
const UTF8 = [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x22, 0x7d];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE = [
  0xff, 0xfe, 0x7b, 0x00, 0x22, 0x00, 0x61, 0x00, 0x22, 0x00, 0x3a, 0x00, 0x22, 0x00, 0xe9, 0x00, 0x3d, 0xd8, 0x00, 0xde,
  0x22, 0x00, 0x7d, 0x00,
];
const UTF16BE = [
  0xfe, 0xff, 0x00, 0x7b, 0x00, 0x22, 0x00, 0x61, 0x00, 0x22, 0x00, 0x3a, 0x00, 0x22, 0x00, 0xe9, 0xd8, 0x3d, 0xde, 0x00,
  0x00, 0x22, 0x00, 0x7d,
];

describe('decodeBytes / encodeText', () => {
  const cases = [
    { name: 'UTF-8 without BOM', bytes: UTF8, encoding: 'utf8', bom: false },
    { name: 'UTF-8 with BOM', bytes: [...UTF8_BOM, ...UTF8], encoding: 'utf8', bom: true },
    { name: 'UTF-16 LE with BOM', bytes: UTF16LE, encoding: 'utf16le', bom: true },
    { name: 'UTF-16 BE with BOM', bytes: UTF16BE, encoding: 'utf16be', bom: true },
  ] as const;

  it.each(cases)('decodes $name without the BOM in the text', ({ bytes, encoding, bom }) => {
    expect(decodeBytes(Uint8Array.from(bytes))).toEqual({ text: TEXT, encoding, bom });
  });

  it.each(cases)('round-trips $name byte for byte', ({ bytes }) => {
    const decoded = decodeBytes(Uint8Array.from(bytes));
    expect([...encodeText(decoded.text, decoded)]).toEqual([...bytes]);
  });

  it('reads only the view when given a Uint8Array into a larger buffer', () => {
    const backing = new Uint8Array([0x41, 0x42, 0x43, ...UTF16LE, 0x44]);
    const view = new Uint8Array(backing.buffer, 3, UTF16LE.length);
    expect(decodeBytes(view)).toEqual({ text: TEXT, encoding: 'utf16le', bom: true });
  });

  it('decodes an empty file as empty UTF-8 text', () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf8', bom: false });
  });
});

describe('stripBom', () => {
  it('removes a leading U+FEFF and reports it', () => {
    expect(stripBom('\ufeff{}')).toEqual({ text: '{}', bom: true });
  });

  it('leaves text without a BOM alone', () => {
    expect(stripBom('{}\ufeff')).toEqual({ text: '{}\ufeff', bom: false });
  });
});
