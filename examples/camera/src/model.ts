/**
 * The model, loaded inside a Web Worker with @novae/runtime's worker API: the worker
 * (public/worker.js) calls `exposeDetector()`, the page `wrapDetector(worker, url)`. Frames go to
 * the worker as ImageBitmaps (copied by postMessage: `score()` does not transfer its inputs) and are
 * encoded there by the model's image adapter.
 */
import { wrapDetector, type RemoteDetector } from '@novae/runtime/worker';

/** The worker script, served beside the page. */
const WORKER_URL = '/worker.js';

export interface CameraModel {
  detector: RemoteDetector;
  worker: Worker;
  /** The size frames are scored at (the overlay's size). */
  width: number;
  height: number;
}

/** A model that could not be loaded; the message names the URL and why. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

/** Start the worker and load `url` in it. Image models only. */
export async function loadCameraModel(url: string): Promise<CameraModel> {
  const worker = new Worker(WORKER_URL, { type: 'module' });
  // A worker script that fails to load never answers: fail on its error event instead of waiting.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      reject(new Error(`the scoring worker ${WORKER_URL} did not start${event.message ? ` (${event.message})` : ''}`));
    }, { once: true });
  });
  try {
    const detector = await Promise.race([wrapDetector(worker, url), failed]);
    const adapter = detector.adapter;
    if (adapter.kind !== 'image') {
      await detector.dispose();
      throw new Error(`it is a ${adapter.kind} model; this page scores camera frames with image models ` +
        '(npm run model -w examples/camera, or npx novae train <folder of images> --adapter image)');
    }
    return { detector, worker, width: adapter.size.width, height: adapter.size.height };
  } catch (err) {
    worker.terminate();
    const message = err instanceof Error ? err.message : String(err);
    // The runtime's messages start with the URL already: say it once.
    const why = message.startsWith(`${url}: `) ? message.slice(url.length + 2) : message;
    throw new ModelLoadError(`Could not load the model ${url}: ${why}`);
  }
}
