/** How values appear in messages: shortened, escaped, and secrets only by the name they came from. */
import { displayValue, literalString, MAX_SHOWN_LENGTH, quoted, unknown } from '../../src/expression';

const longName = 'x'.repeat(MAX_SHOWN_LENGTH + 20);

describe('displayValue', () => {
  it('shows a secret by the parameter it came from, never its text', () => {
    const secret = literalString('hunter2-secret', { secret: true, origins: [{ kind: 'parameter', name: 'adminPassword' }] });
    expect(displayValue(secret)).toBe("parameters('adminPassword')");
  });

  it('shows a secret without a name as ***', () => {
    expect(displayValue(literalString('hunter2-secret', { secret: true, origins: [] }))).toBe('***');
  });

  it('shortens a long name a value is shown by, secret or not', () => {
    const origins = [{ kind: 'variable' as const, name: longName }];
    for (const value of [literalString('s3cret', { secret: true, origins }), unknown('runtime', { secret: false, origins })]) {
      const shown = displayValue(value);
      expect(shown.length).toBe(MAX_SHOWN_LENGTH);
      expect(shown).toBe(`${`variables('${longName}')`.slice(0, MAX_SHOWN_LENGTH - 1)}…`);
    }
  });

  it('shows known text quoted, shortened and with control characters escaped', () => {
    expect(displayValue(literalString(`a\tb${longName}`))).toBe(quoted(`a\tb${longName}`));
    expect(quoted('a\tb')).toBe('"a\\x09b"');
  });
});
