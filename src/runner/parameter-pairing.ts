import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** A template's name without its extension: `azuredeploy` for azuredeploy.json. */
function stem(path: string): string {
  return basename(path).replace(/\.jsonc?$/i, '');
}

/**
 * Chooses the parameters file of each template: a `--parameters` file whose name is the
 * template's followed by `.parameters` (`app.parameters.json`, `app.parameters.dev.json`) — or,
 * when exactly one file is named on the command line and one parameters file is given, that one; then a file a config names for
 * the template; then, unless pairing is off, `<name>.parameters.json` beside `<name>.json`.
 */
export class ParameterPairing {
  private readonly given: string[];

  constructor(
    private readonly cwd: string,
    parameterFiles: readonly string[],
  ) {
    this.given = parameterFiles.map((file) => resolve(cwd, file));
  }

  /** The parameters file for `template` (with `namedCount` files named in the run), given the config's choices for it. */
  fileFor(template: string, namedCount: number, configured: readonly string[], pairing: boolean): { path: string; shownAs: string } | undefined {
    const name = stem(template).toLowerCase();
    const named = this.given.find((file) => {
      const base = basename(file).toLowerCase();
      return base.startsWith(`${name}.parameters.`);
    });
    const path =
      named ??
      (this.given.length === 1 && namedCount === 1 ? this.given[0] : undefined) ??
      configured[0] ??
      (pairing ? siblingParameters(template) : undefined);
    return path === undefined ? undefined : { path, shownAs: relative(this.cwd, path) || path };
  }
}

function siblingParameters(template: string): string | undefined {
  const candidate = join(dirname(template), `${stem(template)}.parameters.json`);
  return existsSync(candidate) ? candidate : undefined;
}
