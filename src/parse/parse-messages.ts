import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

/** Readable text for jsonc-parser's error codes (looked up by name: its enums are const enums). */
const READABLE: Record<string, string> = {
  InvalidSymbol: 'Unexpected symbol',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected a colon',
  CommaExpected: 'Expected a comma',
  CloseBraceExpected: "Expected a closing brace '}'",
  CloseBracketExpected: "Expected a closing bracket ']'",
  EndOfFileExpected: 'Expected the end of the file',
  InvalidCommentToken: 'Comments are not allowed here',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid \\u escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string',
};

export function readableParseError(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  return READABLE[name] ?? name;
}
