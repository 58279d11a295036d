/**
 * @novae/runtime/worker in Node: the same API over `worker_threads`, through comlink's node adapter.
 * `exposeDetector()` in the worker thread, `wrapDetector(worker, path)` in the parent.
 */
import { parentPort, type Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { LoadOptions, ModelSource } from '../load-detector.js';
import { loadDetector } from '../platform/node.js';
import { exposeDetectorOn, type LoadDetector } from './host.js';
import { wrapDetectorOn, type RemoteDetector } from './remote.js';

export { RemoteDetector, type DetectorApi } from './remote.js';
export type { LoadDetector } from './host.js';

/** Serve detectors from this worker thread. */
export function exposeDetector(options: { load?: LoadDetector } = {}): void {
  if (!parentPort) throw new Error('exposeDetector: not inside a worker thread (worker_threads.parentPort is null)');
  exposeDetectorOn(nodeEndpoint(parentPort), options.load ?? loadDetector);
}

/** Load a model inside `worker` (which called `exposeDetector()`) and score there. */
export function wrapDetector(worker: Worker, source: ModelSource, options?: LoadOptions): Promise<RemoteDetector> {
  return wrapDetectorOn(worker, () => nodeEndpoint(worker), source, options);
}
