/** Worker thread entry: processes the files the pool sends, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleSetting } from '../engine';
import { RunFileAccess } from '../files';
import { rules } from '../registry';
import type { FromWorker, ToWorker } from './pool';
import { processFile, type ProcessOptions } from './process-file';

const options = workerData as ProcessOptions;
const settingsByKey = new Map<string, ReadonlyMap<string, RuleSetting>>();
// Each worker reads and opens a referenced file (a DSC archive) once for the files it lints.
const files = new RunFileAccess();

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'settings') {
    settingsByKey.set(message.key, new Map(message.entries));
    return;
  }
  let reply: FromWorker;
  try {
    const settings = settingsByKey.get(message.settingsKey);
    if (!settings) throw new Error(`No settings for key ${message.settingsKey}`);
    reply = { id: message.id, outcome: processFile(message.job, rules, settings, options, files) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
