// Shared by the image-sources page and its worker: encode and score one image from many sources.

/** What the test compares for one source: its encoding and its score, map and overlay. */
async function encodeAndScore(detector, source) {
  const encoding = [...detector.adapter.encode([source])];
  const r = await detector.score([source]);
  const overlay = r.overlay(0);
  return {
    encoding, score: r.scores[0], anomalyMap: [...r.anomalyMap(0)],
    overlay: { width: overlay.width, height: overlay.height, isImageData: overlay instanceof ImageData },
  };
}

/** Every source this environment can make from the pixels: name -> result (or `error`). */
export async function scoreSources(modelUrl, pixels, width, height, { document } = {}) {
  const { loadDetector } = await import('/novae/novae.js');
  const detector = await loadDetector(modelUrl);
  const imageData = new ImageData(new Uint8ClampedArray(pixels), width, height);
  const offscreen = new OffscreenCanvas(width, height);
  offscreen.getContext('2d').putImageData(imageData, 0, 0);
  const sources = { ImageData: () => imageData, OffscreenCanvas: () => offscreen };
  let canvas = offscreen;
  if (document !== undefined) {
    canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d').putImageData(imageData, 0, 0);
    sources.HTMLCanvasElement = () => canvas;
    sources.HTMLImageElement = async () => {
      const img = new Image();
      img.src = canvas.toDataURL('image/png');
      await img.decode();
      return img;
    };
  }
  sources.ImageBitmap = () => createImageBitmap(canvas);
  if (typeof VideoFrame !== 'undefined') sources.VideoFrame = () => new VideoFrame(canvas, { timestamp: 0 });
  const out = {};
  try {
    for (const [name, make] of Object.entries(sources)) {
      const source = await make();
      try {
        out[name] = await encodeAndScore(detector, source);
      } catch (err) {
        out[name] = { error: `${err.name}: ${err.message}` };
      } finally {
        if (typeof source.close === 'function') source.close();
      }
    }
    return out;
  } finally {
    await detector.dispose();
  }
}
