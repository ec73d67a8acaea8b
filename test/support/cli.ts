import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main';

/** The built executable package.json names as its bin: what `npx armdsc-lint` runs. */
export const builtBin: string = (() => {
  const root = join(__dirname, '..', '..');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(root, manifest.bin['armdsc-lint']!);
})();

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process in `cwd` with captured output. */
export async function runCli(args: string[], cwd: string, options: { env?: Record<string, string>; isTTY?: boolean; readStdin?: (limit: number) => Promise<Uint8Array> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    stdout: (text) => (stdout += typeof text === 'string' ? text : Buffer.from(text).toString('utf8')),
    stderr: (text) => (stderr += text),
    readStdin: options.readStdin,
  });
  return { code, stdout, stderr };
}

/** A temporary directory holding `files` (path → text or bytes). */
export function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'armdsc-lint-'));
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}
