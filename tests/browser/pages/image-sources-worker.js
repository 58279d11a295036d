// The image-sources worker: scores the sources a worker has (no document: no <canvas>, no <img>).
import { scoreSources } from '/image-sources-common.js';

self.onmessage = async ({ data: { modelUrl, pixels, width, height } }) => {
  try {
    self.postMessage({ result: await scoreSources(modelUrl, pixels, width, height) });
  } catch (err) {
    self.postMessage({ error: `${err.name}: ${err.message}` });
  }
};
