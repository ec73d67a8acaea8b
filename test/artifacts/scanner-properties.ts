/**
 * Property checks for the PowerShell scanner: on any text it never throws, the mask keeps the
 * length and the line breaks, and every offset it reports lies inside the text and points at
 * what it names.
 */
import fc from 'fast-check';
import { maskPowerShell, scanConfigurations } from '../../src/artifacts/powershell';

/** Fragments from which random scripts are assembled, so that syntax shows up often. */
const FRAGMENTS = [
  'configuration', 'Configuration ', 'param', 'param(', ' Name ', '{', '}', '(', ')', '[', ']', '[Parameter(Mandatory)]', '[PSCredential]',
  '$x', '${a}', '$(', ',', '=', "'", "''", '"', '""', "@'\n", "\n'@", '@"\n', '\n"@', '#', '<#', '#>', '`', '\n', '\r\n', ' ', 'function f',
  '‘', '“', 'a#b',
];

export function checkScan(text: string): void {
  const masked = maskPowerShell(text);
  expect(masked).toHaveLength(text.length);
  const lineBreaks = (of: string): number[] => [...of.matchAll(/[\r\n]/g)].map((match) => match.index);
  expect(lineBreaks(masked)).toEqual(lineBreaks(text));
  for (const declaration of scanConfigurations(text)) {
    expect(text.slice(declaration.nameOffset, declaration.nameOffset + declaration.name.length)).toBe(declaration.name);
    expect(text[declaration.bodyStart]).toBe('{');
    expect(declaration.bodyStart).toBeGreaterThan(declaration.nameOffset);
    expect(declaration.bodyEnd).toBeGreaterThan(declaration.bodyStart);
    expect(declaration.bodyEnd).toBeLessThanOrEqual(text.length);
    for (const parameter of declaration.params ?? []) {
      expect(text.slice(parameter.nameOffset, parameter.nameOffset + parameter.name.length)).toBe(parameter.name);
      expect(parameter.nameOffset).toBeGreaterThan(declaration.bodyStart);
      expect(parameter.nameOffset).toBeLessThan(declaration.bodyEnd);
    }
  }
}

/** Random text, and random sequences of PowerShell syntax fragments. */
export function checkRandomTextProperties(): void {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), checkScan), { numRuns: 300 });
  fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => checkScan(parts.join(''))), { numRuns: 500 });
}

/** Truncations of `seeds`, and pieces of one seed spliced into another. */
export function checkSpliceProperties(seeds: readonly string[], numRuns: number): void {
  const seed = fc.constantFrom(...seeds);
  fc.assert(
    fc.property(seed, fc.nat(), (text, cut) => checkScan(text.slice(0, cut % (text.length + 1)))),
    { numRuns },
  );
  fc.assert(
    fc.property(seed, seed, fc.nat(), fc.nat(), fc.nat(), (first, second, at, from, length) => {
      const cut = at % (first.length + 1);
      const start = from % (second.length + 1);
      checkScan(first.slice(0, cut) + second.slice(start, start + (length % 400)) + first.slice(cut));
    }),
    { numRuns },
  );
}

