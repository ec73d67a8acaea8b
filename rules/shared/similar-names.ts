/**
 * "Did you mean" for names ARM compares case-insensitively: the declared name closest to a
 * misspelt one by edit distance, ignoring letter case.
 */

/**
 * Edits (insert, delete, substitute, or swap two adjacent characters) that turn `a` into `b`,
 * ignoring case; stops counting past `limit` (then returns limit + 1).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  // Three rows of the dynamic-programming table: two back (for swaps), previous, current.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
      rowMinimum = Math.min(rowMinimum, best);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[right.length]!;
}

/** How far a name may be from a candidate and still be a likely typo of it. */
function allowedDistance(name: string): number {
  if (name.length <= 3) return 1;
  return name.length <= 8 ? 2 : 3;
}

/**
 * The candidate most likely meant by `name` (the first of the closest, in the order given), or
 * undefined when none is close enough to be a typo.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = allowedDistance(name);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
