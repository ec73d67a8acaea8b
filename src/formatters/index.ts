import { json } from './json';
import { stylish } from './stylish';
import type { Formatter } from './types';

export type { Formatter, FormatterContext } from './types';

/** Built-in formatters by the name `--format` takes. */
export const formatters: Readonly<Record<string, Formatter>> = { stylish, json };
