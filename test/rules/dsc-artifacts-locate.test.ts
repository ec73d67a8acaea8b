/**
 * Where the DSC artifact rules look for the archive a url names (rules/shared/dsc-artifacts/
 * locate.ts). Each workspace puts an archive whose root script has another name where the url
 * should lead: dsc-artifact-archive then reports that script missing from it, which shows that
 * (and which) archive was found; no message shows that none was.
 */
import { configurationScript, dscResource, dscTemplate, lintWorkspace } from '../support/dsc-artifacts';
import type { WorkspaceFile } from '../support/workspace';

const OTHER = configurationScript('Other');

/** A template at `path` with one 2.x extension whose url is `url` (script Web.ps1). */
function templateWith(path: string, url: string, parameters: Record<string, unknown> = {}): WorkspaceFile {
  return { path, content: dscTemplate([dscResource({ configuration: { url, script: 'Web.ps1', function: 'Web' } })], { parameters }) };
}

/** An archive at `path` holding only Other.ps1. */
const archiveAt = (path: string): WorkspaceFile => ({ path: `${path}/Other.ps1`, content: OTHER });

/** The archives the rule found, as its messages name them, by template. */
async function archivesFound(files: WorkspaceFile[], options: { gitWorkingTree?: boolean } = {}): Promise<Record<string, string[]>> {
  const messages = await lintWorkspace(files, ['dsc-artifact-archive'], options);
  return Object.fromEntries(Object.entries(messages).map(([path, list]) => [path, list.map((m) => /^The archive "([^"]+)"/.exec(m.message)?.[1] ?? m.message)]));
}

const NO_DEFAULT = { _artifactsLocation: { type: 'string' } };
const linkedUrl = "[uri(parameters('_artifactsLocation'), 'DSC/Web.zip')]";

describe('a base parameter without a default (a linked template)', () => {
  it("is tried from the template's folder up, nearest first", async () => {
    expect(await archivesFound([templateWith('nested/linked.json', linkedUrl, NO_DEFAULT), archiveAt('nested/DSC/Web.zip'), archiveAt('DSC/Web.zip')])).toEqual({
      'nested/linked.json': ['DSC/Web.zip'],
    });
    expect(await archivesFound([templateWith('nested/linked.json', linkedUrl, NO_DEFAULT), archiveAt('DSC/Web.zip')])).toEqual({ 'nested/linked.json': ['../DSC/Web.zip'] });
  });

  it('goes up to the repository root, and without a repository only to the parent folder', async () => {
    const deep = templateWith('a/b/linked.json', linkedUrl, NO_DEFAULT);
    expect(await archivesFound([deep, archiveAt('DSC/Web.zip'), { path: '.git/config', content: '[core]\n' }])).toEqual({ 'a/b/linked.json': ['../../DSC/Web.zip'] });
    expect(await archivesFound([deep, archiveAt('DSC/Web.zip')], { gitWorkingTree: false })).toEqual({ 'a/b/linked.json': [] });
  });

  it('any parameter will do (assetLocation), through concat and a variable', async () => {
    const url = "[concat(variables('base'), '/DSC/Web.zip')]";
    const files: WorkspaceFile[] = [
      { path: 'linked.json', content: dscTemplate([dscResource({ configuration: { url, script: 'Web.ps1', function: 'Web' } })], { parameters: { assetLocation: { type: 'string' } }, variables: { base: "[parameters('assetLocation')]" } }) },
      archiveAt('DSC/Web.zip'),
    ];
    expect(await archivesFound(files)).toEqual({ 'linked.json': ['DSC/Web.zip'] });
  });
});

describe('_artifactsLocation with a known default URL', () => {
  it("resolves the relative part against the template's folder", async () => {
    const parameters = { _artifactsLocation: { type: 'string', defaultValue: 'https://example.org/staging/' } };
    const url = "[concat(parameters('_artifactsLocation'), '/DSC/Web.zip', parameters('_artifactsLocationSasToken'))]";
    expect(await archivesFound([templateWith('azuredeploy.json', url, parameters), archiveAt('DSC/Web.zip')])).toEqual({ 'azuredeploy.json': ['DSC/Web.zip'] });
  });
});

describe('an absolute raw GitHub URL', () => {
  const remote = (url: string): WorkspaceFile => ({ path: '.git/config', content: `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n` });

  it.each([
    ['https://github.com/Contoso/Templates.git', 'https://raw.githubusercontent.com/contoso/templates/main/dsc/Web.zip'],
    ['git@github.com:Contoso/Templates.git', 'https://github.com/Contoso/Templates/raw/main/dsc/Web.zip'],
    ['ssh://git@github.com/Contoso/Templates', 'https://raw.githubusercontent.com/Contoso/Templates/refs/heads/main/dsc/Web.zip'],
  ])('with the git remote %s, %s is the file at that path of the repository', async (remoteUrl, url) => {
    expect(await archivesFound([templateWith('templates/main.json', url), archiveAt('dsc/Web.zip'), remote(remoteUrl)])).toEqual({ 'templates/main.json': ['../dsc/Web.zip'] });
  });

  it("in a linked worktree, the remote is read from the main repository's config", async () => {
    const files: WorkspaceFile[] = [
      templateWith('wt/templates/main.json', 'https://raw.githubusercontent.com/Contoso/Templates/main/dsc/Web.zip'),
      archiveAt('wt/dsc/Web.zip'),
      { path: 'wt/.git', content: 'gitdir: ../repo/.git/worktrees/wt\n' },
      { path: 'repo/.git/worktrees/wt/commondir', content: '../..\n' },
      { ...remote('https://github.com/Contoso/Templates'), path: 'repo/.git/config' },
    ];
    expect(await archivesFound(files)).toEqual({ 'wt/templates/main.json': ['../dsc/Web.zip'] });
  });

  it("without a matching remote, only when the URL's folder ends in the template's folders", async () => {
    const url = 'https://raw.githubusercontent.com/someone/fork/master/quickstarts/web/DSC/Web.zip';
    expect(await archivesFound([templateWith('quickstarts/web/azuredeploy.json', url), archiveAt('quickstarts/web/DSC/Web.zip')])).toEqual({
      'quickstarts/web/azuredeploy.json': ['DSC/Web.zip'],
    });
    const elsewhere = 'https://raw.githubusercontent.com/someone/fork/master/other/DSC/Web.zip';
    expect(await archivesFound([templateWith('quickstarts/web/azuredeploy.json', elsewhere), archiveAt('quickstarts/web/other/DSC/Web.zip'), remote('https://github.com/me/mine')])).toEqual({
      'quickstarts/web/azuredeploy.json': [],
    });
  });

  it('another host is not followed', async () => {
    const url = 'https://contoso.blob.core.windows.net/web/DSC/Web.zip';
    expect(await archivesFound([templateWith('web/azuredeploy.json', url), archiveAt('web/DSC/Web.zip')])).toEqual({ 'web/azuredeploy.json': [] });
  });
});
