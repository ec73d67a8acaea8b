/**
 * dsc-configuration-arguments over workspaces: the Configuration an extension calls, read from
 * the script in its archive, against the arguments it passes, instance by instance.
 */
import { join } from 'node:path';
import { applyFixes } from '../../src/engine/fixes';
import { artifactUrl, configurationScript, dscResource, dscTemplate, found, lintWorkspace, spanOf } from '../support/dsc-artifacts';
import { fixtureFiles, type WorkspaceFile } from '../support/workspace';

const RULE = 'dsc-configuration-arguments';
const WEB = configurationScript('Web', [
  '[Parameter(Mandatory)] [String]$SiteName',
  '[Parameter(Mandatory)] [System.Management.Automation.PSCredential]$AdminCreds',
  '[Int]$Port = 80',
]);
const SOURCE = '"Web.ps1" in "DSC/Web.zip"';
const PROTECTED_CREDS = { configurationArguments: { AdminCreds: { userName: 'admin', password: "[parameters('adminPassword')]" } } };
const PASSWORD = { adminPassword: { type: 'securestring' } };

const webConfiguration = (fn = 'Web') => ({ url: artifactUrl('DSC/Web.zip'), script: 'Web.ps1', function: fn });

async function lint(text: string, files: WorkspaceFile[] = [{ path: 'DSC/Web.zip/Web.ps1', content: WEB }]) {
  return (await lintWorkspace([{ path: 'azuredeploy.json', content: text }, ...files], [RULE]))['azuredeploy.json']!;
}

describe('dsc-configuration-arguments: the Configuration', () => {
  it('a function the script does not define is reported at function, with did you mean', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration('Wbe') })]);
    expect((await lint(text)).map(found)).toEqual([
      { messageId: 'unknownConfiguration', message: `${SOURCE} defines no Configuration "Wbe" (did you mean "Web"?).`, ...spanOf(text, '"Wbe"') },
    ]);
  });

  it('a script with no Configuration says so; names compare case-insensitively; the last definition wins', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration('WEB') }), dscResource({ configuration: { ...webConfiguration(), url: artifactUrl('DSC/Tools.zip'), script: 'Tools.ps1' } }, undefined, { name: 'b/dsc' })]);
    const twice = `${configurationScript('Web', ['[String]$Old'])}\n${configurationScript('Web', ['[Parameter(Mandatory)] [String]$New'])}`;
    const messages = await lint(text, [
      { path: 'DSC/Web.zip/Web.ps1', content: twice },
      { path: 'DSC/Tools.zip/Tools.ps1', content: 'function Web { }\n' },
    ]);
    expect(messages.map((m) => m.message)).toEqual([
      `Configuration "Web" (${SOURCE}) has mandatory parameter "New" that no configuration argument supplies.`,
      '"Tools.ps1" in "DSC/Tools.zip" defines no Configuration "Web"; it defines none.',
    ]);
  });

  it('when no archive is there, the script beside where it should be stands in, and the message says so', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration('Wbe') })]);
    const messages = await lint(text, [{ path: 'DSC/Web.ps1', content: WEB }]);
    expect(messages.map((m) => m.message)).toEqual(['"DSC/Web.ps1" (the archive "DSC/Web.zip" is not in the repository) defines no Configuration "Wbe" (did you mean "Web"?).']);
  });
});

describe('dsc-configuration-arguments: argument names', () => {
  it('a name that is no parameter is reported at its key, with did you mean and a rename suggestion', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { SiteNmae: 'contoso' } }, PROTECTED_CREDS)], { parameters: PASSWORD });
    const messages = await lint(text);
    const unknown = messages.find((m) => m.messageId === 'unknownArgument')!;
    expect(found(unknown)).toEqual({
      messageId: 'unknownArgument',
      message: `Configuration "Web" (${SOURCE}) has no parameter "SiteNmae" (did you mean "SiteName"?).`,
      ...spanOf(text, '"SiteNmae"'),
    });
    expect(unknown.fix).toBeUndefined();
    expect(unknown.suggestions?.map((s) => s.desc)).toEqual(['Rename the argument to "SiteName".']);
    const renamed = applyFixes(text, [unknown.suggestions![0]!.fix]).text;
    expect(renamed).toContain('"SiteName": "contoso"');
    expect(await lint(renamed)).toEqual([]);
  });

  it('without a close parameter, the parameters are listed and nothing is suggested', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { SiteName: 'x', Certificate: 'y' } }, PROTECTED_CREDS)], { parameters: PASSWORD });
    const [message] = await lint(text);
    expect(message?.message).toBe(`Configuration "Web" (${SOURCE}) has no parameter "Certificate"; its parameters are "SiteName", "AdminCreds", "Port".`);
    expect(message?.suggestions).toBeUndefined();
  });

  it('names differing only in case, and the parameters every Configuration takes, are fine', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { sitename: 'x', PORT: 8080, DependsOn: '[File]x' } }, { configurationArguments: { ADMINCREDS: {} } })]);
    expect(await lint(text)).toEqual([]);
  });

  it('the 1.x array form: the Name value is reported, and the suggestion renames it', async () => {
    const text = dscTemplate([
      dscResource({
        ModulesUrl: artifactUrl('DSC/Web.zip'),
        ConfigurationFunction: 'Web.ps1\\Web',
        Properties: [
          { Name: 'SiteNam', Value: 'x' },
          { Name: 'AdminCreds', Value: { UserName: 'admin', Password: 'PrivateSettingsRef:AdminPassword' } },
        ],
      }),
    ]);
    const messages = await lint(text);
    expect(messages.map((m) => [m.messageId, m.line, m.column])).toEqual([
      ['missingArguments', spanOf(text, '"Properties"').line, spanOf(text, '"Properties"').column],
      ['unknownArgument', spanOf(text, '"SiteNam"').line, spanOf(text, '"SiteNam"').column],
    ]);
    expect(applyFixes(text, [messages[1]!.suggestions![0]!.fix]).text).toContain('"Name": "SiteName"');
  });
});

describe('dsc-configuration-arguments: mandatory parameters', () => {
  const TWO = configurationScript('Web', ['[Parameter(Mandatory)] [String]$SiteName', '[Parameter(Mandatory = $true)] [String]$Pool = "x"', '[String]$Optional']);

  it('are reported together at configurationArguments, from public and protected arguments together', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { Optional: 'x' } }, { configurationArguments: { Other: 'y' } })]);
    const messages = await lint(text, [{ path: 'DSC/Web.zip/Web.ps1', content: TWO }]);
    expect(messages.filter((m) => m.messageId === 'missingArguments').map(found)).toEqual([
      {
        messageId: 'missingArguments',
        message: `Configuration "Web" (${SOURCE}) has mandatory parameters "SiteName" and "Pool" that no configuration argument supplies.`,
        ...spanOf(text, '"configurationArguments"'),
      },
    ]);
    const supplied = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { SiteName: 'x' } }, { configurationArguments: { pool: 'y' } })]);
    expect(await lint(supplied, [{ path: 'DSC/Web.zip/Web.ps1', content: TWO }])).toEqual([]);
  });

  it('with no arguments at all, are reported at function', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration() })]);
    const messages = await lint(text, [{ path: 'DSC/Web.zip/Web.ps1', content: TWO }]);
    expect(messages.map((m) => [m.messageId, m.line, m.column])).toEqual([['missingArguments', spanOf(text, '"Web"').line, spanOf(text, '"Web"', 0).column]]);
  });

  it('are not reported when some argument names are not known', async () => {
    const unknownObject = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: "[parameters('arguments')]" })], { parameters: { arguments: { type: 'object' } } });
    const expressionKey = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { "[parameters('name')]": 'x' } })], { parameters: { name: { type: 'string' } } });
    expect(await lint(unknownObject, [{ path: 'DSC/Web.zip/Web.ps1', content: TWO }])).toEqual([]);
    expect(await lint(expressionKey, [{ path: 'DSC/Web.zip/Web.ps1', content: TWO }])).toEqual([]);
  });

  it('are read from a UTF-16 script', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(Buffer.from(TWO, 'utf16le'))]);
    const text = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { SiteName: 'x' } })]);
    expect((await lint(text, [{ path: 'DSC/Web.zip/Web.ps1', content: utf16 }])).map((m) => m.message)).toEqual([
      `Configuration "Web" (${SOURCE}) has mandatory parameter "Pool" that no configuration argument supplies.`,
    ]);
  });
});

describe('dsc-configuration-arguments: credentials', () => {
  it('2.x: a PSCredential in public configurationArguments is reported at its key', async () => {
    const text = dscTemplate([dscResource({ configuration: webConfiguration(), configurationArguments: { SiteName: 'x', AdminCreds: { userName: 'a', password: "[parameters('adminPassword')]" } } })], {
      parameters: PASSWORD,
    });
    expect((await lint(text)).map(found)).toEqual([
      {
        messageId: 'publicCredential',
        message:
          'Parameter "AdminCreds" of Configuration "Web" is a PSCredential, but it is passed in public settings, which are stored unencrypted; pass it in protectedSettings.configurationArguments.',
        ...spanOf(text, '"AdminCreds"'),
      },
    ]);
  });

  it('1.x: reported unless the password is a PrivateSettingsRef (any case); a password not known here is not reported', async () => {
    const legacy = (password: string) =>
      dscResource({ ModulesUrl: artifactUrl('DSC/Web.zip'), ConfigurationFunction: 'Web.ps1\\Web', Properties: { SiteName: 'x', AdminCreds: { UserName: 'a', Password: password } } }, undefined, { name: `${password.length}/dsc` });
    const text = dscTemplate([legacy('privateSettingsRef:adminPassword'), legacy("[parameters('adminPassword')]"), legacy('Pa55word!'), legacy("[parameters('plain')]")], {
      parameters: { ...PASSWORD, plain: { type: 'string' } },
    });
    const messages = await lint(text);
    expect(messages.map((m) => [m.messageId, m.line])).toEqual([
      ['legacyPublicCredential', spanOf(text, '"AdminCreds"', 1).line],
      ['legacyPublicCredential', spanOf(text, '"AdminCreds"', 2).line],
    ]);
    expect(messages.map((m) => m.message).join('\n')).not.toContain('Pa55word');
  });
});

describe('dsc-configuration-arguments: instances', () => {
  const SQL = configurationScript('Sql', ['[Parameter(Mandatory)] [String]$InstanceDir']);
  const archives: WorkspaceFile[] = [
    { path: 'DSC/Web.zip/Web.ps1', content: WEB },
    { path: 'DSC/Sql.zip/Sql.ps1', content: SQL },
  ];

  it("a copy loop's arrays are taken element by element: an instance's wrong argument is reported in its element", async () => {
    const text = dscTemplate(
      [
        dscResource(
          {
            configuration: { url: "[variables('urls')[copyIndex()]]", script: "[variables('scripts')[copyIndex()]]", function: "[variables('functions')[copyIndex()]]" },
            configurationArguments: "[variables('arguments')[copyIndex()]]",
          },
          { configurationArguments: "[variables('protected')[copyIndex()]]" },
          { copy: { name: 'loop', count: 2 } },
        ),
      ],
      {
        parameters: PASSWORD,
        variables: {
          urls: [artifactUrl('DSC/Web.zip'), artifactUrl('DSC/Sql.zip')],
          scripts: ['Web.ps1', 'Sql.ps1'],
          functions: ['Web', 'Sql'],
          arguments: [{ SiteName: 'x' }, { InstanceDr: 'D:\\SQL' }],
          protected: [PROTECTED_CREDS.configurationArguments, {}],
        },
      },
    );
    const messages = await lint(text, archives);
    expect(messages.map(found)).toEqual([
      {
        messageId: 'unknownArgument',
        message: 'Configuration "Sql" ("Sql.ps1" in "DSC/Sql.zip") has no parameter "InstanceDr" (did you mean "InstanceDir"?).',
        ...spanOf(text, '"InstanceDr"'),
      },
      {
        messageId: 'missingArguments',
        message: 'Configuration "Sql" ("Sql.ps1" in "DSC/Sql.zip") has mandatory parameter "InstanceDir" that no configuration argument supplies.',
        ...spanOf(text, '"configurationArguments"'),
      },
    ]);
  });

  it('url, script and function under one if() condition go together, branch by branch', async () => {
    const pick = (sql: string, web: string) => `[if(parameters('isSql'), '${sql}', '${web}')]`;
    const text = dscTemplate(
      [
        dscResource(
          {
            configuration: {
              url: "[uri(parameters('_artifactsLocation'), if(parameters('isSql'), 'DSC/Sql.zip', 'DSC/Web.zip'))]",
              script: pick('Sql.ps1', 'Web.ps1'),
              function: pick('Sql', 'Web'),
            },
          },
          PROTECTED_CREDS,
        ),
      ],
      { parameters: { ...PASSWORD, isSql: { type: 'bool' } } },
    );
    // Paired wrongly, Web's arguments would be checked against Sql and the other way round.
    expect((await lint(text, archives)).map((m) => m.message)).toEqual([
      'Configuration "Sql" ("Sql.ps1" in "DSC/Sql.zip") has mandatory parameter "InstanceDir" that no configuration argument supplies.',
      'Configuration "Web" ("Web.ps1" in "DSC/Web.zip") has mandatory parameter "SiteName" that no configuration argument supplies.',
      'Configuration "Sql" ("Sql.ps1" in "DSC/Sql.zip") has no parameter "AdminCreds"; its parameters are "InstanceDir".',
    ]);
  });

  it('values that vary with different conditions are not paired: nothing is said about them', async () => {
    const text = dscTemplate(
      [
        dscResource({
          configuration: {
            url: "[uri(parameters('_artifactsLocation'), if(parameters('a'), 'DSC/Sql.zip', 'DSC/Web.zip'))]",
            script: "[if(parameters('b'), 'Sql.ps1', 'Web.ps1')]",
            function: "[if(parameters('b'), 'Sql', 'Web')]",
          },
        }),
      ],
      { parameters: { a: { type: 'bool' }, b: { type: 'bool' } } },
    );
    expect(await lint(text, archives)).toEqual([]);
  });

  it('every extension of the valid fixture is checked: with its Configurations renamed, each one is reported', async () => {
    const folder = join(__dirname, '..', '..', 'fixtures', RULE, 'valid', 'arguments-match');
    const files = fixtureFiles(folder).map((file) => (file.path.endsWith('.ps1') ? { ...file, content: String(file.content).replace(/^Configuration (\w+)/m, 'Configuration Renamed$1') } : file));
    const messages = (await lintWorkspace(files, [RULE]))['azuredeploy.jsonc']!;
    expect(messages.map((m) => m.message.replace(/; it defines.*$/, ''))).toEqual([
      '"Web.ps1" in "DSC/Web.zip" defines no Configuration "web"',
      '"Web.ps1" in "DSC/Web.zip" defines no Configuration "Web"',
      '"Web.ps1" in "DSC/Web.zip" defines no Configuration "Web"',
      '"Sql.ps1" in "DSC/Sql.zip" defines no Configuration "Sql"',
      '"Sql.ps1" in "DSC/Sql.zip" defines no Configuration "Sql"',
      '"Web.ps1" in "DSC/Web.zip" defines no Configuration "Web"',
    ]);
  });
});
