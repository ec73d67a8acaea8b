export { Linter, RuleError, type LintOutcome, type LintTextOptions } from './linter';
export { appendMessages } from './report';
export { RuleFixer } from './rule-fixer';
export * from './types';
