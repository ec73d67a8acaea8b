/** Character-code tests shared by the JSON and expression tokenizers. */

/** 0-9. Also false for NaN, the code past the end of a string. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
