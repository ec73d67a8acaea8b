import { quoted } from '../src/expression';
import { defineRule } from '../src/engine';
import { closestName } from '../src/text/did-you-mean';
import { at, locatedConfigurations, scriptInArchive, shownFile, type RootScript } from './shared/dsc-artifacts';

/** Scripts listed in a message at most; an archive may hold many. */
const MAX_LISTED = 5;

const listed = (names: readonly string[]): string =>
  names.slice(0, MAX_LISTED).map(quoted).join(', ') + (names.length > MAX_LISTED ? `, and ${names.length - MAX_LISTED} more` : '');

/** What the archive holds instead of the script at its root. */
function absentHint(lookup: Extract<RootScript, { kind: 'absent' }>, script: string): string {
  const suggestion = closestName(script, lookup.rootScripts);
  if (suggestion) return ` (did you mean ${quoted(suggestion)}?)`;
  return lookup.rootScripts.length > 0 ? `; its root scripts are ${listed(lookup.rootScripts)}` : '; it has no script at its root';
}

/**
 * The archive a DSC url names is found in the repository (see shared/dsc-artifacts/locate.ts)
 * and must be there, be a zip, and hold `script` at its root, where the extension looks for it.
 */
export default defineRule({
  meta: {
    id: 'dsc-artifact-archive',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Require the DSC configuration archive a url names to be in the repository, to be a readable zip, and to hold the script at its root.' },
    messages: {
      missing: 'The configuration archive {{archive}} is missing: the url names it relative to {{base}}, which is where this template itself is deployed from, and there is no such file.',
      notZip: 'The configuration archive {{archive}} is not a readable zip file: {{detail}}.',
      scriptUnreadable: '{{script}} in the archive {{archive}} cannot be read: {{detail}}.',
      scriptInFolder: 'The archive {{archive}} has {{script}} only under a folder ({{paths}}); the DSC extension runs the script at the root of the archive.',
      scriptMissing: 'The archive {{archive}} has no {{script}} at its root{{hint}}.',
    },
    schema: [],
  },
  create(context) {
    return {
      dscExtension(dsc) {
        for (const configuration of locatedConfigurations(context, dsc)) {
          const { reference, location, archive } = configuration;
          const urlTarget = at(dsc, reference.url.node);
          if (!archive) {
            if (location.certainFrom) {
              context.report({ ...urlTarget, messageId: 'missing', data: { archive: shownFile(context, location.candidates[0]!), base: location.certainFrom } });
            }
            continue;
          }
          if (archive.kind === 'not-a-zip') {
            context.report({ ...urlTarget, messageId: 'notZip', data: { archive: shownFile(context, archive.path), detail: archive.detail } });
            continue;
          }
          const found = scriptInArchive(configuration);
          const script = reference.script;
          if (!found || !script?.text) continue;
          const data = { archive: shownFile(context, found.archive.path), script: quoted(script.text) };
          const scriptTarget = at(dsc, script.node);
          const { lookup } = found;
          if (lookup.kind === 'found') {
            const read = found.archive.script(lookup.entry);
            if (!read.ok && read.corrupt) context.report({ ...scriptTarget, messageId: 'scriptUnreadable', data: { ...data, detail: read.detail } });
          } else if (lookup.kind === 'in-folder') {
            context.report({ ...scriptTarget, messageId: 'scriptInFolder', data: { ...data, paths: listed(lookup.paths) } });
          } else {
            context.report({ ...scriptTarget, messageId: 'scriptMissing', data: { ...data, hint: absentHint(lookup, script.text) } });
          }
        }
      },
    };
  },
});
