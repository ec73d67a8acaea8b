/**
 * The husky + lint-staged setup of docs/git-hooks.md, as a user gets it: armdsc-lint installed
 * from a tarball that `npm pack` makes of this working tree, lint-staged and husky from the npm
 * registry (pinned), the hook and the lint-staged config taken from the docs page itself, and real
 * `git commit`s. One install serves all the tests, which run in order on one repository.
 */
import { rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codeBlockAfter,
  git,
  gitInit,
  misplacedProfileTemplate,
  npmRegistryReachable,
  readText,
  repoRoot,
  run,
  runOk,
  scaleSetTemplate,
  snapshotWorkingTree,
  tempDir,
  textAt,
  versionOf,
} from './support';

const LINT_STAGED = 'lint-staged@16.4.0'; // 16.x runs on Node 20.17+; 17.x needs Node 22
const HUSKY = 'husky@9.1.7';
const TIMEOUT = 300_000;

const docs = readText(join(repoRoot, 'docs', 'git-hooks.md'));
const hookScript = codeBlockAfter(docs, 'Replace the content of `.husky/pre-commit`');
const lintStagedConfig = codeBlockAfter(docs, 'configure lint-staged in `.lintstagedrc.json`');

const gitVersion = versionOf('git');
const registry = gitVersion !== undefined && npmRegistryReachable();
if (!gitVersion) console.warn('SKIPPED test/hooks/lint-staged.test.ts: git not found on PATH.');
else if (!registry) console.warn('SKIPPED test/hooks/lint-staged.test.ts: the npm registry does not answer (npm ping), and the test installs husky and lint-staged from it.');
const suite = registry ? describe : describe.skip;

suite('husky + lint-staged, as docs/git-hooks.md shows', () => {
  let base: string;
  let project: string;
  let packStdout: string;

  const commits = (): number => Number(git(['rev-list', '--count', 'HEAD'], project).trim());
  const commit = (message: string) => run('git', ['commit', '-m', message], project);

  beforeAll(() => {
    base = tempDir('lint-staged');
    // Pack a copy of the working tree, so that the build `npm pack` runs does not rewrite this
    // repository's dist/ under other tests; the copy borrows this repository's node_modules.
    const source = join(base, 'armdsc-lint');
    snapshotWorkingTree(source);
    symlinkSync(join(repoRoot, 'node_modules'), join(source, 'node_modules'), 'dir');
    packStdout = runOk('npm', ['pack', '--pack-destination', base], source).stdout;

    project = gitInit(join(base, 'project'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'templates', version: '1.0.0', private: true }, null, 2) + '\n');
    writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
    runOk('npm', ['install', '--save-dev', '--no-audit', '--no-fund', join(base, packStdout.trim()), LINT_STAGED, HUSKY], project);
    runOk('npx', ['--no', 'husky', 'init'], project);
    writeFileSync(join(project, '.husky', 'pre-commit'), hookScript);
    writeFileSync(join(project, '.lintstagedrc.json'), lintStagedConfig);
    git(['add', '-A'], project);
    git(['commit', '-q', '--no-verify', '-m', 'scaffold'], project);
  }, TIMEOUT);

  afterAll(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('npm pack prints only the tarball name on stdout (what tools that install from a pack read)', () => {
    expect(packStdout).toMatch(/^armdsc-lint-\d+\.\d+\.\d+\.tgz\n$/);
  });

  it('the docs give the lint-staged config and hook that were used, and husky init wired the hook', () => {
    expect(JSON.parse(lintStagedConfig)).toEqual({ '*.{json,jsonc}': 'armdsc-lint --fix --no-warn-ignored' });
    expect(hookScript.trim()).toBe('npx lint-staged');
    expect(git(['config', 'core.hooksPath'], project).trim()).toBe('.husky/_');
    expect(JSON.parse(readText(join(project, 'package.json'))).scripts).toEqual({ prepare: 'husky' });
  });

  it('a good template: lint-staged passes and the commit is made', () => {
    writeFileSync(join(project, 'good.json'), scaleSetTemplate('localhost'));
    git(['add', 'good.json'], project);
    const lint = run('npx', ['lint-staged'], project);
    expect(lint.output).not.toContain('problem');
    expect(lint.status).toBe(0);

    const before = commits();
    const result = commit('good template');
    expect(result.status).toBe(0);
    expect(commits()).toBe(before + 1);
  }, TIMEOUT);

  it('an error --fix cannot fix: lint-staged fails with file, line:col and rule id; the commit is refused and the file kept', () => {
    expect(textAt(misplacedProfileTemplate, 12, 9, 18)).toBe('"extensionProfile"');
    writeFileSync(join(project, 'broken.json'), misplacedProfileTemplate);
    git(['add', 'broken.json'], project);
    const finding = /^broken\.json\n {2}12:9 {2}error {2}.* {2}dsc-extension-placement$/m;

    const lint = run('npx', ['lint-staged'], project);
    expect(lint.output).toMatch(finding);
    expect(lint.status).toBe(1);

    const before = commits();
    const result = commit('broken template');
    expect(result.output).toMatch(finding);
    expect(result.status).not.toBe(0);
    expect(commits()).toBe(before);
    expect(readText(join(project, 'broken.json'))).toBe(misplacedProfileTemplate);
    expect(git(['diff', '--cached', '--name-only'], project).trim()).toBe('broken.json');

    git(['rm', '-q', '--cached', 'broken.json'], project);
    unlinkSync(join(project, 'broken.json'));
  }, TIMEOUT);

  it('a fixable error: the commit is made with the fixed file', () => {
    writeFileSync(join(project, 'web.json'), scaleSetTemplate('web0'));
    git(['add', 'web.json'], project);

    const before = commits();
    const result = commit('scale set template');
    expect(result.status).toBe(0);
    expect(commits()).toBe(before + 1);
    expect(git(['show', 'HEAD:web.json'], project)).toBe(scaleSetTemplate('localhost'));
    expect(readText(join(project, 'web.json'))).toBe(scaleSetTemplate('localhost'));
  }, TIMEOUT);
});
