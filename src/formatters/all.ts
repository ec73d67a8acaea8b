import { compact } from './compact';
import { github } from './github';
import { json } from './json';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';
import { unix } from './unix';
import type { SyncFormatter } from './types';



/** Every built-in formatter, loaded at once (tests; the CLI loads only the one it uses). */
export const formatters: Readonly<Record<string, SyncFormatter>> = { stylish, json, compact, unix, github, junit, sarif };
