import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import { fatalOutcome, INTERNAL_ERROR, type FileOutcome, type RuleSetting } from '../engine';
import type { FileJob, ProcessOptions } from './process-file';

/** The worker entry, built beside this file (dist/src/runner/worker.js, or dist/bundle/worker.js beside the bundled CLI). */
const WORKER_SCRIPT = join(__dirname, 'worker.js');

/** Messages to a worker: the settings of a key (sent once per worker), then jobs naming the key. */
export type ToWorker =
  | { type: 'settings'; key: string; entries: Array<[string, RuleSetting]> }
  | { type: 'job'; id: number; job: FileJob; settingsKey: string };

export type FromWorker = { id: number; outcome: FileOutcome } | { id: number; error: string };

/** Worker threads need the compiled package: run from TypeScript sources, there is no worker script. */
export function workerScriptAvailable(): boolean {
  return existsSync(WORKER_SCRIPT);
}

interface Slot {
  worker: WorkerThreads.Worker;
  settingsSent: Set<string>;
  /** Jobs sent and not yet answered. */
  inFlight: number;
}

/**
 * Jobs each worker holds at once: with one, a worker idles while its answer crosses to this thread
 * and the next job crosses back, which cost more than the second worker gained (bench/run.js).
 */
const JOBS_IN_FLIGHT = 4;

interface Job {
  id: number;
  job: FileJob;
  key: string;
  settings: ReadonlyMap<string, RuleSetting>;
  resolve(outcome: FileOutcome): void;
}

/** A fixed set of worker threads fed from one queue; each lints one file at a time, with a few more waiting. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<number, { job: Job; slot: Slot }>();
  private nextId = 0;
  private closing = false;

  constructor(
    size: number,
    private readonly options: ProcessOptions,
  ) {
    if (!workerScriptAvailable()) throw new Error(`Worker threads need the built package (${WORKER_SCRIPT} is missing): run npm run build`);
    for (let i = 0; i < size; i++) this.slots.push(this.startWorker());
  }

  private startWorker(): Slot {
    // Loaded here: a run in one thread (most runs) never needs node:worker_threads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    const worker = new Worker(WORKER_SCRIPT, { workerData: this.options });
    const slot: Slot = { worker, settingsSent: new Set(), inFlight: 0 };
    worker.on('message', (message: FromWorker) => this.finished(slot, message));
    worker.on('error', (error) => this.failed(slot, error.message));
    // A worker can also end without an error event (process.exit in the worker, terminate()).
    worker.on('exit', (code) => this.failed(slot, `it exited with code ${code}`));
    return slot;
  }

  process(job: FileJob, key: string, settings: ReadonlyMap<string, RuleSetting>): Promise<FileOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, key, settings, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (let depth = 1; depth <= JOBS_IN_FLIGHT; depth++) {
      for (const slot of this.slots) {
        if (slot.inFlight >= depth) continue;
        const job = this.queue.shift();
        if (!job) return;
        this.send(slot, job);
      }
    }
  }

  private send(slot: Slot, job: Job): void {
    slot.inFlight++;
    this.running.set(job.id, { job, slot });
    if (!slot.settingsSent.has(job.key)) {
      slot.worker.postMessage({ type: 'settings', key: job.key, entries: [...job.settings] } satisfies ToWorker);
      slot.settingsSent.add(job.key);
    }
    slot.worker.postMessage({ type: 'job', id: job.id, job: job.job, settingsKey: job.key } satisfies ToWorker);
  }

  private finished(slot: Slot, message: FromWorker): void {
    const entry = this.running.get(message.id);
    if (!entry) return;
    this.running.delete(message.id);
    slot.inFlight--;
    entry.job.resolve('error' in message ? internalErrorOutcome(entry.job.job.target.path, message.error) : message.outcome);
    this.dispatch();
  }

  /**
   * A worker that dies (out of memory, say) takes only its own file down: the first file it was
   * sent and had not answered (it lints them in order) gets an internal-error message, the files
   * waiting behind it go back to the front of the queue, a new worker takes the dead one's place,
   * and the run goes on.
   */
  private failed(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (this.closing || index < 0) return;
    const unanswered = [...this.running].filter(([, entry]) => entry.slot === slot).sort(([a], [b]) => a - b);
    for (const [id] of unanswered) this.running.delete(id);
    const [lost, ...waiting] = unanswered.map(([, entry]) => entry.job);
    this.queue.unshift(...waiting);
    lost?.resolve(internalErrorOutcome(lost.job.target.path, `the worker thread linting this file stopped: ${reason}`));
    this.slots[index] = this.startWorker();
    void slot.worker.terminate();
    this.dispatch();
  }
}

function internalErrorOutcome(filePath: string, detail: string): FileOutcome {
  return fatalOutcome(filePath, INTERNAL_ERROR, `Internal error: ${detail}. This is a bug in armdsc-lint.`);
}
