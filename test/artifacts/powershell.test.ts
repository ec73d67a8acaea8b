import { maskPowerShell, scanConfigurations, type ConfigurationDeclaration, type ConfigurationParameter } from '../../src/artifacts/powershell';
import { checkRandomTextProperties, checkSpliceProperties } from './scanner-properties';

/** name, mandatory, type, credential, default: one compact line per parameter. */
type ParameterSummary = [name: string, flags: string, type: string | undefined];

function summary(parameter: ConfigurationParameter): ParameterSummary {
  const flags = [parameter.mandatory ? 'mandatory' : '', parameter.isCredential ? 'credential' : '', parameter.hasDefault ? 'default' : ''].filter(Boolean).join(' ');
  return [parameter.name, flags, parameter.type];
}

function only(script: string): ConfigurationDeclaration {
  const found = scanConfigurations(script);
  if (found.length !== 1) throw new Error(`expected one configuration, found ${found.length}`);
  return found[0]!;
}

const paramsOf = (script: string): ParameterSummary[] | undefined => only(script).params?.map(summary);

describe('maskPowerShell', () => {
  it('blanks comments, string contents and escapes, keeping delimiters, line breaks and length', () => {
    const script = [
      "$a = 'it''s { here' # note {",
      '$b = "say ""hi"" `" $(Get-Date -f "yyyy)") {"',
      '<# block',
      '{ #>$c = `{',
    ].join('\r\n');
    const masked = maskPowerShell(script);
    expect(masked.split('\r\n')).toEqual([
      "$a = '            '         ",
      '$b = "                                      "',
      '        ',
      '    $c =   ',
    ]);
  });

  it('masks here-strings up to a terminator at the start of a line only', () => {
    const script = ["$x = @'", "text '@ not the end", "'@", '$y = @"', 'a $( "@" ) b', ' "@ not the end', '"@', '{'].join('\n');
    expect(maskPowerShell(script).split('\n')).toEqual(["$x = @'", '                   ', "'@", '$y = @"', '            ', '               ', '"@', '{']);
  });

  it('treats @" followed by text on its line as an ordinary string, not a here-string', () => {
    expect(maskPowerShell('@"a"\n{')).toBe('@" "\n{');
  });

  it('keeps # inside a word (a#b) but not after a blank or bracket', () => {
    expect(maskPowerShell('a#b c #d\n(#e\n')).toBe('a#b c   \n(  \n');
  });

  it('treats typographic quotes as quotes', () => {
    expect(maskPowerShell('$a = ‘x{’; $b = “y}”')).toBe('$a = ‘  ’; $b = “  ”');
  });

  it('blanks the name inside ${...} but keeps its braces', () => {
    expect(maskPowerShell('${env:ProgramFiles(x86)} {')).toBe('${                     } {');
  });

  it('runs an unterminated string or comment to the end of the text', () => {
    expect(maskPowerShell("'open {\n}")).toBe("'      \n ");
    expect(maskPowerShell('"open $(\n}')).toBe('"       \n ');
    expect(maskPowerShell('<# open {')).toBe('         ');
  });
});

describe('scanConfigurations: declarations', () => {
  it('reads the name, its offset and the body range', () => {
    const script = 'Configuration Web {\n  Node localhost { }\n}\n# after';
    expect(scanConfigurations(script)).toEqual([{ name: 'Web', nameOffset: 14, params: undefined, bodyStart: 18, bodyEnd: 42 }]);
  });

  it('accepts any case of the keyword and `{` on a later line, after comments', () => {
    const script = 'CONFIGURATION Web  # the web tier\r\n\r\n{\r\n}';
    expect(only(script)).toMatchObject({ name: 'Web', bodyStart: 37, bodyEnd: 41 });
  });

  it('reads a quoted name', () => {
    expect(only("configuration 'Web-Server' { }")).toMatchObject({ name: 'Web-Server', nameOffset: 15 });
  });

  it('finds several configurations, nested ones and those inside other blocks', () => {
    const script = ['configuration First { configuration Inner { } }', 'if ($true) {', '  configuration Second', '  {', '  }', '}'].join('\n');
    expect(scanConfigurations(script).map((declaration) => declaration.name)).toEqual(['First', 'Inner', 'Second']);
  });

  it('ignores the word in comments, strings, here-strings and inside other words', () => {
    const script = [
      '# configuration InComment { }',
      '<# configuration InBlock {',
      '   param([string]$x) } #>',
      "$s = 'configuration InString { }'",
      '$h = @"',
      'configuration InHereString { }',
      '"@',
      'Get-DscConfiguration { }',
      '$configuration { }',
      'LocalConfigurationManager { }',
      'configuration Real { }',
    ].join('\n');
    expect(scanConfigurations(script).map((declaration) => declaration.name)).toEqual(['Real']);
  });

  it('needs a name and then `{`', () => {
    expect(scanConfigurations('configuration { }\nconfiguration Name (x) { }\nconfiguration = 1\nconfiguration\n')).toEqual([]);
  });

  it('runs an unclosed body to the end of the text', () => {
    const script = 'configuration Open {\n  param($a)\n  Node x {';
    expect(only(script)).toMatchObject({ bodyStart: 19, bodyEnd: script.length, params: [expect.objectContaining({ name: 'a' })] });
  });

  it('is not misled by a stray closer of another kind inside the body', () => {
    const script = 'configuration A { param($x) ) }\nconfiguration B { }';
    expect(scanConfigurations(script).map(({ name, bodyEnd }) => [name, bodyEnd])).toEqual([
      ['A', 31],
      ['B', script.length],
    ]);
  });
});

describe('scanConfigurations: param blocks', () => {
  it('reads the declaration style of the real CreateADPDC scripts', () => {
    const script = [
      'configuration CreateADPDC',
      '{',
      '   param',
      '   (',
      '        [Parameter(Mandatory)]',
      '        [String]$DomainName,',
      '',
      '        [Parameter(Mandatory)]',
      '        [System.Management.Automation.PSCredential]$Admincreds,',
      '',
      '        [Int]$RetryCount=20,',
      '        [Int]$RetryIntervalSec=30',
      '    )',
      '    Node localhost { }',
      '}',
    ].join('\r\n');
    expect(paramsOf(script)).toEqual([
      ['DomainName', 'mandatory', 'String'],
      ['Admincreds', 'mandatory credential', 'System.Management.Automation.PSCredential'],
      ['RetryCount', 'default', 'Int'],
      ['RetryIntervalSec', 'default', 'Int'],
    ]);
  });

  it('gives each name its offset in the script', () => {
    const script = 'configuration C { param([string]$First, $Second) }';
    expect(only(script).params?.map((parameter) => [parameter.name, parameter.nameOffset, script.slice(parameter.nameOffset, parameter.nameOffset + parameter.name.length)])).toEqual([
      ['First', 33, 'First'],
      ['Second', 41, 'Second'],
    ]);
  });

  it('reads every spelling of Mandatory', () => {
    const script = `configuration C { param(
      [Parameter(Mandatory)] $Bare,
      [Parameter(Mandatory=$true)] $True1,
      [Parameter(Mandatory = $True)] $True2,
      [parameter(mandatory)] $Lower,
      [Parameter(Mandatory=$false)] $False1,
      [Parameter( Mandatory = $False )] $False2,
      [Parameter(Mandatory = 1)] $One,
      [Parameter(Mandatory = 0)] $Zero,
      [Parameter()] $Empty,
      [Parameter(Position = 0, Mandatory, ValueFromPipeline)] $Among,
      [System.Management.Automation.Parameter(Mandatory)] $Namespaced,
      [ParameterAttribute(Mandatory)] $Suffixed,
      [Parameter(ParameterSetName = 'A')] [Parameter(ParameterSetName = 'B', Mandatory)] $InOneSet,
      [Parameter(Mandatory)] [string] $WithDefault = 'x',
      [Mandatory()] $NotParameterAttribute
    ) }`;
    expect(only(script).params?.map((parameter) => [parameter.name, parameter.mandatory])).toEqual([
      ['Bare', true],
      ['True1', true],
      ['True2', true],
      ['Lower', true],
      ['False1', false],
      ['False2', false],
      ['One', true],
      ['Zero', false],
      ['Empty', false],
      ['Among', true],
      ['Namespaced', true],
      ['Suffixed', true],
      ['InOneSet', true],
      ['WithDefault', true],
      ['NotParameterAttribute', false],
    ]);
    expect(only(script).params?.find((parameter) => parameter.name === 'WithDefault')?.hasDefault).toBe(true);
  });

  it('recognises PSCredential in any spelling, and takes the last type literal', () => {
    const script = `configuration C { param(
      [PSCredential] $A,
      [pscredential] $B,
      [System.Management.Automation.PSCredential] $C,
      [system.management.automation.pscredential] $D,
      [Management.Automation.PSCredential] $E,
      [System.Management.Automation.PSCredential ] $F,
      [PSCredential[]] $G,
      [string] $H,
      [PSCredential] [System.Management.Automation.Credential()] $I,
      [string] [PSCredential] $J,
      [PSCredentialFactory] $K
    ) }`;
    expect(only(script).params?.map((parameter) => [parameter.name, parameter.type, parameter.isCredential])).toEqual([
      ['A', 'PSCredential', true],
      ['B', 'pscredential', true],
      ['C', 'System.Management.Automation.PSCredential', true],
      ['D', 'system.management.automation.pscredential', true],
      ['E', 'Management.Automation.PSCredential', true],
      ['F', 'System.Management.Automation.PSCredential', true],
      ['G', 'PSCredential[]', false],
      ['H', 'string', false],
      ['I', 'PSCredential', true],
      ['J', 'PSCredential', true],
      ['K', 'PSCredentialFactory', false],
    ]);
  });

  it('reads array and generic types, and untyped parameters', () => {
    expect(paramsOf('configuration C { param([string[]] $Nodes, [System.Collections.Generic.List[ string ]] $List, $Plain) }')).toEqual([
      ['Nodes', '', 'string[]'],
      ['List', '', 'System.Collections.Generic.List[string]'],
      ['Plain', '', undefined],
    ]);
  });

  it('keeps defaults with commas, parentheses, brackets and strings in one parameter', () => {
    const script = `configuration C { param(
      [string[]] $Features = @('Web-Server', 'Web-Mgmt-Tools'),
      [int] $Year = (Get-Date).Year,
      [hashtable] $Map = @{ a = 1; b = [int[]](1, 2) },
      [string] $Text = "a, b) } $(if ($x) { 'y, z' })",
      [string] $Domain = (Get-NetBIOSName -DomainName $DomainName),
      $Last
    ) }`;
    expect(paramsOf(script)).toEqual([
      ['Features', 'default', 'string[]'],
      ['Year', 'default', 'int'],
      ['Map', 'default', 'hashtable'],
      ['Text', 'default', 'string'],
      ['Domain', 'default', 'string'],
      ['Last', '', undefined],
    ]);
  });

  it('reads attributes over several lines, comments, Validate and Alias attributes, commas in strings', () => {
    const script = `configuration C
{
    param
    (
        # The domain to join, e.g. contoso.com
        [Parameter(
            Mandatory = $true,
            HelpMessage = 'The domain, e.g. a, b (c)'
        )]
        [ValidateNotNullOrEmpty()]
        [ValidateSet('a', 'b,c')]
        [Alias('Domain', 'DN')]
        [String]
        $DomainName, <# trailing, block #>

        [ValidatePattern('^\\d+$')] [int] \`
            $Port = 80
    )
}`;
    expect(paramsOf(script)).toEqual([
      ['DomainName', 'mandatory', 'String'],
      ['Port', 'default', 'int'],
    ]);
  });

  it('reads `param` and `(` on different lines, and the ${...} form of a name', () => {
    const script = 'configuration C {\n  PARAM\n\n  (\n    [string] ${Site Name} = "x"\n  )\n}';
    const [parameter] = only(script).params!;
    expect(parameter).toEqual({ name: 'Site Name', nameOffset: 46, type: 'string', mandatory: false, isCredential: false, hasDefault: true });
  });

  it('reads an empty param block as no parameters, and a missing one as undefined', () => {
    expect(only('configuration C { param() }').params).toEqual([]);
    expect(only('configuration C { Node localhost { } }').params).toBeUndefined();
  });

  it('does not take the param block of a helper function, a nested block or a later configuration', () => {
    const script = `configuration Outer
{
    function Helper { param([Parameter(Mandatory)] $HelperArg) }
    Node localhost { Script S { SetScript = { param($InScript) } } }
    configuration Inner { param($InnerArg) }
}
function After { param($AfterArg) }`;
    expect(scanConfigurations(script).map(({ name, params }) => [name, params?.map((parameter) => parameter.name)])).toEqual([
      ['Outer', undefined],
      ['Inner', ['InnerArg']],
    ]);
  });

  it('takes the first top-level param block after other top-level statements', () => {
    expect(paramsOf('configuration C { [CmdletBinding()] param($A) param($B) }')).toEqual([['A', '', undefined]]);
  });

  it('skips the parts of a param block that are not parameters', () => {
    expect(paramsOf('configuration C { param($A,, [string], bareword $B, [int]$C) }')).toEqual([
      ['A', '', undefined],
      ['C', '', 'int'],
    ]);
  });

  it('several configurations and helper functions in one file, the real sql-2014 layout', () => {
    const script = `#
# Copyright="© Microsoft Corporation. All rights reserved."
#
configuration deploySqlStandalone
{
    param
    (
        [Parameter(Mandatory)]
        [System.Management.Automation.PSCredential]$Admincreds,
        [UInt32]$DatabaseEnginePort = 1433
    )
    Node localhost { LocalConfigurationManager { RebootNodeIfNeeded = $True } }
}
function Get-NetBIOSName
{
    [OutputType([string])]
    param(
        [string]$DomainName
    )
}
Configuration Second { param([Parameter(Mandatory=$true)][string]$Only) }`;
    expect(scanConfigurations(script).map(({ name, params }) => [name, params?.map(summary)])).toEqual([
      [
        'deploySqlStandalone',
        [
          ['Admincreds', 'mandatory credential', 'System.Management.Automation.PSCredential'],
          ['DatabaseEnginePort', 'default', 'UInt32'],
        ],
      ],
      ['Second', [['Only', 'mandatory', 'string']]],
    ]);
  });

  it('a block comment that comments out a resource holding braces and a fake configuration', () => {
    const script = `configuration ConfigureADBDC
{
   param([Parameter(Mandatory)][String]$DomainName)
   Node localhost
   {
<#
        Script UpdateDNSForwarder
        {
            SetScript = { "}" }
        }
        configuration Fake { param($Nope) }
#>
        xPendingReboot Reboot { Name = "x" }
   }
}`;
    expect(scanConfigurations(script).map(({ name, bodyEnd }) => [name, bodyEnd])).toEqual([['ConfigureADBDC', script.length]]);
  });

  it('here-strings with braces and quotes inside a configuration body', () => {
    const script = `Configuration ConfigureVMBootAll
{
    param ([Parameter(Mandatory)] [PSCredential]$Creds)
    Script S
    {
        SetScript = {
            add-type @"
    public class Policy { public bool Check(string s) { return "}".Length > 0; } }
"@
            $t = @'
}}} ' " $(
'@
        }
    }
}
configuration After { }`;
    expect(scanConfigurations(script).map(({ name, params }) => [name, params?.map(summary)])).toEqual([
      ['ConfigureVMBootAll', [['Creds', 'mandatory credential', 'PSCredential']]],
      ['After', undefined],
    ]);
  });
});

/** Small scripts from the cases above, used as seeds for the property tests. */
const SEEDS = [
  "configuration A\r\n{\r\n param\r\n (\r\n  [Parameter(Mandatory)]\r\n  [PSCredential]$C,\r\n  [string[]]$N = @('a','b')\r\n )\r\n Node x { }\r\n}",
  'configuration B { param([Parameter(HelpMessage = "a, b $(1)")] [int] `\n $P = (Get-Date).Year) <# c #> $h = @"\n}\n"@ }',
  "function F { param($x) }\nconfiguration 'C' { # configuration D {\n param(${a b}) $s = 'it''s' }",
];

describe('scanConfigurations: never throws, offsets inside the text', () => {
  it('holds for random input and for splices and truncations of small scripts', () => {
    checkRandomTextProperties();
    checkSpliceProperties(SEEDS, 300);
  });

  it('handles nesting far deeper than a recursive scanner could', () => {
    const nested = 'configuration A { '.repeat(50_000);
    expect(scanConfigurations(nested)).toHaveLength(50_000);
    const openers = '"$('.repeat(50_000) + '(['.repeat(50_000);
    expect(maskPowerShell(openers)).toBe('"' + ' '.repeat(openers.length - 1));
  });
});
