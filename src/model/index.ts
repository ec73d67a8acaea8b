export { buildModel, classifyDocument, type DocumentKind, type ParameterFileValues } from './build';
export { DSC_PUBLISHER, DSC_TYPE } from './dsc';
export { isType } from './templates';
export * from './types';
