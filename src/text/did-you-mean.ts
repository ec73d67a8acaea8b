/**
 * "Did you mean …" suggestions: the one candidate closest to a misspelt name. Generic, for any
 * rule that compares names case-insensitively (configuration arguments, settings keys).
 */

/**
 * Edit distance counting insertions, deletions, substitutions and transpositions of adjacent
 * characters (optimal string alignment), each as one edit.
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: distance between the first i characters of a and the first j of b; three rows suffice.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Edits allowed for a name of `length` characters: one per three characters, at least one, at most three. */
export const allowedEdits = (length: number): number => Math.min(3, Math.max(1, Math.floor(length / 3)));

/**
 * The candidate closest to `name`, compared case-insensitively, within `allowedEdits` of the
 * name's length. Undefined when none is that close, or when two different candidates are
 * equally close (a guess would mislead). Candidates that differ only in case count as one.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = allowedEdits(wanted.length);
  let best: { candidate: string; folded: string; distance: number } | undefined;
  let tied = false;
  for (const candidate of candidates) {
    const folded = candidate.toLowerCase();
    if (Math.abs(folded.length - wanted.length) > limit) continue;
    const distance = editDistance(wanted, folded);
    if (distance > limit || (best !== undefined && distance > best.distance)) continue;
    if (best !== undefined && distance === best.distance) {
      if (folded !== best.folded) tied = true;
      continue;
    }
    best = { candidate, folded, distance };
    tied = false;
  }
  return tied ? undefined : best?.candidate;
}
