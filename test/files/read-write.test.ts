/**
 * Reading only what can be read safely, and writing fixes without losing anything: each guarantee
 * of src/files/read.ts and write.ts has a test that fails when it breaks.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, constants, existsSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, statSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFileError, MAX_FILE_SIZE, readTemplateFile, writeFixedFile, writeReportFile, type ReadFile } from '../../src/files';
import { builtBin, workspace } from '../support/cli';
import { scaleSetTemplate } from '../support/lint';

const TEMPLATE = '{\n  "name": "web0"\n}\n';
const FIXED = '{\n  "name": "localhost"\n}\n';

function read(path: string): ReadFile {
  const outcome = readTemplateFile(path);
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.file;
}

describe('readTemplateFile', () => {
  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const dir = workspace({});
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    expect(readTemplateFile(join(dir, 'pipe.json'))).toEqual({ ok: false, kind: 'not-a-file', problem: 'it is a FIFO (named pipe), not a regular file' });
  });

  it('refuses a symbolic link to /dev/zero instead of reading forever', () => {
    const dir = workspace({});
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    expect(readTemplateFile(join(dir, 'zero.json'))).toEqual({ ok: false, kind: 'not-a-file', problem: 'it is a character device, not a regular file' });
  });

  it('refuses a directory named *.json', () => {
    const dir = workspace({ 'folder.json/inside.txt': 'x' });
    expect(readTemplateFile(join(dir, 'folder.json'))).toEqual({ ok: false, kind: 'not-a-file', problem: 'it is a directory, not a regular file' });
  });

  it(`refuses a file larger than MAX_FILE_SIZE (${MAX_FILE_SIZE} bytes) without reading it`, () => {
    const dir = workspace({ 'huge.json': '' });
    truncateSync(join(dir, 'huge.json'), MAX_FILE_SIZE + 1);
    const outcome = readTemplateFile(join(dir, 'huge.json'));
    expect(outcome).toEqual({ ok: false, kind: 'too-large', problem: 'it is larger than 64 MB (64.0 MB); ARM takes templates up to 4 MB' });
  });

  it('reads a file of exactly MAX_FILE_SIZE bytes', () => {
    const dir = workspace({ 'big.json': '' });
    truncateSync(join(dir, 'big.json'), MAX_FILE_SIZE);
    const outcome = readTemplateFile(join(dir, 'big.json'));
    expect(outcome.ok && outcome.file.bytes.length).toBe(MAX_FILE_SIZE);
  });

  it('says when a file does not exist (also under a file, or with a name too long to be there), and when a name is not valid UTF-8', () => {
    const dir = workspace({ 'a.json': TEMPLATE });
    expect(readTemplateFile(join(dir, 'gone.json'))).toEqual({ ok: false, kind: 'missing', problem: 'it does not exist' });
    expect(readTemplateFile(join(dir, 'a.json/b.json'))).toEqual({ ok: false, kind: 'missing', problem: 'a part of its path is a file, not a folder' });
    expect(readTemplateFile(join(dir, 'x'.repeat(300)))).toEqual({ ok: false, kind: 'unreadable', problem: 'its name is longer than the file system allows' });
    expect(readTemplateFile(join(dir, 'caf\ufffd.json'))).toEqual({ ok: false, kind: 'unreadable', problem: 'its name is not valid UTF-8, so it cannot be opened' });
  });

  it.each([
    ['EROFS', 'it is on a read-only file system'],
    ['ENOSPC', 'there is no space left on the disk (or in the quota)'],
    ['EMFILE', 'too many files are open'],
    ['EIO', 'the disk reported an input/output error'],
    ['EWHATEVER', 'EWHATEVER: something new, open'],
  ])('describes %s in words (the error itself where no words are known)', (code, words) => {
    // Errors the test cannot provoke here: made as Node makes them.
    const error = Object.assign(new Error(`${code}: something new, open`), { code });
    expect(describeFileError('/x/a.json', error)).toBe(words);
  });

  // root reads any file, so as root there is no permission error to see.
  const itUnlessRoot = process.getuid?.() === 0 ? it.skip : it;
  itUnlessRoot('says when a file cannot be read for lack of permission (skipped as root)', () => {
    const dir = workspace({ 'secret.json': TEMPLATE });
    chmodSync(join(dir, 'secret.json'), 0);
    expect(readTemplateFile(join(dir, 'secret.json'))).toEqual({ ok: false, kind: 'unreadable', problem: 'permission denied' });
  });

  it('knows whether the bytes survive decoding and encoding again', () => {
    const dir = workspace({
      'utf8.json': TEMPLATE,
      'cp1252.json': Buffer.from('{"description": "caf\xe9"}', 'latin1'),
      'odd-utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le'), Buffer.from([0x41])]),
    });
    expect(read(join(dir, 'utf8.json')).roundTrips).toBe(true);
    expect(read(join(dir, 'cp1252.json')).roundTrips).toBe(false);
    expect(read(join(dir, 'odd-utf16.json')).roundTrips).toBe(false);
  });
});

describe('writeFixedFile', () => {
  it('replaces the file atomically, keeping an unusual mode exactly (umask does not apply)', () => {
    const dir = workspace({ 'a.json': TEMPLATE });
    const path = join(dir, 'a.json');
    chmodSync(path, 0o666);
    const file = read(path);
    expect(writeFixedFile(file, FIXED)).toEqual({ ok: true });
    expect(readFileSync(path, 'utf8')).toBe(FIXED);
    expect(statSync(path).mode & 0o7777).toBe(0o666);
    chmodSync(path, 0o640);
    expect(writeFixedFile(read(path), TEMPLATE)).toEqual({ ok: true });
    expect(statSync(path).mode & 0o7777).toBe(0o640);
  });

  it('writes through a symbolic link to its target, and the link stays a link', () => {
    const dir = workspace({ 'real/a.json': TEMPLATE });
    symlinkSync(join(dir, 'real/a.json'), join(dir, 'link.json'));
    expect(writeFixedFile(read(join(dir, 'link.json')), FIXED)).toEqual({ ok: true });
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe(join(dir, 'real/a.json'));
    expect(readFileSync(join(dir, 'real/a.json'), 'utf8')).toBe(FIXED);
  });

  it('keeps hard links: every link sees the fixed text', () => {
    const dir = workspace({ 'a.json': TEMPLATE });
    linkSync(join(dir, 'a.json'), join(dir, 'b.json'));
    expect(writeFixedFile(read(join(dir, 'a.json')), FIXED)).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'a.json')).nlink).toBe(2);
    expect(statSync(join(dir, 'a.json')).ino).toBe(statSync(join(dir, 'b.json')).ino);
  });

  it('does not overwrite a read-only file', () => {
    const dir = workspace({ 'a.json': TEMPLATE });
    chmodSync(join(dir, 'a.json'), 0o444);
    expect(writeFixedFile(read(join(dir, 'a.json')), FIXED)).toEqual({ ok: false, problem: 'it is read-only' });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(TEMPLATE);
  });

  it('does not write a file whose bytes would change beyond the edit (invalid UTF-8, an odd UTF-16 byte)', () => {
    const cp1252 = Buffer.from('{"description": "caf\xe9", "name": "web0"}', 'latin1');
    const oddUtf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"name": "web0"}', 'utf16le'), Buffer.from([0x41])]);
    const dir = workspace({ 'cp1252.json': cp1252, 'odd.json': oddUtf16 });
    expect(writeFixedFile(read(join(dir, 'cp1252.json')), '{}')).toEqual({ ok: false, problem: 'its bytes are not valid UTF-8, and writing the fixed text would change them' });
    expect(writeFixedFile(read(join(dir, 'odd.json')), '{}')).toEqual({ ok: false, problem: 'its bytes are not valid UTF-16, and writing the fixed text would change them' });
    expect(readFileSync(join(dir, 'cp1252.json')).equals(cp1252)).toBe(true);
    expect(readFileSync(join(dir, 'odd.json')).equals(oddUtf16)).toBe(true);
  });

  it('does not write when the file changed on disk after it was read', () => {
    const dir = workspace({ 'a.json': TEMPLATE });
    const file = read(join(dir, 'a.json'));
    writeFileSync(join(dir, 'a.json'), '{"edited": true}');
    expect(writeFixedFile(file, FIXED)).toEqual({ ok: false, problem: 'it changed on disk while being linted' });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"edited": true}');
  });

  it('checks again immediately before the replace: an edit saved after the first check is kept', () => {
    const dir = workspace({ 'a.json': TEMPLATE });
    const file = read(join(dir, 'a.json'));
    const edit = (target: string) => writeFileSync(target, '{"saved": "meanwhile"}');
    expect(writeFixedFile(file, FIXED, { beforeReplace: edit })).toEqual({ ok: false, problem: 'it changed on disk while being linted' });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"saved": "meanwhile"}');
  });

  it('does not wait on a FIFO put in the file\'s place between the checks (one link, or several)', () => {
    const dir = workspace({ 'a.json': TEMPLATE, 'b.json': TEMPLATE });
    linkSync(join(dir, 'b.json'), join(dir, 'b-link.json'));
    const toFifo = (target: string) => {
      unlinkSync(target);
      execFileSync('mkfifo', [target]);
    };
    for (const name of ['a.json', 'b.json']) {
      expect(writeFixedFile(read(join(dir, name)), FIXED, { beforeReplace: toFifo })).toEqual({ ok: false, problem: 'it changed on disk while being linted' });
      expect(lstatSync(join(dir, name)).isFIFO()).toBe(true);
    }
  });

  it('checks again through the open file before rewriting a hard-linked file in place', () => {
    const dir = workspace({ 'a.json': TEMPLATE });
    linkSync(join(dir, 'a.json'), join(dir, 'b.json'));
    const file = read(join(dir, 'a.json'));
    const edit = (target: string) => writeFileSync(target, '{"saved": "meanwhile"}');
    expect(writeFixedFile(file, FIXED, { beforeReplace: edit })).toEqual({ ok: false, problem: 'it changed on disk while being linted' });
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('{"saved": "meanwhile"}');
  });

  it('leaves no temporary file behind, whether it writes or not', () => {
    const dir = workspace({ 'a.json': TEMPLATE, 'b.json': TEMPLATE });
    writeFixedFile(read(join(dir, 'a.json')), FIXED);
    writeFixedFile(read(join(dir, 'b.json')), FIXED, { beforeReplace: (target) => writeFileSync(target, 'x') });
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()).toEqual(['a.json', 'b.json']);
  });
});

describe('writeReportFile', () => {
  it('replaces a symbolic link planted at the report path instead of writing through it', () => {
    const dir = workspace({ 'precious.txt': 'keep me' });
    mkdirSync(join(dir, 'reports'));
    symlinkSync(join(dir, 'precious.txt'), join(dir, 'reports/lint.sarif'));
    expect(writeReportFile(join(dir, 'reports/lint.sarif'), '{}')).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, 'reports/lint.sarif')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'reports/lint.sarif'), 'utf8')).toBe('{}');
  });

  it('creates the parent directories', () => {
    const dir = workspace({});
    expect(writeReportFile(join(dir, 'a/b/c.json'), '[]')).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'a/b/c.json'), 'utf8')).toBe('[]');
  });

  // Only root may create a device node; the test makes its own rather than risk the real /dev/null.
  const itAsRoot = process.getuid?.() === 0 ? it : it.skip;
  itAsRoot('writes into a device (-o /dev/null) instead of putting a regular file in its place (root only; skipped otherwise)', () => {
    const dir = workspace({});
    execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
    expect(writeReportFile(join(dir, 'null'), '[]')).toEqual({ ok: true });
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' })).toBe('null\n');
  });

  it('writes into a FIFO that a process reads, waiting while the pipe is full, and refuses one that no process reads instead of waiting', async () => {
    const dir = workspace({});
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(writeReportFile(fifo, '[]')).toEqual({ ok: false, problem: 'it is a socket, or a FIFO or device with no process at the other end' });
    // A report larger than a pipe holds, read by cat; the descriptor held here only makes a reader exist before cat opens.
    const report = 'x'.repeat(300_000);
    const reader = spawn('sh', ['-c', 'cat "$0" > "$1"', fifo, join(dir, 'got')]);
    const done = new Promise((resolve) => reader.on('exit', resolve));
    const held = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      expect(writeReportFile(fifo, report)).toEqual({ ok: true });
    } finally {
      closeSync(held);
    }
    expect(await done).toBe(0);
    expect(readFileSync(join(dir, 'got'), 'utf8')).toBe(report);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  // /proc/self/fd/1, where /dev/stdout leads, is standard output: here redirected to a file that already holds a line.
  const itWithProcFd = existsSync('/proc/self/fd') ? it : it.skip;
  itWithProcFd('writes a report to /proc/self/fd/1 into redirected standard output, appending (Linux; skipped elsewhere)', () => {
    const dir = workspace({ 'a.json': scaleSetTemplate('web0'), 'out.txt': 'earlier line\n' });
    const out = openSync(join(dir, 'out.txt'), 'a');
    try {
      const run = spawnSync(process.execPath, [builtBin, 'a.json', '-o', '/proc/self/fd/1'], { cwd: dir, stdio: ['ignore', out, 'pipe'] });
      expect(run.status).toBe(1);
    } finally {
      closeSync(out);
    }
    const text = readFileSync(join(dir, 'out.txt'), 'utf8');
    expect(text.startsWith('earlier line\n')).toBe(true);
    expect(text).toContain('dsc-vmss-node-name');
  });

  // Linux's /proc exists and takes no new files: creating one there fails as if the folder were missing.
  const itWithProc = existsSync('/proc/self') ? it : it.skip;
  itWithProc('says where no file can be created (Linux /proc; skipped elsewhere)', () => {
    expect(writeReportFile('/proc/armdsc-lint-report.json', '[]')).toEqual({ ok: false, problem: 'no file can be created in /proc' });
  });
});
