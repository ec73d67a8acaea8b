import { isSecretParameter } from '../expression';
import type { FileModel } from '../model';
import type { JsonValue } from '../parse';

/** Shorter texts are too common to redact wherever they occur (a default of "true", "1"). */
const MIN_REDACTED_LENGTH = 4;
/** A SAS signature in a URL: the part after `sig=` is the secret. */
const SAS_SIGNATURE = /([?&]sig=)[^&\s"'`]+/gi;

/**
 * The secret texts a file writes literally: default values of secure parameters and of
 * `_artifactsLocationSasToken`. Computed on first use, since most files report nothing.
 */
export function secretTexts(model: FileModel): () => readonly string[] {
  let texts: string[] | undefined;
  return () => {
    if (texts) return texts;
    texts = [];
    for (const template of model.templates) {
      for (const parameter of template.scope.parameters.values()) {
        if (isSecretParameter(parameter)) collectStrings(parameter.defaultValue, texts);
      }
    }
    // Longest first, so a secret that contains another is replaced whole.
    texts = [...new Set(texts.filter((t) => t.length >= MIN_REDACTED_LENGTH))].sort((a, b) => b.length - a.length);
    return texts;
  };
}

function collectStrings(node: JsonValue | undefined, into: string[]): void {
  const stack = node ? [node] : [];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.kind === 'string') into.push(current.value);
    else if (current.kind === 'array') for (const item of current.items) stack.push(item);
    else if (current.kind === 'object') for (const property of current.properties) if (property.value) stack.push(property.value);
  }
}

/**
 * A message with every secret the template writes literally replaced by `***`, and every SAS
 * signature too: the last line of defence, for rules that show values (they should already show
 * secret values by the name they came from).
 */
export function redactSecrets(message: string, secrets: () => readonly string[]): string {
  let text = message.replace(SAS_SIGNATURE, '$1***');
  for (const secret of secrets()) if (text.includes(secret)) text = text.split(secret).join('***');
  return text;
}
