/**
 * How far V8 lets the heap grow past what its last full collection left live. Left to itself, V8
 * grows it up to 4× for a fast-allocating program: a corpus run that keeps 12–30 MB live peaked at
 * 345–435 MB on Node 20. At 50% the peak is about 190 MB, for 5–10% more time (bench/RESULTS.md).
 * Node 24's V8 sizes the young generation larger and the flag no longer lowers the peak there.
 */
export const HEAP_GROWING_PERCENT = 50;

const GROWTH_FLAG = /--heap[-_]growing[-_]percent\b/;

/**
 * The V8 flag the CLI sets when it starts, or undefined when the user chose a growth of their own
 * on node's command line (`node --heap-growing-percent=0 …/armdsc-lint` is V8's own sizing; Node
 * does not take the flag in NODE_OPTIONS).
 */
export function heapGrowthFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((arg) => GROWTH_FLAG.test(arg))) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}
