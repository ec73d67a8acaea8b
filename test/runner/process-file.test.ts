/** processFile: reading one listed file, whatever has happened to it since it was listed. */
import { join } from 'node:path';
import { RunFileAccess } from '../../src/files';
import { rules } from '../../src/index';
import { processFile } from '../../src/runner/process-file';
import { runCli, workspace } from '../support/cli';
import { PLAIN_PROCESS_OPTIONS } from '../support/lint';


describe('processFile', () => {
  it('gives a file deleted after it was listed a fatal message saying so', () => {
    const path = join(workspace({}), 'listed.json');
    const outcome = processFile({ target: { path, explicit: false } }, rules, new Map(), PLAIN_PROCESS_OPTIONS, new RunFileAccess());
    expect(outcome.kind === 'linted' && outcome.result.messages).toEqual([
      expect.objectContaining({ ruleId: null, fatal: true, messageId: 'unreadable', message: 'Cannot read the file: it no longer exists (deleted while the run listed it?).', line: 1, column: 1 }),
    ]);
  });
});

describe('files the user names that do not exist', () => {
  it('a --config file: one line, exit 2, and no talk of a run listing it', async () => {
    const run = await runCli(['--config', 'nope.json', 'a.json'], workspace({ 'a.json': '{}' }));
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'armdsc-lint: nope.json: cannot read the config file: it does not exist\n' });
  });
});
