import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunFileAccess } from '../../src/files';
import { workspace } from '../support/cli';

describe('RunFileAccess', () => {
  it('answers whether a path is a directory once per run, for every file of the run', () => {
    const root = workspace({ 'template.json': '{}' });
    const run = new RunFileAccess();
    const gitPath = join(root, '.git');
    expect(run.forFile().access.isDirectory(gitPath)).toBe(false);
    mkdirSync(gitPath);
    // The run keeps its first answer (rules ask for the same `.git` folders for every extension).
    expect(run.forFile().access.isDirectory(gitPath)).toBe(false);
    expect(new RunFileAccess().forFile().access.isDirectory(gitPath)).toBe(true);
  });

  it('says a file, a missing path and a path through a file are not directories', () => {
    const root = workspace({ 'template.json': '{}' });
    const { access } = new RunFileAccess().forFile();
    expect(access.isDirectory(join(root, 'template.json'))).toBe(false);
    expect(access.isDirectory(join(root, 'missing'))).toBe(false);
    expect(access.isDirectory(join(root, 'template.json', 'inside'))).toBe(false);
    expect(access.isDirectory(root)).toBe(true);
  });

  it('reads a file once per run and records it as a dependency of each file that read it', () => {
    const root = workspace({ 'a.txt': 'first' });
    const run = new RunFileAccess();
    const one = run.forFile();
    const read = one.access.readFile(join(root, 'a.txt'));
    expect(read.ok && Buffer.from(read.bytes).toString()).toBe('first');
    writeFileSync(join(root, 'a.txt'), 'second');
    const two = run.forFile();
    const again = two.access.readFile(join(root, 'a.txt'));
    expect(again.ok && Buffer.from(again.bytes).toString()).toBe('first');
    expect(two.dependencies().map((d) => d.path)).toEqual([join(root, 'a.txt')]);
    expect(one.dependencies()).toHaveLength(1);
  });
});
