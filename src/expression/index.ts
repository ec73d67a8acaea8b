export * from './ast';
export { isExpressionText, parseTemplateString } from './parser';
export { Evaluator, type Assumptions } from './evaluate';
export { isSecretParameter, type ParameterDeclaration, type Scope, type VariableDeclaration } from './scope';
export * from './values';
export * as budgets from './budgets';
export { displayValue, MAX_SHOWN_LENGTH, quoted, shortText } from './display';
export { BUILT_IN_FUNCTIONS, isBuiltInFunction } from './function-names';
