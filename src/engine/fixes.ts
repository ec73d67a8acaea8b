import type { Fix } from './types';

/**
 * One report's edits as a single fix covering all of them (the original text between edits is
 * kept), so each message carries one range. Edits of one report must not overlap.
 */
export function mergeFixes(fixes: readonly Fix[], text: string): Fix {
  if (fixes.length === 1) return fixes[0]!;
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  let end = start;
  let merged = '';
  for (const fix of sorted) {
    if (fix.range[0] < end) throw new Error('Fix edits of one report overlap');
    merged += text.slice(end, fix.range[0]) + fix.text;
    end = fix.range[1];
  }
  return { range: [start, end], text: merged };
}

/**
 * Apply fixes in order. A fix that overlaps or touches an earlier one is skipped: it is
 * recomputed against the new text in the next pass.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let cursor = 0;
  let lastEnd = -1;
  let applied = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start <= lastEnd) continue;
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    lastEnd = end;
    applied++;
  }
  return { text: output + text.slice(cursor), applied };
}
