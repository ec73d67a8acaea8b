import type { Fix } from '../../src/engine';
import type { JsonNodeBase, JsonValue, SourceFile } from '../../src/parse';

/** A JSON object built for a fix: no prototype, so any key (even `__proto__`) is an ordinary member. */
export type PlainObject = { [key: string]: PlainValue };
export type PlainValue = string | number | boolean | null | PlainValue[] | PlainObject;

export function plainObject(): PlainObject {
  return Object.create(null) as PlainObject;
}

/** Keys JavaScript would move to the front of an object (array-index-like), changing the order written. */
const INDEX_LIKE = /^(0|[1-9]\d{0,8})$/;

/**
 * The value of a node as plain data that renders back to the same JSON meaning, or undefined
 * when it would not: a number whose text changes when printed again (precision, `1.0`), or an
 * object whose keys repeat (case-insensitively, as ARM reads them) or would be reordered.
 */
export function exactPlain(source: SourceFile, node: JsonValue): PlainValue | undefined {
  switch (node.kind) {
    case 'string':
    case 'boolean':
    case 'null':
      return node.value;
    case 'number':
      return JSON.stringify(node.value) === source.rawText(node) ? node.value : undefined;
    case 'array': {
      const items: PlainValue[] = [];
      for (const item of node.items) {
        const plain = exactPlain(source, item);
        if (plain === undefined) return undefined;
        items.push(plain);
      }
      return items;
    }
    case 'object': {
      const result = plainObject();
      const seen = new Set<string>();
      for (const property of node.properties) {
        const key = property.key.value;
        if (seen.has(key.toLowerCase()) || INDEX_LIKE.test(key) || !property.value) return undefined;
        seen.add(key.toLowerCase());
        const plain = exactPlain(source, property.value);
        if (plain === undefined) return undefined;
        result[key] = plain;
      }
      return result;
    }
  }
}

/** True when a comment starts inside the node's text (a fix that rewrites the node would drop it). */
export function hasCommentsIn(source: SourceFile, node: JsonNodeBase): boolean {
  return source.comments.some((comment) => comment.offset >= node.offset && comment.offset < node.offset + node.length);
}

/**
 * Values copied from the template into an object a fix rebuilds. A value written on one line keeps
 * its text exactly (spacing, escapes, an inline object stays inline): it is rendered as a marker
 * that `restore` replaces with that text. A value on several lines is rendered again in the file's
 * layout, since it moves to another depth.
 */
export class CopiedValues {
  private readonly texts = new Map<string, string>();

  constructor(private readonly source: SourceFile) {}

  /** The value to put in the rebuilt object, or undefined when it cannot be copied exactly. */
  copy(node: JsonValue): PlainValue | undefined {
    const plain = exactPlain(this.source, node);
    const text = this.source.rawText(node);
    if (plain === undefined || /[\r\n]/.test(text)) return plain;
    const marker = `\u0000copied-${this.texts.size}\u0000`;
    this.texts.set(JSON.stringify(marker), text);
    return marker;
  }

  /** An edit's text with every marker replaced by the text it stands for. */
  restore(fix: Fix): Fix {
    let text = fix.text;
    for (const [marker, original] of this.texts) text = text.split(marker).join(original);
    return { range: fix.range, text };
  }
}
