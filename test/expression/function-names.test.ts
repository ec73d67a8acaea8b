import { BUILT_IN_FUNCTIONS, isBuiltInFunction } from '../../src/expression';

describe('the built-in function table', () => {
  it.each(['concat', 'CONCAT', 'toLower', 'tolower', 'copyIndex', 'tryGet', 'lambdaVariables', 'parseCidr', 'deployer'])('knows %s in any letter case', (name) => {
    expect(isBuiltInFunction(name)).toBe(true);
  });

  it.each(['listKeys', 'listSecrets', 'LISTconnectionStrings', 'listAnythingNew'])('knows %s as a member of the list* family', (name) => {
    expect(isBuiltInFunction(name)).toBe(true);
  });

  it.each(['variable', 'toLowerCase', 'field', 'mylistUDF', 'a'])('does not know %s', (name) => {
    expect(isBuiltInFunction(name)).toBe(false);
  });

  it('lists each function once, as a valid identifier', () => {
    const lower = BUILT_IN_FUNCTIONS.map((name) => name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(BUILT_IN_FUNCTIONS.filter((name) => !/^[A-Za-z][A-Za-z0-9]*$/.test(name))).toEqual([]);
  });
});
