/** dsc-sas-token: which variable a message says the URL came from. */
import { dscResource, dscTemplate } from '../support/dsc-artifacts';
import { lintWithRule } from '../support/lint';

const RULE = 'dsc-sas-token';
const TOKENED_URL = "[uri(parameters('_artifactsLocation'), concat(variables('archive'), parameters('_artifactsLocationSasToken')))]";
const configuration = (url: string) => ({ configuration: { url, script: 'Web.ps1', function: 'Web' } });
const messagesOf = (text: string) => lintWithRule(RULE, text).messages.map((m) => m.message);

describe('dsc-sas-token names where a URL came from', () => {
  it('names the variable a url refers to whole', () => {
    const text = dscTemplate([dscResource(configuration("[variables('archiveUrl')]"))], { variables: { archive: 'DSC/Web.zip', archiveUrl: TOKENED_URL } });
    expect(messagesOf(text)).toEqual([
      "settings.configuration.url (from variables('archiveUrl')) carries a SAS token in public settings, which are stored unencrypted; pass it in protectedSettings.configurationUrlSasToken.",
    ]);
  });

  it('names no variable for a url built in place, though a variable gives one of its parts', () => {
    const text = dscTemplate([dscResource(configuration(TOKENED_URL))], { variables: { archive: 'DSC/Web.zip' } });
    expect(messagesOf(text)).toEqual([
      'settings.configuration.url carries a SAS token in public settings, which are stored unencrypted; pass it in protectedSettings.configurationUrlSasToken.',
    ]);
  });

  it('names the variable whose settings object holds a url built in place', () => {
    const extension = dscResource("[variables('dscSettings')]");
    const text = dscTemplate([extension], { variables: { archive: 'DSC/Web.zip', dscSettings: configuration(TOKENED_URL) } });
    expect(messagesOf(text)).toEqual([
      "settings.configuration.url (from variables('dscSettings')) carries a SAS token in public settings, which are stored unencrypted; pass it in protectedSettings.configurationUrlSasToken.",
    ]);
  });
});
