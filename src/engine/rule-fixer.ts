import type { JsonNodeBase, JsonObject, JsonProperty, SourceFile } from '../parse';
import type { Fix } from './types';

/**
 * Builds fixes as edits of the original text. The JSON-aware helpers follow the file's own
 * layout (line ends, indentation, inline or one-property-per-line objects) and never remove
 * comments.
 */
export class RuleFixer {
  private layoutCache: { eol: string; indentUnit: string } | undefined;

  constructor(private readonly source: SourceFile) {}

  replaceText(node: JsonNodeBase, text: string): Fix {
    return { range: [node.offset, node.offset + node.length], text };
  }

  insertTextAt(offset: number, text: string): Fix {
    return { range: [offset, offset], text };
  }

  /** Replace a node (such as `null`) with a JSON value laid out like the rest of the file. */
  replaceWithValue(node: JsonNodeBase, value: unknown): Fix {
    return this.replaceText(node, this.render(value, this.lineIndent(node.offset)));
  }

  /** Add `"key": value` to an object, after `after` (default: the last property). */
  addProperty(object: JsonObject, key: string, value: unknown, after?: JsonProperty): Fix[] {
    const { eol } = this.layout();
    const anchor = after ?? object.properties[object.properties.length - 1];
    if (!anchor) return [this.fillEmptyObject(object, key, value)];

    const text = this.source.text;
    const anchorEnd = anchor.offset + anchor.length;
    const isLast = anchor === object.properties[object.properties.length - 1];
    const commaOffset = this.nextSignificant(anchorEnd);
    const hasComma = text[commaOffset] === ',';
    const ownLine = this.startsLine(anchor.offset);
    const indent = ownLine ? this.lineIndent(anchor.offset) : '';
    const member = `"${key}": ${this.render(value, ownLine ? indent : '')}`;

    if (!ownLine) {
      // An inline object: `{ "a": 1 }` → `{ "a": 1, "key": value }`.
      return hasComma ? [this.insertTextAt(commaOffset + 1, ` ${member},`)] : [this.insertTextAt(anchorEnd, `, ${member}`)];
    }
    const separatorEnd = hasComma ? commaOffset + 1 : anchorEnd;
    const insertAt = this.endOfLineIfOnlyTrivia(separatorEnd);
    const newLine = `${eol}${indent}${member}${hasComma && !isLast ? ',' : ''}`;
    if (hasComma) return [this.insertTextAt(insertAt, newLine)];
    if (insertAt === anchorEnd) return [this.insertTextAt(anchorEnd, `,${newLine}`)];
    return [this.insertTextAt(anchorEnd, ','), this.insertTextAt(insertAt, newLine)];
  }

  private fillEmptyObject(object: JsonObject, key: string, value: unknown): Fix {
    const { eol, indentUnit } = this.layout();
    const indent = this.lineIndent(object.offset);
    const inner = indent + indentUnit;
    const member = `"${key}": ${this.render(value, inner)}`;
    const insideStart = object.offset + 1;
    const insideEnd = object.offset + object.length - 1;
    const inside = this.source.text.slice(insideStart, insideEnd);
    if (/^\s*$/.test(inside)) return { range: [insideStart, insideEnd], text: `${eol}${inner}${member}${eol}${indent}` };
    // Comments inside the braces stay where they are.
    return this.insertTextAt(insideStart, `${eol}${inner}${member}`);
  }

  /** JSON text of a value; nested lines are indented from `indent`. */
  private render(value: unknown, indent: string): string {
    const { eol, indentUnit } = this.layout();
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    return JSON.stringify(value, null, indentUnit).split('\n').join(eol + indent);
  }

  private layout(): { eol: string; indentUnit: string } {
    this.layoutCache ??= detectLayout(this.source.text);
    return this.layoutCache;
  }

  /** Leading whitespace of the line `offset` is on. */
  private lineIndent(offset: number): string {
    const start = this.source.lines.lineStart(this.source.lines.positionAt(offset).line);
    return /^[ \t]*/.exec(this.source.text.slice(start, offset))![0];
  }

  private startsLine(offset: number): boolean {
    const start = this.source.lines.lineStart(this.source.lines.positionAt(offset).line);
    return /^[ \t]*$/.test(this.source.text.slice(start, offset));
  }

  /** Offset of the next character that is not whitespace or a comment. */
  private nextSignificant(offset: number): number {
    const text = this.source.text;
    let i = offset;
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? text.length : end + 2;
      } else {
        return i;
      }
    }
  }

  /**
   * The end of the line when only spaces and comments follow `offset` on it (so a trailing
   * comment stays with the property it belongs to), else `offset` itself.
   */
  private endOfLineIfOnlyTrivia(offset: number): number {
    const text = this.source.text;
    // One pass to the end of the line: spaces and /* … */ comments are trivia, and so is a // comment.
    let i = offset;
    for (;;) {
      while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
      if (i === text.length || text[i] === '\n' || text[i] === '\r') return i;
      if (text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
        return i;
      }
      if (!text.startsWith('/*', i)) return offset;
      const close = text.indexOf('*/', i + 2);
      const lineEnd = nextLineBreak(text, i);
      if (close < 0 || close > lineEnd) return offset;
      i = close + 2;
    }
  }

}

/** Offset of the first CR or LF at or after `from`, or the text's length. */
function nextLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === '\n' || text[i] === '\r') return i;
  return text.length;
}

function detectLayout(text: string): { eol: string; indentUnit: string } {
  const eolMatch = /\r\n|\n|\r/.exec(text);
  const eol = eolMatch ? eolMatch[0] : '\n';
  let smallest = Infinity;
  for (const match of text.slice(0, 20_000).matchAll(/(?:^|[\r\n])([ \t]+)\S/g)) {
    const whitespace = match[1]!;
    if (whitespace.startsWith('\t')) return { eol, indentUnit: '\t' };
    smallest = Math.min(smallest, whitespace.length);
  }
  return { eol, indentUnit: Number.isFinite(smallest) ? ' '.repeat(Math.min(smallest, 8)) : '  ' };
}

/**
 * Remove a comment: with its line when it stands alone on it, else with the spaces before it, so
 * the text around it is left as it was. Comments are trivia: the JSON is unchanged.
 */
export function removeComment(source: SourceFile, comment: { offset: number; length: number }): Fix {
  const text = source.text;
  let start = comment.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = comment.offset + comment.length;
  const atLineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const atLineEnd = after === text.length || text[after] === '\n' || text[after] === '\r';
  if (atLineStart && atLineEnd) {
    end = after;
    if (text.startsWith('\r\n', end)) end += 2;
    else if (end < text.length) end += 1;
  }
  return { range: [start, end], text: '' };
}
