#!/usr/bin/env node
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { heapGrowthFlag } from './heap-growth';
import { main } from './main';

// V8 reads this flag at every full collection, so setting it now bounds the whole run's heap.
// Node documents flags set after start-up as unpredictable: if one ever throws, run without it.
const growth = heapGrowthFlag(process.execArgv);
try {
  if (growth) setFlagsFromString(growth);
} catch {
  // The heap is then sized as V8 would; the results are the same.
}

// A reader that stops early (`armdsc-lint … | head`) closes the pipe: that is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/** Standard input as chunks, opened only when --stdin asks for it (opening it keeps the process waiting for input). */
let stdinChunks: AsyncIterator<Buffer> | undefined;
const nextStdinChunk = (): Promise<IteratorResult<Buffer>> => (stdinChunks ??= process.stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer>).next();

void main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async (limit) => {
    const chunks: Buffer[] = [];
    let total = 0;
    // Past the limit the rest is not read: the input is refused, and holding it could exhaust memory.
    while (total <= limit) {
      const chunk = await nextStdinChunk();
      if (chunk.done) break;
      chunks.push(chunk.value);
      total += chunk.value.length;
    }
    return Buffer.concat(chunks);
  },
  copyRestOfStdin: async () => {
    for (let chunk = await nextStdinChunk(); !chunk.done; chunk = await nextStdinChunk()) {
      if (!process.stdout.write(chunk.value)) await once(process.stdout, 'drain');
    }
  },
}).then(async (code) => {
  process.exitCode = code;
  // Whatever was not read is not wanted: close standard input so a writer still sending cannot keep the process alive.
  await stdinChunks?.return?.();
});
