import { LineIndex } from './line-index';
import type { JsonNodeBase, JsonObject, JsonString, JsonValue } from './json-nodes';

/** A syntax error that stops the file from being linted. */
export interface ParseProblem {
  message: string;
  offset: number;
  length: number;
}

export interface CommentRange {
  kind: 'line' | 'block';
  offset: number;
  length: number;
}

/** 1-based, end-exclusive location of a range, in UTF-16 columns. */
export interface SourceLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One parsed file: the text, its JSON tree, comments and syntax errors. */
export class SourceFile {
  private lineIndex: LineIndex | undefined;
  private readonly stringMaps = new WeakMap<JsonString, number[] | null>();

  constructor(
    /** The text as read (BOM removed); every offset points into it. */
    readonly text: string,
    readonly root: JsonValue | undefined,
    readonly errors: readonly ParseProblem[],
    readonly comments: readonly CommentRange[],
    /** Every object of the tree in document order, gathered while parsing (rules that look at every object need no walk). */
    readonly objects: readonly JsonObject[] = [],
    /** Every string value that starts with '[' (the candidates to be expressions), in document order. */
    readonly bracketStrings: readonly JsonString[] = [],
  ) {}

  /** Line starts, computed on first use: most files report nothing and never need them. */
  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  locationOf(offset: number, length: number): SourceLocation {
    const start = this.lines.positionAt(offset);
    const end = this.lines.positionAt(offset + length);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  locationOfNode(node: JsonNodeBase): SourceLocation {
    return this.locationOf(node.offset, node.length);
  }

  /** The node's text exactly as written in the file. */
  rawText(node: JsonNodeBase): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }

  /**
   * File offset of character `index` of a string node's decoded value (index may equal the
   * value's length, giving the offset of the closing quote). Accounts for JSON escapes.
   */
  offsetInString(node: JsonString, index: number): number {
    let map = this.stringMaps.get(node);
    if (map === undefined) {
      map = buildEscapeMap(this.rawText(node));
      this.stringMaps.set(node, map);
    }
    if (map === null) return node.offset + 1 + index;
    return node.offset + (map[Math.min(index, map.length - 1)] ?? 1);
  }
}

/**
 * For a raw JSON string token (with quotes) containing escapes: decoded index → offset
 * inside the token. Null when the token has no escapes (the mapping is index + 1).
 */
function buildEscapeMap(raw: string): number[] | null {
  if (!raw.includes('\\')) return null;
  const map: number[] = [];
  const end = raw.endsWith('"') && raw.length > 1 ? raw.length - 1 : raw.length;
  let i = 1;
  while (i < end) {
    map.push(i);
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  map.push(end);
  return map;
}
