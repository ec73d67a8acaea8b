import { allowedEdits, closestName, editDistance } from '../../src/text/did-you-mean';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['DomainName', 'DomainName', 0],
    ['DomainNmae', 'DomainName', 1], // one transposition
    ['DomainNam', 'DomainName', 1],
    ['DomainNamex', 'DomainName', 1],
    ['DomainNome', 'DomainName', 1],
    ['ca', 'abc', 3], // optimal string alignment: no edit of a transposed pair
    ['a', 'A', 1], // case matters here; closestName folds case first
  ])('%j → %j: %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('allowedEdits', () => {
  it('allows one edit per three characters, at least one and at most three', () => {
    // At most three: 'dataDiskName' is not a typo of 'osDiskName' (four edits).
    expect([0, 1, 2, 3, 5, 6, 8, 9, 12, 30].map(allowedEdits)).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 3, 3]);
  });
});

describe('closestName', () => {
  const parameters = ['DomainName', 'Admincreds', 'RetryCount', 'RetryIntervalSec'];

  it('suggests the candidate one typo away, keeping its spelling', () => {
    expect(closestName('DomianName', parameters)).toBe('DomainName');
    expect(closestName('adminCred', parameters)).toBe('Admincreds');
    expect(closestName('retrycont', parameters)).toBe('RetryCount');
  });

  it('compares case-insensitively, so a case-only difference is distance 0', () => {
    expect(closestName('ADMINCREDS', parameters)).toBe('Admincreds');
  });

  it('allows more edits for longer names, up to the limit exactly', () => {
    expect(closestName('RetryIntrvlSc', parameters)).toBe('RetryIntervalSec'); // 3 edits; 13 characters allow 4
    expect(closestName('abcdef', ['abcxyf'])).toBe('abcxyf'); // 2 edits; 6 characters allow 2
    expect(closestName('abcdef', ['axcxyf'])).toBeUndefined(); // 3 edits
    expect(closestName('abcde', ['abxye'])).toBeUndefined(); // 2 edits; 5 characters allow 1
  });

  it('refuses a candidate beyond the allowed edits', () => {
    expect(closestName('Name', parameters)).toBeUndefined();
    expect(closestName('ab', ['cd'])).toBeUndefined();
    expect(closestName('ab', ['ac'])).toBe('ac');
  });

  it('gives nothing on a tie between different candidates, but the best when one is closer', () => {
    expect(closestName('nodes', ['nodeA', 'nodeB'])).toBeUndefined();
    expect(closestName('RetryCnt', ['RetryCount', 'RetryCnts'])).toBe('RetryCnts');
    expect(closestName('RetryCnt', ['RetryCnts', 'RetryCount'])).toBe('RetryCnts');
    expect(closestName('abcdef', ['abcxyf', 'abcxzf', 'abcdeg'])).toBe('abcdeg'); // a closer one ends the tie
  });

  it('counts candidates that differ only in case as one', () => {
    expect(closestName('nodes', ['Node', 'NODE'])).toBe('Node');
  });

  it('gives nothing without candidates', () => {
    expect(closestName('DomainName', [])).toBeUndefined();
  });

  it('accepts any iterable of candidates', () => {
    expect(closestName('domainname', new Set(parameters))).toBe('DomainName');
  });
});
