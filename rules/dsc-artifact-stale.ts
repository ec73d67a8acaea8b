import { normalizeForComparison } from '../src/artifacts';
import { defineRule } from '../src/engine';
import { at, locatedConfigurations, scriptBesideArchive, scriptInArchive, shownFile } from './shared/dsc-artifacts';

/**
 * Modification times closer than this say nothing about which file changed: a checkout or a
 * copy writes both within moments (and FAT keeps times to 2 seconds).
 */
export const SAME_TIME_MS = 2000;

/**
 * A script kept beside its archive must be the copy the archive holds; when they differ, one of
 * them was not updated (usually: the archive was not rebuilt). Compared as text: decoded (BOM,
 * UTF-16, Windows-1252) with line ends normalised.
 */
export default defineRule({
  meta: {
    id: 'dsc-artifact-stale',
    type: 'problem',
    severity: 'warn',
    docs: { description: 'Require the DSC script kept beside a configuration archive to be the copy inside the archive.' },
    messages: {
      scriptNewer: '{{script}} is newer than {{archive}} and differs from the copy inside it: the archive was not rebuilt after the script changed.',
      archiveNewer: '{{script}} differs from the copy inside {{archive}}, and the archive is newer: the script beside it is out of date, or the archive was built from another copy.',
      differs: '{{script}} differs from the copy inside {{archive}}: one of them was changed without the other.',
    },
    schema: [],
  },
  create(context) {
    return {
      dscExtension(dsc) {
        for (const configuration of locatedConfigurations(context, dsc)) {
          const found = scriptInArchive(configuration);
          if (found?.lookup.kind !== 'found') continue;
          const beside = scriptBesideArchive(context, configuration);
          const archived = beside && found.archive.script(found.lookup.entry);
          if (!beside || !archived?.ok || normalizeForComparison(beside.script.text) === normalizeForComparison(archived.script.text)) continue;
          const scriptAhead = beside.mtimeMs - found.archive.mtimeMs;
          const messageId = scriptAhead >= SAME_TIME_MS ? 'scriptNewer' : scriptAhead <= -SAME_TIME_MS ? 'archiveNewer' : 'differs';
          const data = { script: shownFile(context, beside.path), archive: shownFile(context, found.archive.path) };
          context.report({ ...at(dsc, configuration.reference.url.node), messageId, data });
        }
      },
    };
  },
});
