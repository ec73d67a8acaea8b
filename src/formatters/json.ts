import { jsonText } from './escape';
import type { SyncFormatter } from './types';

/** ESLint-compatible JSON: an array of results with their messages. */
export const json: SyncFormatter = (results) => jsonText(results);
