/**
 * The artifacts layer over the real archives and scripts in shared/artifacts/cases: every root
 * script decodes and scans to the Configurations and parameters read by hand, every .ps1 at any
 * depth scans without fault, and sibling scripts compare with their archived copies as expected.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openArchive, type OpenedArchive } from '../../src/artifacts/archive';
import { scanConfigurations } from '../../src/artifacts/powershell';
import { decodeScript, normalizeForComparison, type DecodedScript } from '../../src/artifacts/script-text';
import { checkScan, checkSpliceProperties } from './scanner-properties';
import { caseFiles, casePath, describeWithCases } from './shared-cases';

const AQT = 'Azure__AzureStack-QuickStart-Templates';

function archiveAt(relative: string): OpenedArchive {
  const result = openArchive(readFileSync(casePath(relative)));
  if (!result.ok) throw new Error(`${relative}: ${result.problem}: ${result.detail}`);
  return result;
}

function archivedScript(archivePath: string, entryPath: string): DecodedScript {
  const archive = archiveAt(archivePath);
  const entry = archive.entries.find((candidate) => candidate.path === entryPath);
  if (!entry) throw new Error(`${archivePath} has no ${entryPath}`);
  const read = archive.readEntry(entry);
  if (!read.ok) throw new Error(`${archivePath} ${entryPath}: ${read.detail}`);
  return decodeScript(read.bytes);
}

/** Every .ps1 in the cases: sibling files, and entries of every archive at any depth. */
function everyScript(): Array<{ label: string; text: string }> {
  const siblings = caseFiles('.ps1').map((file) => ({ label: file, text: decodeScript(readFileSync(casePath(file))).text }));
  const archived = caseFiles('.zip').flatMap((file) => {
    const archive = archiveAt(file);
    return archive.entries
      .filter((entry) => !entry.isDirectory && entry.path.toLowerCase().endsWith('.ps1'))
      .map((entry) => {
        const read = archive.readEntry(entry);
        if (!read.ok) throw new Error(`${file} ${entry.path}: ${read.detail}`);
        return { label: `${file} ${entry.path}`, text: decodeScript(read.bytes).text };
      });
  });
  return [...siblings, ...archived];
}

const AD_PARAMS = ['DomainName', 'Admincreds', 'RetryCount', 'RetryIntervalSec'];
const BDC_PREPARE_PARAMS = ['DNSServer', 'RetryCount', 'RetryIntervalSec'];

/** [file, archive entry (undefined: the file itself), encoding, [Configuration, parameter names][]] */
const ROOT_SCRIPTS: Array<[string, string | undefined, string, Array<[string, string[]]>]> = [
  [`${AQT}/active-directory-new-domain-ha-2-dc/DSC/ConfigureADBDC.ps1`, undefined, 'utf-8 BOM', [['ConfigureADBDC', AD_PARAMS]]],
  [`${AQT}/active-directory-new-domain-ha-2-dc/DSC/ConfigureADBDC.zip`, 'ConfigureADBDC.ps1', 'utf-8 BOM', [['ConfigureADBDC', AD_PARAMS]]],
  [`${AQT}/active-directory-new-domain-ha-2-dc/DSC/CreateADPDC.ps1`, undefined, 'utf-8 BOM', [['CreateADPDC', AD_PARAMS]]],
  [`${AQT}/active-directory-new-domain-ha-2-dc/DSC/CreateADPDC.zip`, 'CreateADPDC.ps1', 'utf-8 BOM', [['CreateADPDC', AD_PARAMS]]],
  [`${AQT}/active-directory-new-domain-ha-2-dc/DSC/PrepareADBDC.ps1`, undefined, 'utf-8 BOM', [['PrepareADBDC', BDC_PREPARE_PARAMS]]],
  [`${AQT}/active-directory-new-domain-ha-2-dc/DSC/PrepareADBDC.zip`, 'PrepareADBDC.ps1', 'utf-8 BOM', [['PrepareADBDC', BDC_PREPARE_PARAMS]]],
  [`${AQT}/ad-non-ha/CreateADPDC.ps1.zip`, 'CreateADPDC.ps1', 'utf-16le BOM', [['CreateADPDC', AD_PARAMS]]],
  [`${AQT}/bootstorm-vm-boot-time/VMBootAll.ps1`, undefined, 'utf-8', [['ConfigureVMBootAll', ['AzureAccountCreds', 'TenantId', 'Location', 'VMName', 'VMCount', 'VMAdminCreds', 'AzureStorageAccount', 'AzureStorageAccessKey', 'AzureStorageEndpoint', 'AzureSubscription']]]],
  [`${AQT}/bootstorm-vm-boot-time/VMBootAll.zip`, 'VMBootAll.ps1', 'utf-8', [['ConfigureVMBootAll', ['AzureAccountCreds', 'TenantId', 'Location', 'VMName', 'VMCount', 'VMAdminCreds', 'AzureStorageAccount', 'AzureStorageAccessKey', 'AzureStorageEndpoint', 'AzureSubscription']]]],
  // A plain script with a top-level param block and functions: no Configuration.
  [`${AQT}/bootstorm-vm-boot-time/VMBootAll.zip`, 'VMBootAllScript.ps1', 'utf-8', []],
  [`${AQT}/sql-2014-non-ha/deploySqlStandalone.ps1.zip`, 'deploySqlStandalone.ps1', 'windows-1252', [['deploySqlStandalone', ['DomainName', 'PrimaryADIP', 'Admincreds', 'SQLServicecreds', 'DatabaseEnginePort', 'DomainNetbiosName', 'RetryCount', 'RetryIntervalSec']]]],
  [`${AQT}/sql-2014-standalone/deploySqlStandalone_NonDomain.ps1.zip`, 'deploySqlStandalone_NonDomain.ps1', 'utf-8', [['deploySqlStandalone', ['Admincreds', 'SQLServicecreds', 'DatabaseEnginePort']]]],
  [`${AQT}/sql-2016-alwayson/CreateADPDC.ps1.zip`, 'CreateADPDC.ps1', 'utf-8 BOM', [['CreateADPDC', AD_PARAMS]]],
  [
    `${AQT}/sql-2016-alwayson/CreateFailoverCluster.ps1.zip`,
    'CreateFailoverCluster.ps1',
    'windows-1252',
    [
      [
        'CreateFailoverCluster',
        [
          'DomainName', 'Admincreds', 'SQLServiceCreds', 'SQLAuthCreds', 'ClusterName', 'SharePath', 'Nodes', 'SqlAlwaysOnAvailabilityGroupName',
          'SqlAlwaysOnAvailabilityGroupListenerName', 'SqlAlwaysOnAvailabilityGroupListenerPort', 'LBName', 'LBAddress', 'PrimaryReplica',
          'SecondaryReplica', 'SqlAlwaysOnEndpointName', 'DNSServerName', 'DatabaseEnginePort', 'DomainNetbiosName', 'DatabaseNames',
          'NumberOfDisks', 'WorkloadType', 'RetryCount', 'RetryIntervalSec',
        ],
      ],
    ],
  ],
  [`${AQT}/sql-2016-alwayson/CreateFileShareWitness.ps1.zip`, 'CreateFileShareWitness.ps1', 'windows-1252', [['CreateFileShareWitness', ['DomainName', 'Admincreds', 'SharePath', 'RetryCount', 'RetryIntervalSec']]]],
  [
    `${AQT}/sql-2016-alwayson/PrepareAlwaysOnSqlServer.ps1.zip`,
    'PrepareAlwaysOnSqlServer.ps1',
    'utf-8 BOM',
    [['PrepareAlwaysOnSqlServer', ['DomainName', 'Admincreds', 'SQLServicecreds', 'SQLAuthCreds', 'SqlAlwaysOnEndpointName', 'DatabaseEnginePort', 'NumberOfDisks', 'WorkloadType', 'DomainNetbiosName', 'RetryCount', 'RetryIntervalSec']]],
  ],
  ['azuregomez__bigbang/DSC/ConfigureADBDC.ps1.zip', 'ConfigureADBDC.ps1', 'utf-8 BOM', [['ConfigureADBDC', AD_PARAMS]]],
  ['azuregomez__bigbang/DSC/CreateADPDC.ps1.zip', 'CreateADPDC.ps1', 'utf-8 BOM', [['CreateADPDC', AD_PARAMS]]],
  ['azuregomez__bigbang/DSC/PrepareADBDC.ps1.zip', 'PrepareADBDC.ps1', 'utf-8 BOM', [['PrepareADBDC', BDC_PREPARE_PARAMS]]],
  ['mikepfeiffer__azure-domain-controller/DSC/CreateADPDC.zip', 'CreateADPDC.ps1', 'utf-8 BOM', [['CreateADPDC', AD_PARAMS]]],
];

describeWithCases('real DSC scripts', () => {
  it('the table covers every sibling script and every root script of every archive', () => {
    const rootScripts = caseFiles('.zip').flatMap((file) =>
      archiveAt(file)
        .entries.filter((entry) => !entry.isDirectory && !entry.path.includes('/') && entry.path.toLowerCase().endsWith('.ps1'))
        .map((entry) => `${file} ${entry.path}`),
    );
    const listed = ROOT_SCRIPTS.map(([file, entry]) => (entry === undefined ? file : `${file} ${entry}`));
    expect(listed.sort()).toEqual([...caseFiles('.ps1'), ...rootScripts].sort());
  });

  it.each(ROOT_SCRIPTS)('%s %s: %s', (file, entry, encoding, configurations) => {
    const decoded = entry === undefined ? decodeScript(readFileSync(casePath(file))) : archivedScript(file, entry);
    expect(decoded.encoding + (decoded.bom ? ' BOM' : '')).toBe(encoding);
    expect(scanConfigurations(decoded.text).map(({ name, params }) => [name, params?.map((parameter) => parameter.name)])).toEqual(configurations);
  });

  it('CreateFailoverCluster: mandatory, credential and default flags', () => {
    const [declaration] = scanConfigurations(archivedScript(`${AQT}/sql-2016-alwayson/CreateFailoverCluster.ps1.zip`, 'CreateFailoverCluster.ps1').text);
    const flagged = (flag: 'mandatory' | 'isCredential' | 'hasDefault'): string[] => declaration!.params!.filter((parameter) => parameter[flag]).map((parameter) => parameter.name);
    expect(flagged('isCredential')).toEqual(['Admincreds', 'SQLServiceCreds', 'SQLAuthCreds']);
    expect(flagged('hasDefault')).toEqual(['DNSServerName', 'DatabaseEnginePort', 'DomainNetbiosName', 'DatabaseNames', 'RetryCount', 'RetryIntervalSec']);
    expect(declaration!.params!.filter((parameter) => !parameter.mandatory).map((parameter) => parameter.name)).toEqual([
      'SQLAuthCreds', 'DNSServerName', 'DatabaseEnginePort', 'DomainNetbiosName', 'DatabaseNames', 'RetryCount', 'RetryIntervalSec',
    ]);
    expect(declaration!.params!.find((parameter) => parameter.name === 'Nodes')?.type).toBe('String[]');
  });

  it('module examples deeper in an archive: Mandatory = $true over several lines, [string[]] with a default', () => {
    const archive = 'mikepfeiffer__azure-domain-controller/DSC/CreateADPDC.zip';
    const recycleBin = archivedScript(archive, 'xActiveDirectory/DSCResources/MSFT_xADRecycleBin/Examples/xActiveDirectory_xADRecycleBin.ps1').text;
    expect(scanConfigurations(recycleBin).map(({ name, params }) => [name, params?.map((parameter) => [parameter.name, parameter.type, parameter.mandatory, parameter.isCredential])])).toEqual([
      ['Example_xADRecycleBin', [['ForestFQDN', 'System.String', true, false], ['EACredential', 'System.Management.Automation.PSCredential', true, true]]],
    ]);
    const ipAddress = archivedScript(archive, 'xNetworking/Examples/Sample_xIPAddress_Parameterized.ps1').text;
    expect(scanConfigurations(ipAddress)[0]?.params?.map((parameter) => [parameter.name, parameter.mandatory, parameter.hasDefault])).toEqual([
      ['NodeName', false, true],
      ['IPAddress', true, false],
      ['InterfaceAlias', true, false],
      ['DefaultGateway', true, false],
      ['SubnetMask', false, true],
      ['AddressFamily', false, true],
    ]);
  });

  it('every .ps1, at any depth of any archive, scans without fault', () => {
    const scripts = everyScript();
    expect(scripts.length).toBeGreaterThan(ROOT_SCRIPTS.length);
    for (const { text } of scripts) checkScan(text);
  });

  it('random splices and truncations of the real root scripts', () => {
    const seeds = ROOT_SCRIPTS.map(([file, entry]) => (entry === undefined ? decodeScript(readFileSync(casePath(file))) : archivedScript(file, entry)).text);
    checkSpliceProperties(seeds, 200);
  });

  it.each([
    ['CreateADPDC', false],
    ['ConfigureADBDC', true],
    ['PrepareADBDC', true],
  ])('active-directory-new-domain-ha-2-dc %s.ps1 beside its archive: the same after normalising: %s', (name, same) => {
    const folder = `${AQT}/active-directory-new-domain-ha-2-dc/DSC`;
    const sibling = decodeScript(readFileSync(casePath(path.posix.join(folder, `${name}.ps1`)))).text;
    const archived = archivedScript(`${folder}/${name}.zip`, `${name}.ps1`).text;
    expect(sibling === archived).toBe(false); // the raw copies always differ (line ends)
    expect(normalizeForComparison(sibling) === normalizeForComparison(archived)).toBe(same);
  });

  it('bootstorm VMBootAll.ps1 differs from its archived copy', () => {
    const folder = `${AQT}/bootstorm-vm-boot-time`;
    const sibling = normalizeForComparison(decodeScript(readFileSync(casePath(`${folder}/VMBootAll.ps1`))).text);
    const archived = normalizeForComparison(archivedScript(`${folder}/VMBootAll.zip`, 'VMBootAll.ps1').text);
    expect(sibling).not.toBe(archived);
    expect(archived).toContain('#        TestScript = { (Get-ScheduledTask');
    expect(sibling).not.toContain('#        TestScript = { (Get-ScheduledTask');
  });
});
