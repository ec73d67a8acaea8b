/** 1-based position in a text; columns count UTF-16 code units, as editors and SARIF do. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Maps offsets to line/column and back. `\n`, `\r\n` and a lone `\r` each end a line,
 * as jsonc-parser's scanner treats them.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    this.lineStarts = text.includes('\r') ? lineStartsWithCarriageReturns(text) : lineStartsOfNewlines(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Position of a 0-based offset (clamped into the text). */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low]! + 1 };
  }

  /** 0-based offset of a 1-based position. */
  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line - 1];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.column - 1, this.text.length);
  }

  /** Offset where line `line` (1-based) starts. */
  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }
}

/** Most files end lines with `\n` only: the native search finds them far faster than a loop. */
function lineStartsOfNewlines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineStartsWithCarriageReturns(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
