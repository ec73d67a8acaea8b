import type { Formatter } from './types';

/** ESLint-compatible JSON: an array of results with their messages. */
export const json: Formatter = (results) => JSON.stringify(results);
