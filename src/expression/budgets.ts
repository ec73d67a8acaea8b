/**
 * Limits of the partial evaluator. Past any of them a value is unknown, which is never reported
 * as wrong; so a hostile or enormous template costs bounded time and memory, and only loses
 * precision. Real templates stay far below each (the largest of ../shared/corpus uses < 1%).
 */

/** Alternatives one value may have (an `if()` with an unknown condition gives two). */
export const MAX_CHOICES = 16;

/** Argument combinations a call with choice arguments is evaluated for. */
export const MAX_COMBINATIONS = 16;

/** Text length plus items of one computed value, counted through nested values. */
export const MAX_VALUE_SIZE = 1_000_000;

/** Work of one file's evaluation: the sizes of every call's arguments and result, summed. */
export const MAX_EVALUATION_WORK = 50_000_000;

/** Function calls and parameter or variable references evaluated in one file. */
export const MAX_EVALUATION_STEPS = 1_000_000;

/** Nested evaluations (a variable that uses a variable that uses …) before a value is unknown. */
export const MAX_EVALUATION_DEPTH = 200;

/** Longest canonical key kept as text; longer keys are replaced by a hash. */
export const MAX_KEY_LENGTH = 256;

/** Deepest call nesting the expression parser reads; deeper expressions are syntax errors. */
export const MAX_EXPRESSION_DEPTH = 100;
