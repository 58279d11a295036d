/**
 * @novae/runtime/worker in browsers: `exposeDetector()` inside a Web Worker, `wrapDetector(worker, url)`
 * on the page. Inside the worker, models load with the wasm entry unless `load` says otherwise
 * (e.g. `exposeDetector({ load: loadDetector })` with `loadDetector` from `@novae/runtime/webgpu`).
 */
import type { Endpoint } from 'comlink';
import type { LoadOptions, ModelSource } from '../load-detector.js';
import { exposeDetectorOn, type LoadDetector } from './host.js';
import { wrapDetectorOn, type RemoteDetector } from './remote.js';

export { RemoteDetector, type DetectorApi } from './remote.js';
export type { LoadDetector } from './host.js';

/** The wasm entry's loadDetector, imported on first use: a page that only wraps never loads ONNX Runtime. */
const loadWasmDetector: LoadDetector = async (source, options) => (await import('../platform/browser-load.js')).loadDetector(source, options);

/** Serve detectors from this Web Worker. */
export function exposeDetector(options: { load?: LoadDetector } = {}): void {
  exposeDetectorOn(globalThis as unknown as Endpoint, options.load ?? loadWasmDetector);
}

/** Load a model inside `worker` (which called `exposeDetector()`) and score there. */
export function wrapDetector(worker: Worker, source: ModelSource, options?: LoadOptions): Promise<RemoteDetector> {
  return wrapDetectorOn(worker, () => worker, source, options);
}
