/**
 * The hooks of .pre-commit-hooks.yaml, installed and run by the real pre-commit from the working
 * tree of this repository (see snapshotWorkingTree for why a snapshot commit is needed).
 *
 * Slow by nature: every install of the node hook runs `npm install` (with devDependencies, to
 * build dist/), `npm pack` and `npm install -g` of the tarball, about half a minute. `try-repo`
 * always installs into a store of its own in a temporary directory (PRE_COMMIT_HOME is not used for
 * it), so each try-repo test pays for an install; the tests that use a .pre-commit-config.yaml
 * share one PRE_COMMIT_HOME, and so one install, for the whole file.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { childEnv, git, gitInit, npmRegistryReachable, readText, run, Run, scaleSetTemplate, snapshotWorkingTree, tempDir, textAt, versionOf } from './support';

const preCommitVersion = versionOf('pre-commit');
const gitVersion = versionOf('git');
const missing = [preCommitVersion ? '' : 'pre-commit', gitVersion ? '' : 'git'].filter(Boolean);
const registry = missing.length === 0 && npmRegistryReachable();
if (missing.length > 0) {
  console.warn(
    `SKIPPED test/hooks/pre-commit.test.ts: ${missing.join(' and ')} not found on PATH ` +
      "(install Debian's pre-commit: apt-get install -y pre-commit; .ci/run does this when it can).",
  );
} else if (!registry) {
  console.warn('SKIPPED test/hooks/pre-commit.test.ts: the npm registry does not answer (npm ping), and the node hook installs from it.');
}
const suite = registry ? describe : describe.skip;

const TIMEOUT = 300_000;

/**
 * Five templates with the dsc-vmss-node-name error, one good template, a JSON file that is not a
 * template and a file the hooks' filter leaves out. pre-commit splits more than four files into
 * batches for parallel runs (on a machine with two or more CPUs), so with require_serial missing
 * two armdsc-lint processes would print two summaries.
 */
function mixedFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'templates/good.json': scaleSetTemplate('localhost'),
    'templates/bad.json': scaleSetTemplate('web0'),
    'config.json': '{ "name": "settings of some tool" }\n',
    'README.md': '# templates\n',
    // Ignored by the project's config: skipped without a notice (the hooks pass --no-warn-ignored).
    '.armdsclintrc.json': '{ "ignores": ["vendor/"] }\n',
    'vendor/bad.json': scaleSetTemplate('web9'),
  };
  for (let i = 1; i <= 4; i++) files[`templates/more/bad-${i}.jsonc`] = scaleSetTemplate(`web${i}`);
  return files;
}

suite(`pre-commit hooks (${preCommitVersion})`, () => {
  let base: string;
  let hookRepo: string;
  let rev: string;
  let preCommitHome: string;
  let projects = 0;

  beforeAll(() => {
    base = tempDir('pre-commit');
    hookRepo = join(base, 'armdsc-lint');
    rev = snapshotWorkingTree(hookRepo);
    preCommitHome = join(base, 'pre-commit-home');
  }, TIMEOUT);

  afterAll(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  /** A new git repository holding `files`, all staged (pre-commit's --all-files takes the index). */
  function project(files: Record<string, string>): string {
    const dir = gitInit(join(base, `project-${++projects}`));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(['add', '-A'], dir);
    return dir;
  }

  function preCommit(args: string[], cwd: string): Run {
    return run('pre-commit', [...args, '--color', 'never'], cwd, childEnv({ PRE_COMMIT_HOME: preCommitHome }));
  }

  function withConfig(files: Record<string, string>): string {
    const config = ['repos:', `  - repo: ${hookRepo}`, `    rev: ${rev}`, '    hooks:', '      - id: armdsc-lint', '      - id: armdsc-lint-fix', ''].join('\n');
    return project({ ...files, '.pre-commit-config.yaml': config });
  }

  it(
    'try-repo armdsc-lint --all-files: installs, fails on the bad templates with rule id and line:col, in one run',
    () => {
      const files = mixedFiles();
      const dir = project(files);
      const result = preCommit(['try-repo', hookRepo, 'armdsc-lint', '--all-files'], dir);

      expect(result.output).toMatch(/^armdsc-lint\.+Failed$/m);
      expect(result.output).toContain('- hook id: armdsc-lint\n- exit code: 1\n');
      expect(textAt(files['templates/bad.json'] ?? '', 25, 61, 6)).toBe('"web0"');
      expect(result.output).toMatch(
        /^templates\/bad\.json\n {2}25:61 {2}error {2}Scale set DSC nodeName is "web0"; .* {2}dsc-vmss-node-name$/m,
      );
      for (let i = 1; i <= 4; i++) expect(result.output).toMatch(new RegExp(`^templates/more/bad-${i}\\.jsonc\\n {2}25:61 {2}error {2}.*"web${i}"`, 'm'));
      expect(result.output).not.toMatch(/^templates\/good\.json$/m);
      // One armdsc-lint process for all files (require_serial): one summary, counting all five.
      expect(result.output.match(/✖ \d+ problems?/g)).toEqual(['✖ 5 problems']);
      // Non-template JSON is passed by the filter and skipped by the linter with a notice.
      expect(result.output).toContain('armdsc-lint: skipped config.json: not a deployment template');
      expect(result.output).not.toContain('vendor/bad.json');
      expect(result.status).toBe(1);
      expect(readText(join(dir, 'templates/bad.json'))).toBe(files['templates/bad.json']);
    },
    TIMEOUT,
  );

  it(
    'try-repo armdsc-lint-fix --all-files: rewrites the bad templates and fails with "files were modified"',
    () => {
      const files = mixedFiles();
      const dir = project(files);
      const result = preCommit(['try-repo', hookRepo, 'armdsc-lint-fix', '--all-files'], dir);

      expect(result.output).toMatch(/^armdsc-lint \(fix\)\.+Failed$/m);
      expect(result.output).toContain('- hook id: armdsc-lint-fix\n- files were modified by this hook\n');
      expect(result.status).toBe(1);
      expect(readText(join(dir, 'templates/bad.json'))).toBe(scaleSetTemplate('localhost'));
      for (let i = 1; i <= 4; i++) expect(readText(join(dir, `templates/more/bad-${i}.jsonc`))).toBe(scaleSetTemplate('localhost'));
      expect(readText(join(dir, 'templates/good.json'))).toBe(files['templates/good.json']);
      expect(readText(join(dir, 'config.json'))).toBe(files['config.json']);
      // Everything was fixable, so nothing is left to report.
      expect(result.output).not.toContain('dsc-vmss-node-name');
    },
    TIMEOUT,
  );

  it(
    'from a .pre-commit-config.yaml: both hooks pass when only the good template is there',
    () => {
      const good = scaleSetTemplate('localhost');
      const dir = withConfig({ 'templates/good.json': good, 'config.json': '{ "name": "x" }\n' });
      const result = preCommit(['run', '--all-files'], dir);

      expect(result.output).toMatch(/^armdsc-lint\.+Passed$/m);
      expect(result.output).toMatch(/^armdsc-lint \(fix\)\.+Passed$/m);
      expect(result.status).toBe(0);
      expect(readText(join(dir, 'templates/good.json'))).toBe(good);
    },
    TIMEOUT,
  );

  it(
    'from a .pre-commit-config.yaml: after armdsc-lint-fix has rewritten a file, the hooks pass, with the environment reused',
    () => {
      const dir = withConfig({ 'templates/bad.json': scaleSetTemplate('web0') });

      const fix = preCommit(['run', 'armdsc-lint-fix', '--all-files'], dir);
      expect(fix.output).toContain('- files were modified by this hook');
      expect(fix.status).toBe(1);
      expect(readText(join(dir, 'templates/bad.json'))).toBe(scaleSetTemplate('localhost'));

      git(['add', '-A'], dir);
      const again = preCommit(['run', '--all-files'], dir);
      expect(again.output).toMatch(/^armdsc-lint\.+Passed$/m);
      expect(again.output).toMatch(/^armdsc-lint \(fix\)\.+Passed$/m);
      expect(again.output).not.toContain('Installing environment');
      expect(again.status).toBe(0);
    },
    TIMEOUT,
  );
});
