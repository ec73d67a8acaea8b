/**
 * Edit distance between two texts (optimal string alignment): inserting, deleting or replacing a
 * character, or swapping two neighbours, costs 1 each. Stops early and returns `limit + 1` once
 * the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      current.push(distance);
      rowMinimum = Math.min(rowMinimum, distance);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** How many edits a name of this length may be away from a candidate and still count as a typo of it. */
function typoLimit(length: number): number {
  return Math.min(3, Math.max(1, Math.floor(length / 4)));
}

/**
 * The candidate `name` is most likely a typo of, compared case-insensitively: the nearest one
 * within the typo limit, when no other candidate is as near. Undefined when `name` is itself a
 * candidate (in any case) or nothing is near enough.
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const limit = typoLimit(name.length);
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance === 0) return undefined;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance && best !== undefined && best.toLowerCase() !== candidate.toLowerCase()) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}
