/**
 * dsc-artifact-stale over workspaces: the script beside an archive against the archived copy,
 * compared after decoding and with line ends normalised; which is newer, by modification time.
 */
import { join } from 'node:path';
import { SAME_TIME_MS } from '../../rules/dsc-artifact-stale';
import { artifactUrl, configurationScript, dscResource, dscTemplate, found, lintWorkspace, spanOf } from '../support/dsc-artifacts';
import { fixtureFiles, WORKSPACE_TIME_MS, type WorkspaceFile } from '../support/workspace';

const RULE = 'dsc-artifact-stale';
const ARCHIVED = configurationScript('Web', ['[String]$SiteName']);
const CHANGED = configurationScript('Web', ['[String]$SiteName', '[Int]$Port = 80']);
const TEXT = dscTemplate([dscResource({ configuration: { url: artifactUrl('DSC/Web.zip'), script: 'Web.ps1', function: 'Web' } })]);
const URL_SPAN = spanOf(TEXT, `"${artifactUrl('DSC/Web.zip')}"`);

async function lint(files: WorkspaceFile[], text = TEXT) {
  return (await lintWorkspace([{ path: 'azuredeploy.json', content: text }, ...files], [RULE]))['azuredeploy.json']!;
}

const utf16le = (text: string): Uint8Array => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
const withBom = (text: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);

describe('dsc-artifact-stale', () => {
  it.each([
    ['scriptNewer', SAME_TIME_MS, '"DSC/Web.ps1" is newer than "DSC/Web.zip" and differs from the copy inside it: the archive was not rebuilt after the script changed.'],
    ['archiveNewer', -SAME_TIME_MS, '"DSC/Web.ps1" differs from the copy inside "DSC/Web.zip", and the archive is newer: the script beside it is out of date, or the archive was built from another copy.'],
    ['differs', SAME_TIME_MS - 1, '"DSC/Web.ps1" differs from the copy inside "DSC/Web.zip": one of them was changed without the other.'],
  ])('%s: the script beside the archive %d ms after it', async (messageId, offset, message) => {
    const messages = await lint([
      { path: 'DSC/Web.zip/Web.ps1', content: ARCHIVED },
      { path: 'DSC/Web.ps1', content: CHANGED, mtimeMs: WORKSPACE_TIME_MS + offset },
    ]);
    expect(messages.map(found)).toEqual([{ messageId, message, ...URL_SPAN }]);
  });

  it.each([
    ['CRLF line ends', ARCHIVED.replace(/\n/g, '\r\n')],
    ['a UTF-8 BOM', withBom(ARCHIVED)],
    ['UTF-16LE with a BOM', utf16le(ARCHIVED.replace(/\n/g, '\r\n'))],
  ])('a copy that differs only by %s is the same script', async (_, sibling) => {
    expect(await lint([{ path: 'DSC/Web.zip/Web.ps1', content: ARCHIVED }, { path: 'DSC/Web.ps1', content: sibling }])).toEqual([]);
  });

  it("the script beside is the one named by script, whatever the archive's name; 1.x too", async () => {
    const text = dscTemplate([
      dscResource({ configuration: { url: artifactUrl('DSC/WebConfig.zip'), script: 'Web.ps1', function: 'Web' } }),
      dscResource({ ModulesUrl: artifactUrl('DSC/WebConfig.zip'), ConfigurationFunction: 'Web.ps1\\Web' }, undefined, { name: 'b/dsc' }),
    ]);
    const messages = await lint(
      [
        { path: 'DSC/WebConfig.zip/Web.ps1', content: ARCHIVED },
        { path: 'DSC/Web.ps1', content: CHANGED },
        { path: 'DSC/WebConfig.ps1', content: ARCHIVED },
      ],
      text,
    );
    expect(messages.map((m) => [m.messageId, m.line])).toEqual([
      ['differs', spanOf(text, `"${artifactUrl('DSC/WebConfig.zip')}"`, 0).line],
      ['differs', spanOf(text, `"${artifactUrl('DSC/WebConfig.zip')}"`, 1).line],
    ]);
  });

  it('nothing is said without a script beside the archive, without the archive, or when the archive lacks the script', async () => {
    expect(await lint([{ path: 'DSC/Web.zip/Web.ps1', content: ARCHIVED }])).toEqual([]);
    expect(await lint([{ path: 'DSC/Web.ps1', content: CHANGED }])).toEqual([]);
    expect(await lint([{ path: 'DSC/Web.zip/Other.ps1', content: ARCHIVED }, { path: 'DSC/Web.ps1', content: CHANGED }])).toEqual([]);
  });

  it("the real bootstorm case, with the script's time an hour after the archive's, is reported as newer", async () => {
    const folder = join(__dirname, '..', '..', 'fixtures', RULE, 'invalid', 'real-case');
    const files = fixtureFiles(folder).map((file) => (file.path.endsWith('VMBootAll.ps1') ? { ...file, mtimeMs: WORKSPACE_TIME_MS + 3_600_000 } : file));
    const messages = (await lintWorkspace(files, [RULE]))['bootstorm-vm-boot-time/azuredeploy.json']!;
    expect(messages.map((m) => [m.messageId, m.message, m.line])).toEqual([
      ['scriptNewer', '"VMBootAll.ps1" is newer than "VMBootAll.zip" and differs from the copy inside it: the archive was not rebuilt after the script changed.', 337],
    ]);
  });
});
