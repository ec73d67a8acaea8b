export { buildModel, classifyDocument, type DocumentKind, type ParameterFileValues } from './build';
export { DSC_PUBLISHER, DSC_TYPE } from './dsc';
export { isType } from './templates';
export * from './types';
export { dependencyGraph, DependencyGraph, type NamedResource, type ResourceReference } from './depends-on';
export { canonicalExpression, extensionCondition, extensionCopyLoop, resourceCondition, type DeploymentCondition } from './instances';
export { extensionName, fullNameSegments, segmentBounds, segmentText } from './names';
export type { NodeResolver } from './resolve';
