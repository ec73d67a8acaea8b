/**
 * dsc-artifact-archive over workspaces laid out in a temporary folder: where the archive a url
 * names is looked for, what is reported (missing, not a zip, script not at the root) and where.
 */
import { MAX_ENTRY_BYTES } from '../../src/artifacts';
import { deflatedEntry, buildZip, zeroBombStream, zeroBombSize } from '../artifacts/zip-builder';
import { artifactUrl, configurationScript, dscResource, dscTemplate, found, lintWorkspace, spanOf } from '../support/dsc-artifacts';
import { lintWithRule } from '../support/lint';

const RULE = 'dsc-artifact-archive';
const WEB = configurationScript('Web');

const configuration = (url: string, script = 'Web.ps1', fn = 'Web') => ({ configuration: { url, script, function: fn } });
const lint = (files: Array<{ path: string; content: string | Uint8Array; mtimeMs?: number }>) => lintWorkspace(files, [RULE]);
const missing = (archive: string, base = "parameters('_artifactsLocation')") =>
  `The configuration archive "${archive}" is missing: the url names it relative to ${base}, which is where this template itself is deployed from, and there is no such file.`;

describe('dsc-artifact-archive: a missing archive', () => {
  it('is reported at the url when the base is the deployment link, with a SAS token known only at deployment left out of the path', async () => {
    const url = "[uri(parameters('_artifactsLocation'), concat('DSC/Web.zip', parameters('_artifactsLocationSasToken')))]";
    const text = dscTemplate([dscResource(configuration(url))], { parameters: { _artifactsLocationSasToken: { type: 'securestring' } } });
    const messages = await lint([{ path: 'azuredeploy.json', content: text }]);
    expect(messages['azuredeploy.json']!.map(found)).toEqual([{ messageId: 'missing', message: missing('DSC/Web.zip'), ...spanOf(text, `"${url}"`) }]);
  });

  it('names the variable the base came through', async () => {
    const text = dscTemplate([dscResource({ ModulesUrl: "[concat(variables('base'), '/DSC/Legacy.zip')]", ConfigurationFunction: 'Legacy.ps1\\Legacy' })], {
      variables: { base: '[deployment().properties.templateLink.uri]' },
    });
    const [message] = (await lint([{ path: 'azuredeploy.json', content: text }]))['azuredeploy.json']!;
    expect(message?.message).toBe(missing('DSC/Legacy.zip', "variables('base')"));
  });

  it('is not reported outside a git working tree: a folder copied or exported alone may lack what its repository has', async () => {
    const text = dscTemplate([dscResource(configuration(artifactUrl('DSC/Web.zip')))]);
    const inCheckout = await lintWorkspace([{ path: 'azuredeploy.json', content: text }], [RULE]);
    const alone = await lintWorkspace([{ path: 'azuredeploy.json', content: text }], [RULE], { gitWorkingTree: false });
    expect(inCheckout['azuredeploy.json']!.map((m) => m.messageId)).toEqual(['missing']);
    expect(alone['azuredeploy.json']).toEqual([]);
  });

  it('is not reported when the template is linted as text alone: nothing is read', () => {
    const text = dscTemplate([dscResource(configuration(artifactUrl('DSC/Web.zip')))]);
    expect(lintWithRule(RULE, text).messages).toEqual([]);
  });

  it('is never reported for a base that the parent passes (no default), nor for a GitHub URL', async () => {
    const text = dscTemplate(
      [
        dscResource(configuration("[uri(parameters('assetLocation'), 'DSC/Web.zip')]")),
        dscResource(configuration('https://raw.githubusercontent.com/owner/repo/master/linked/DSC/Web.zip')),
        dscResource(configuration(artifactUrl('DSC/Other.zip')), undefined, { name: 'other/dsc' }),
      ],
      { parameters: { assetLocation: { type: 'string' }, _artifactsLocation: { type: 'string' } } },
    );
    expect(await lint([{ path: 'linked/azuredeploy.json', content: text }])).toEqual({ 'linked/azuredeploy.json': [] });
  });

  it('a url with an unknown relative part, or a base that is no parameter (reference()), is not looked for', async () => {
    const text = dscTemplate(
      [
        dscResource(configuration("[uri(parameters('_artifactsLocation'), concat('DSC/', parameters('name'), '.zip'))]")),
        dscResource(configuration("[concat(reference('storage').primaryEndpoints.blob, 'dsc/Web.zip')]")),
      ],
      { parameters: { name: { type: 'string' } } },
    );
    expect(await lint([{ path: 'azuredeploy.json', content: text }])).toEqual({ 'azuredeploy.json': [] });
  });

  it('each if() alternative is looked for: only the missing one is reported', async () => {
    const url = "[uri(parameters('_artifactsLocation'), if(parameters('sql'), 'DSC/Sql.zip', 'DSC/Web.zip'))]";
    const text = dscTemplate([dscResource({ configuration: { url, script: "[if(parameters('sql'), 'Sql.ps1', 'Web.ps1')]", function: 'Web' } })], {
      parameters: { sql: { type: 'bool' } },
    });
    const messages = await lint([
      { path: 'azuredeploy.json', content: text },
      { path: 'DSC/Web.zip/Web.ps1', content: WEB },
    ]);
    expect(messages['azuredeploy.json']!.map((m) => m.message)).toEqual([missing('DSC/Sql.zip')]);
  });

  it('a url in a variable shared by two extensions is reported at the url of each extension', async () => {
    const text = dscTemplate([dscResource(configuration("[variables('url')]")), dscResource(configuration("[variables('url')]"), undefined, { name: 'app/dsc' })], {
      variables: { url: artifactUrl('DSC/Web.zip') },
    });
    const messages = (await lint([{ path: 'azuredeploy.json', content: text }]))['azuredeploy.json']!;
    expect(messages.map((m) => [m.messageId, m.line])).toEqual([
      ['missing', spanOf(text, `"[variables('url')]"`, 0).line],
      ['missing', spanOf(text, `"[variables('url')]"`, 1).line],
    ]);
  });
});

describe('dsc-artifact-archive: an archive that is not a readable zip', () => {
  const text = dscTemplate([dscResource(configuration(artifactUrl('DSC/Web.zip')))]);
  const urlSpan = spanOf(text, `"${artifactUrl('DSC/Web.zip')}"`);

  it('a truncated zip is reported at the url', async () => {
    const zip = buildZip([deflatedEntry('Web.ps1', WEB)]);
    const messages = await lint([{ path: 'azuredeploy.json', content: text }, { path: 'DSC/Web.zip', content: zip.subarray(0, zip.length - 10) }]);
    expect(messages['azuredeploy.json']!.map(found)).toEqual([
      { messageId: 'notZip', message: 'The configuration archive "DSC/Web.zip" is not a readable zip file: no end-of-central-directory record (not a zip file, or truncated).', ...urlSpan },
    ]);
  });

  it('a script entry that inflates past its declared size (a bomb) is reported at script, quickly', async () => {
    const bomb = deflatedEntry('Web.ps1', new Uint8Array(0), { data: zeroBombStream(20_000), uncompressedSize: 100 });
    const started = Date.now();
    const messages = await lint([{ path: 'azuredeploy.json', content: text }, { path: 'DSC/Web.zip', content: buildZip([bomb]) }]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(zeroBombSize(20_000)).toBeGreaterThan(40_000_000);
    expect(messages['azuredeploy.json']!.map(found)).toEqual([
      {
        messageId: 'scriptUnreadable',
        message: '"Web.ps1" in the archive "DSC/Web.zip" cannot be read: "Web.ps1" inflates past its declared 100 bytes.',
        ...spanOf(text, '"Web.ps1"'),
      },
    ]);
  });

  it('a script entry past the size read is skipped, not reported', async () => {
    const huge = deflatedEntry('Web.ps1', new Uint8Array(0), { data: zeroBombStream(10), uncompressedSize: MAX_ENTRY_BYTES + 1 });
    expect(await lint([{ path: 'azuredeploy.json', content: text }, { path: 'DSC/Web.zip', content: buildZip([huge]) }])).toEqual({ 'azuredeploy.json': [] });
  });
});

describe('dsc-artifact-archive: the script at the root of the archive', () => {
  const scriptAt = (text: string) => spanOf(text, '"Web.ps1"');

  it('entries under a folder (backslash names) are reported at script, naming where they are', async () => {
    const text = dscTemplate([dscResource(configuration(artifactUrl('DSC/Web.zip')))]);
    const messages = await lint([{ path: 'azuredeploy.json', content: text }, { path: 'DSC/Web.zip/Config\\Web.ps1', content: WEB }]);
    expect(messages['azuredeploy.json']!.map(found)).toEqual([
      {
        messageId: 'scriptInFolder',
        message: 'The archive "DSC/Web.zip" has "Web.ps1" only under a folder ("Config/Web.ps1"); the DSC extension runs the script at the root of the archive.',
        ...scriptAt(text),
      },
    ]);
  });

  it('a different name: did you mean, or the root scripts, or none', async () => {
    const text = dscTemplate([
      dscResource(configuration(artifactUrl('DSC/A.zip'))),
      dscResource(configuration(artifactUrl('DSC/B.zip')), undefined, { name: 'b/dsc' }),
      dscResource(configuration(artifactUrl('DSC/C.zip')), undefined, { name: 'c/dsc' }),
    ]);
    const messages = await lint([
      { path: 'azuredeploy.json', content: text },
      { path: 'DSC/A.zip/Webb.ps1', content: WEB },
      { path: 'DSC/B.zip/Site.ps1', content: WEB },
      { path: 'DSC/B.zip/Helpers.ps1', content: '' },
      { path: 'DSC/C.zip/readme.txt', content: '' },
    ]);
    expect(messages['azuredeploy.json']!.map((m) => [m.message, m.line])).toEqual([
      ['The archive "DSC/A.zip" has no "Web.ps1" at its root (did you mean "Webb.ps1"?).', scriptAt(text).line],
      ['The archive "DSC/B.zip" has no "Web.ps1" at its root; its root scripts are "Site.ps1", "Helpers.ps1".', spanOf(text, '"Web.ps1"', 1).line],
      ['The archive "DSC/C.zip" has no "Web.ps1" at its root; it has no script at its root.', spanOf(text, '"Web.ps1"', 2).line],
    ]);
  });

  it('1.x: the script is the part of ConfigurationFunction before the backslash, reported on it', async () => {
    const text = dscTemplate([dscResource({ ModulesUrl: artifactUrl('DSC/Web.zip'), ConfigurationFunction: 'Site.ps1\\Web' })]);
    const messages = await lint([{ path: 'azuredeploy.json', content: text }, { path: 'DSC/Web.zip/Web.ps1', content: WEB }]);
    expect(messages['azuredeploy.json']!.map(found)).toEqual([
      { messageId: 'scriptMissing', message: 'The archive "DSC/Web.zip" has no "Site.ps1" at its root; its root scripts are "Web.ps1".', ...spanOf(text, '"Site.ps1\\\\Web"') },
    ]);
  });

  it('a root script of another case, and module folders beside it, are fine', async () => {
    const text = dscTemplate([dscResource(configuration(artifactUrl('DSC/Web.zip')))]);
    const messages = await lint([
      { path: 'azuredeploy.json', content: text },
      { path: 'DSC/Web.zip/WEB.PS1', content: WEB },
      { path: 'DSC/Web.zip/xWebAdministration/xWebAdministration.psd1', content: '@{}' },
    ]);
    expect(messages).toEqual({ 'azuredeploy.json': [] });
  });
});
