/**
 * No secret in any output: templates with literal SAS tokens and passwords in the places where
 * messages show values are linted through every formatter, and the secret text never appears.
 */
import { formatters } from '../../src/formatters/all';
import { runCli, workspace } from '../support/cli';
import { template } from '../support/lint';

const PASSWORD = 'Sup3r-Secret-Passw0rd';
const SIGNATURE = 'Zm9vYmFyc2VjcmV0c2lnbmF0dXJl';
const SAS_TOKEN = `?sv=2021-06-08&se=2030-01-01&sr=c&sp=r&sig=${SIGNATURE}`;

function dsc(extra: Record<string, unknown>): Record<string, unknown> {
  return { publisher: 'Microsoft.Powershell', type: 'DSC', autoUpgradeMinorVersion: true, ...extra };
}

const files = {
  // A scale set's nodeName taken from a securestring parameter's default.
  'node-name.json': template({
    parameters: { adminPassword: { type: 'securestring', defaultValue: PASSWORD } },
    resources: [
      {
        type: 'Microsoft.Compute/virtualMachineScaleSets',
        apiVersion: '2024-07-01',
        name: 'web',
        properties: { virtualMachineProfile: { extensionProfile: { extensions: [{ name: 'DSC', properties: dsc({ typeHandlerVersion: '2.83', settings: { configurationArguments: { nodeName: "[parameters('adminPassword')]" } } }) }] } } },
      },
    ],
  }),
  // A typeHandlerVersion that (absurdly) comes from the SAS token parameter, beside others that differ.
  'version.json': template({
    parameters: { _artifactsLocation: { type: 'string', defaultValue: 'https://example.org/' }, _artifactsLocationSasToken: { type: 'securestring', defaultValue: SAS_TOKEN } },
    resources: ['2.83', '2.83', "[parameters('_artifactsLocationSasToken')]"].map((version, i) => ({
      type: 'Microsoft.Compute/virtualMachines/extensions',
      apiVersion: '2024-07-01',
      name: `vm${i}/dsc`,
      properties: dsc({
        typeHandlerVersion: version,
        settings: { configuration: { url: `https://example.blob.core.windows.net/dsc/config.zip${SAS_TOKEN}`, script: 'config.ps1', function: 'Main' }, configurationArguments: { password: PASSWORD } },
      }),
    })),
  }),
};

describe.each(Object.keys(formatters))('--format %s', (format) => {
  it('never prints the password or the SAS signature', async () => {
    const cwd = workspace(files);
    const run = await runCli(['--format', format], cwd);
    expect(run.code).toBe(1);
    // Something was reported about these values: the test would pass vacuously otherwise.
    expect(run.stdout).toMatch(/dsc-vmss-node-name|dsc-consistent-type-handler-version/);
    expect(run.stdout).not.toContain(PASSWORD);
    expect(run.stdout).not.toContain(SIGNATURE);
    expect(run.stderr).not.toContain(PASSWORD);
  });
});

describe('what the messages say instead', () => {
  it('names the parameter a secret value came from', async () => {
    const run = await runCli(['--format', 'compact'], workspace(files));
    expect(run.stdout).toContain(`Scale set DSC nodeName is parameters('adminPassword')`);
    expect(run.stdout).toContain(`typeHandlerVersion parameters('_artifactsLocationSasToken') differs`);
  });
});
