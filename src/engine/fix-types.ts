/** ESLint's --fix-type values; no rule of ours is of type `layout`, which is accepted all the same. */
export const FIX_TYPES = ['problem', 'suggestion', 'layout', 'directive'] as const;
export type FixType = (typeof FIX_TYPES)[number];
