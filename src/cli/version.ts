import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** This package's version, from the nearest package.json above this file (src/ or dist/src/). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'armdsc-lint' && manifest.version) return manifest.version;
    } catch {
      // No package.json here: keep looking upwards.
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}
