export * from './json-nodes';
export { LineIndex, type Position } from './line-index';
export { SourceFile, type CommentRange, type ParseProblem, type SourceLocation } from './source-file';
export { MAX_NESTING_DEPTH, parseSource } from './parse';
export { decodeBytes, decodesExactly, encodeText, encodingName, stripBom, type DecodedText, type TextEncodingInfo } from './decode';
