export { regionCovers, type SuppressionRegion } from './directives';
export { FIX_TYPES, type FixType } from './fix-types';
export { fatalOutcome, INTERNAL_ERROR, lintFile, UNKNOWN_RULE_IN_DIRECTIVE, unusedDirectiveMessage, UNUSED_DIRECTIVE, type FileDependency, type FileLintInput, type FileOutcome, type RunFacts, type UnusedDirectivesSetting } from './lint-file';
export { appendMessages, fatalMessage, makeResult, PARSE_ERROR } from './report';
export { RuleFixer } from './rule-fixer';
export { runCrossFilePhase, type FileRunFacts, type RunPhaseFailure } from './run-phase';
export * from './types';
