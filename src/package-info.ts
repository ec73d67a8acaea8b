import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageInfo {
  /** The directory of armdsc-lint's package.json (docs/ is there); undefined when not found. */
  root: string | undefined;
  version: string;
}

let found: PackageInfo | undefined;

/** armdsc-lint's package: the nearest package.json named armdsc-lint above this file (src/ or dist/src/). */
function packageInfo(): PackageInfo {
  if (found) return found;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'armdsc-lint') return (found = { root: dir, version: manifest.version ?? '0.0.0' });
    } catch {
      // No package.json here: keep looking upwards.
    }
    if (dirname(dir) === dir) return (found = { root: undefined, version: '0.0.0' });
  }
}

export function packageRoot(): string | undefined {
  return packageInfo().root;
}

export function packageVersion(): string {
  return packageInfo().version;
}
