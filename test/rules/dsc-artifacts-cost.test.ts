/**
 * What the DSC artifact rules cost: each archive is opened once per run however many
 * extensions, templates and rules use it, and templates that name no archive read nothing.
 * The files are given through a FileAccess that counts what is asked of it.
 */
import { readFileSync, statSync } from 'node:fs';
import { lintFile, type FileAccess, type RuleSetting } from '../../src/engine';
import { rules } from '../../src/index';
import { recommendedSettings } from '../../src/config/rule-settings';
import { artifactUrl, configurationScript, dscResource, dscTemplate } from '../support/dsc-artifacts';
import { template } from '../support/lint';
import { createWorkspace, type Workspace } from '../support/workspace';

const ARTIFACT_RULES = ['dsc-artifact-archive', 'dsc-configuration-arguments', 'dsc-artifact-stale'];

/** A FileAccess over the disk that memoises like the run's and counts reads and computations. */
function countingAccess() {
  const memos = new Map<string, unknown>();
  const computed: string[] = [];
  const read: string[] = [];
  const access: FileAccess = {
    readFile: (path) => {
      read.push(path);
      try {
        return { ok: true, bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
      } catch {
        return { ok: false, problem: 'missing' };
      }
    },
    isDirectory: (path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) {
        computed.push(key);
        memos.set(key, compute());
      }
      return memos.get(key) as T;
    },
  };
  return { access, computed, read };
}

const settings = (): Map<string, RuleSetting> => {
  const all = recommendedSettings(rules);
  for (const [id, setting] of all) if (!ARTIFACT_RULES.includes(id)) all.set(id, { ...setting, severity: 0 });
  return all;
};

let workspace: Workspace;
beforeAll(() => {
  workspace = createWorkspace([
    { path: 'DSC/Web.zip/Web.ps1', content: configurationScript('Web', ['[Parameter(Mandatory)] [String]$SiteName']) },
    { path: 'DSC/Web.ps1', content: configurationScript('Web', ['[Parameter(Mandatory)] [String]$SiteName']) },
  ]);
});
afterAll(() => workspace.remove());

const lintAt = (path: string, text: string, files: FileAccess | undefined) =>
  lintFile({ text, filePath: workspace.path(path), rules, settings: settings(), files });

describe('DSC artifact rules: cost', () => {
  it('opens an archive once for every extension, template and rule that uses it', () => {
    const { access, computed } = countingAccess();
    const extension = (name: string) => dscResource({ configuration: { url: artifactUrl('DSC/Web.zip'), script: 'Web.ps1', function: 'Web' } }, undefined, { name });
    const text = dscTemplate([extension('a/dsc'), extension('b/dsc'), extension('c/dsc')]);
    for (const path of ['one.json', 'two.json']) {
      const outcome = lintAt(path, text, access);
      expect(outcome.kind === 'linted' && outcome.result.messages.map((m) => m.messageId)).toEqual(['missingArguments', 'missingArguments', 'missingArguments']);
    }
    // The archive (its scripts are kept with it), and the script beside it that dsc-artifact-stale reads.
    expect(computed.map((key) => key.slice(0, key.lastIndexOf(':', key.lastIndexOf(':') - 1)))).toEqual([
      `dsc-artifacts:archive:${workspace.path('DSC/Web.zip')}`,
      `dsc-artifacts:script:${workspace.path('DSC/Web.ps1')}`,
    ]);
  });

  it('reads nothing for templates whose extensions name no archive, or that have none', () => {
    const { access, read } = countingAccess();
    lintAt('plain.json', template({ resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'x' }] }), access);
    lintAt('no-url.json', dscTemplate([dscResource({ configurationArguments: { RegistrationUrl: 'https://example.org' } })]), access);
    lintAt('elsewhere.json', dscTemplate([dscResource({ configuration: { url: 'https://example.org/Web.zip', script: 'Web.ps1', function: 'Web' } })]), access);
    expect(read).toEqual([]);
  });

  it('without file access (text linted alone) the rules run and say nothing', () => {
    const outcome = lintAt('alone.json', dscTemplate([dscResource({ configuration: { url: artifactUrl('DSC/Missing.zip'), script: 'Web.ps1', function: 'Web' } })]), undefined);
    expect(outcome.kind === 'linted' && outcome.result.messages).toEqual([]);
  });
});
