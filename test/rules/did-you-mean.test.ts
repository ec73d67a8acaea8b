/** The edit distance and "did you mean" helper the settings rules use for unknown keys. */
import { didYouMean, editDistance } from '../../rules/shared/did-you-mean';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['url', 'url', 0],
    ['', 'url', 3],
    ['scirpt', 'script', 1], // two neighbours swapped count once
    ['fucntion', 'function', 1],
    ['supressFailures', 'suppressFailures', 1],
    ['wmfVersions', 'wmfVersion', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops at the limit and says "more than the limit"', () => {
    expect(editDistance('configuration', 'url', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('abcdef', 'abcxyz', 3)).toBe(3);
  });
});

describe('didYouMean', () => {
  const configurationKeys = ['url', 'script', 'function', 'module'];

  it('names the one candidate a key is a typo of, in the candidate spelling', () => {
    expect(didYouMean('fucntion', configurationKeys)).toBe('function');
    expect(didYouMean('URl', ['wmfVersion', 'configuration'])).toBeUndefined();
    expect(didYouMean('Scipt', configurationKeys)).toBe('script');
    expect(didYouMean('configurationArgument', ['configuration', 'configurationArguments'])).toBe('configurationArguments');
  });

  it('gives nothing for a candidate itself, in any case', () => {
    expect(didYouMean('SCRIPT', configurationKeys)).toBeUndefined();
  });

  it('gives nothing when no candidate is near enough for the length of the key', () => {
    // A short key may be one edit away: "uri" is, "xyz" is not.
    expect(didYouMean('uri', configurationKeys)).toBe('url');
    expect(didYouMean('xyz', configurationKeys)).toBeUndefined();
    expect(didYouMean('nodeName', configurationKeys)).toBeUndefined();
    // Eight characters allow two edits, not three.
    expect(didYouMean('functXYZ', configurationKeys)).toBeUndefined();
    expect(didYouMean('functiXY', configurationKeys)).toBe('function');
  });

  it('gives nothing when two candidates are equally near', () => {
    expect(didYouMean('cat', ['bat', 'hat'])).toBeUndefined();
    expect(didYouMean('cat', ['bat', 'Bat'])).toBe('bat');
  });
});
