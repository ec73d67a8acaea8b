#!/usr/bin/env node
import { main } from './main';

// A reader that stops early (`armdsc-lint … | head`) closes the pipe: that is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async (limit) => {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      // Past the limit the rest is not needed: the input is refused, and holding it could exhaust memory.
      if (total > limit) break;
    }
    return Buffer.concat(chunks);
  },
}).then((code) => {
  process.exitCode = code;
});
