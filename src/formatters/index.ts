import { compact } from './compact';
import { github } from './github';
import { json } from './json';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';
import { unix } from './unix';
import type { SyncFormatter } from './types';

export type { Formatter, FormatterContext, SyncFormatter } from './types';

/** Built-in formatters by the name `--format` takes. */
export const formatters: Readonly<Record<string, SyncFormatter>> = { stylish, json, compact, unix, github, junit, sarif };
