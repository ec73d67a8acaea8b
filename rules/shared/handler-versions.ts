import { knownString } from '../../src/expression';
import type { DscExtension, FileModel } from '../../src/model';

/** A DSC handler version as ARM takes it: "major.minor". */
const MAJOR_MINOR = /^(\d+)\.(\d+)$/;

/** The major and minor number of a "major.minor" text, or undefined for any other text. */
export function majorMinor(text: string): { major: number; minor: number } | undefined {
  const match = MAJOR_MINOR.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** The extension's typeHandlerVersion as "major.minor", when its value is known and has that form. */
export function knownHandlerVersion(dsc: DscExtension, model: FileModel): { major: number; minor: number } | undefined {
  const node = dsc.typeHandlerVersion?.value;
  const text = node && knownString(model.evaluate(node));
  return text === undefined ? undefined : majorMinor(text);
}
