// The image-sources page: the same image, from every browser source, on the main thread and in a worker.
import { scoreSources } from '/image-sources-common.js';

function mainThread(modelUrl, pixels, width, height) {
  return scoreSources(modelUrl, pixels, width, height, { document });
}

function inWorker(modelUrl, pixels, width, height) {
  const worker = new Worker('/image-sources-worker.js', { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data.result));
    worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
    worker.postMessage({ modelUrl: new URL(modelUrl, location.href).href, pixels, width, height });
  }).finally(() => worker.terminate());
}

globalThis.imageSources = { mainThread, inWorker };
