import { closestName, editDistance } from '../../rules/shared/similar-names';

describe('editDistance', () => {
  it.each([
    ['vmName', 'vmName', 0],
    ['vmName', 'VMNAME', 0],
    ['vmName', 'vmNames', 1],
    ['vmName', 'vmNmae', 1],
    ['variables', 'varaibles', 1],
    ['location', 'locations', 1],
    ['abc', 'xyz', 3],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops counting past the limit', () => {
    expect(editDistance('storageAccountName', 'x', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('closestName', () => {
  it('finds the declared name a typo was meant to be', () => {
    expect(closestName('vmNmae', ['location', 'vmName', 'vmSize'])).toBe('vmName');
  });

  it('prefers the closest candidate, then the first', () => {
    expect(closestName('vmSizeX', ['vmSizeXYZ', 'vmSize'])).toBe('vmSize');
    expect(closestName('ab', ['ac', 'ad'])).toBe('ac');
  });

  it('gives nothing when no candidate is close enough to be a typo', () => {
    expect(closestName('sku', ['location'])).toBeUndefined();
    expect(closestName('adminUsername', ['adminPassword'])).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });
});
