import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { JsonArray, JsonContainer, JsonObject, JsonProperty, JsonString, JsonValue } from './json-nodes';
import { readableParseError } from './parse-messages';
import { SourceFile, type CommentRange, type ParseProblem } from './source-file';

interface RawError {
  code: ParseErrorCode;
  offset: number;
  length: number;
}

interface TreeBuild {
  root: JsonValue | undefined;
  errors: RawError[];
  comments: CommentRange[];
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

/**
 * Parse template text (already decoded, BOM removed) into a SourceFile. ARM accepts comments,
 * trailing commas, raw control characters and raw line breaks inside strings; all are tolerated.
 * Never throws: syntax errors become `errors` with offsets into `text`.
 */
export function parseSource(text: string): SourceFile {
  let build = buildTree(text);
  if (build.errors.some((e) => printParseErrorCode(e.code) === 'UnexpectedEndOfString')) {
    const blanked = blankLineBreaksInStrings(text);
    if (blanked !== text) {
      build = buildTree(blanked);
      restoreMultilineValues(text, build.root);
    }
  }
  const fatal: ParseProblem[] = [];
  for (const error of build.errors) {
    // A raw tab or other control character in a string: JSON.NET, and so ARM, accepts it.
    if (printParseErrorCode(error.code) === 'InvalidCharacter') continue;
    fatal.push({ message: readableParseError(error.code), offset: error.offset, length: error.length });
  }
  return new SourceFile(text, build.root, fatal, build.comments);
}

function buildTree(text: string): TreeBuild {
  const stack: JsonContainer[] = [];
  const build: TreeBuild = { root: undefined, errors: [], comments: [] };

  const attach = (value: JsonValue): void => {
    const container = stack[stack.length - 1];
    if (!container) {
      if (!build.root) build.root = value;
      return;
    }
    if (container.kind === 'array') {
      value.parent = container;
      container.items.push(value);
      return;
    }
    const property = container.properties[container.properties.length - 1];
    if (property && !property.value) {
      property.value = value;
      value.parent = property;
      property.length = value.offset + value.length - property.offset;
    }
  };

  const close = (offset: number, length: number): void => {
    const container = stack.pop();
    if (!container) return;
    container.length = offset + length - container.offset;
    const holder = container.parent;
    if (holder?.kind === 'property') holder.length = container.offset + container.length - holder.offset;
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => {
        const node: JsonObject = { kind: 'object', offset, length: 1, parent: undefined, properties: [], index: undefined };
        attach(node);
        stack.push(node);
      },
      onObjectProperty: (name, offset, length) => {
        const container = stack[stack.length - 1];
        if (container?.kind !== 'object') return;
        const key: JsonString = { kind: 'string', offset, length, parent: undefined, value: name };
        const property: JsonProperty = { kind: 'property', offset, length, parent: container, key, value: undefined };
        key.parent = property;
        container.properties.push(property);
      },
      onObjectEnd: close,
      onArrayBegin: (offset) => {
        const node: JsonArray = { kind: 'array', offset, length: 1, parent: undefined, items: [] };
        attach(node);
        stack.push(node);
      },
      onArrayEnd: close,
      onLiteralValue: (value: unknown, offset, length) => {
        // Literal objects with one key order keep the nodes monomorphic (this is the hot path).
        let node: JsonValue;
        if (typeof value === 'string') {
          node = { kind: 'string', offset, length, parent: undefined, value };
        } else if (typeof value === 'number') node = { kind: 'number', offset, length, parent: undefined, value };
        else if (typeof value === 'boolean') node = { kind: 'boolean', offset, length, parent: undefined, value };
        else node = { kind: 'null', offset, length, parent: undefined, value: null };
        attach(node);
      },
      // jsonc-parser can report a range past the end of a truncated text: keep ranges inside it.
      onComment: (offset, length) => {
        build.comments.push({ kind: text.startsWith('//', offset) ? 'line' : 'block', offset, length: Math.min(length, text.length - offset) });
      },
      onError: (code, offset, length) => {
        const start = Math.min(offset, text.length);
        build.errors.push({ code, offset: start, length: Math.max(0, Math.min(length, text.length - start)) });
      },
    },
    PARSE_OPTIONS,
  );
  // Containers left open by a truncated file end where the text ends.
  while (stack.length > 0) close(text.length, 0);
  return build;
}

/**
 * ARM accepts raw line breaks inside strings (multi-line expressions); jsonc-parser does not.
 * Replace each CR/LF inside a string literal with a space: same length, so every offset still
 * points into the original text.
 */
function blankLineBreaksInStrings(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (ch === 34 /* " */) {
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 92 /* \ */) {
          i += 2;
          continue;
        }
        if (c === 34) break;
        if (c === 10 || c === 13) {
          out ??= [];
          out.push(text.slice(last, i), ' ');
          last = i + 1;
        }
        i++;
      }
      i++;
    } else {
      i++;
    }
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/**
 * Give strings that spanned lines their real value (with the line breaks) from the original text.
 * Only runs for the rare file with multi-line strings, so the common parse does no extra work.
 */
function restoreMultilineValues(original: string, node: JsonValue | undefined): void {
  if (!node) return;
  if (node.kind === 'object') {
    for (const property of node.properties) {
      restoreString(original, property.key);
      restoreMultilineValues(original, property.value);
    }
  } else if (node.kind === 'array') {
    for (const item of node.items) restoreMultilineValues(original, item);
  } else if (node.kind === 'string') {
    restoreString(original, node);
  }
}

function restoreString(original: string, node: JsonString): void {
  const raw = original.slice(node.offset, node.offset + node.length);
  if (!/[\r\n]/.test(raw)) return;
  try {
    const escaped = raw.replace(/[\u0000-\u001f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    const value: unknown = JSON.parse(escaped);
    if (typeof value === 'string') node.value = value;
  } catch {
    // Keep the blanked value: the string is broken in other ways, already reported as an error.
  }
}
