/**
 * The camera page: open the camera and load the model (in a Web Worker) at once, then score the
 * camera's frames one at a time and show each frame's anomaly map over the frame as the model saw
 * it, with its score, p-value and verdict. `window.cameraStats` holds the measurements (stats.ts);
 * `document.body.dataset.state` says loading, running or error.
 *
 * The model URL is the `model` query parameter (`?model=/models/other.onnx`), by default
 * models/camera.onnx beside the page (made by `npm run model -w examples/camera`).
 */
import { CameraError, openCamera } from './camera.js';
import { startFrameLoop, videoFrames, type FrameInfo } from './frame-loop.js';
import { loadCameraModel, type CameraModel } from './model.js';
import { emptyStats, FpsMeter, recordFrame, StageClock, type CameraStats, type PageState } from './stats.js';
import { createView } from './view.js';

const DEFAULT_MODEL = 'models/camera.onnx';

declare global {
  interface Window {
    cameraStats: CameraStats;
  }
}

const requested = new URLSearchParams(location.search).get('model') ?? DEFAULT_MODEL;
const modelUrl = new URL(requested, location.href).href;
const stats = emptyStats(modelUrl);
window.cameraStats = stats;
const view = createView();

function setState(state: PageState, status: string): void {
  stats.state = state;
  document.body.dataset.state = state;
  view.showStatus(status);
}

function fail(err: unknown): void {
  let message = err instanceof Error ? err.message : String(err);
  if (requested === DEFAULT_MODEL && /HTTP 404/.test(message)) {
    message += '. Make the default model first: npm run model -w examples/camera';
  }
  stats.errors.push(message);
  view.showErrors(stats.errors);
  setState('error', err instanceof CameraError ? 'No camera.' : 'Stopped.');
}

/** Score frames from `video` with `model` until the page goes away. */
function run(model: CameraModel, video: HTMLVideoElement): void {
  const { detector } = model;
  const fps = new FpsMeter();
  const clock = new StageClock();
  let grabMs = 0;
  const loop = startFrameLoop<ImageBitmap>({
    subscribe: videoFrames(video),
    async grab() {
      const started = performance.now();
      const bitmap = await createImageBitmap(video);
      grabMs = performance.now() - started;
      return bitmap;
    },
    async process(bitmap: ImageBitmap, info: FrameInfo) {
      const sent = performance.now();
      let result;
      try {
        result = await detector.score([bitmap]);
      } finally {
        bitmap.close();
      }
      const scored = performance.now();
      fps.tick(scored);
      view.showResult(result, fps.fps());
      const shownAt = performance.now();
      recordFrame(stats, {
        mediaTime: info.mediaTime, shownAt,
        score: result.scores[0]!, pValue: result.pValues[0]!, isAnomaly: result.isAnomaly[0]!,
      }, fps.fps(), clock.add({ grabMs, scoreMs: scored - sent, drawMs: shownAt - scored }));
    },
    onError: fail,
  });
  addEventListener('pagehide', () => {
    loop.stop();
    for (const track of (video.srcObject as MediaStream | null)?.getTracks() ?? []) track.stop();
    void detector.dispose().finally(() => model.worker.terminate());
  }, { once: true });
}

async function main(): Promise<void> {
  setState('loading', 'Opening the camera and loading the model…');
  const [model, camera] = await Promise.allSettled([loadCameraModel(modelUrl), openCamera(view.video)]);
  for (const outcome of [model, camera]) if (outcome.status === 'rejected') fail(outcome.reason);
  if (model.status !== 'fulfilled') {
    if (camera.status === 'fulfilled') for (const track of camera.value.getTracks()) track.stop();
    return;
  }
  const { detector } = model.value;
  stats.backend = detector.backend;
  stats.threshold = detector.manifest.calibration.threshold;
  view.showModel(`${requested}: ${model.value.width}x${model.value.height} ${detector.manifest.model.architecture} model, ` +
    `threshold ${stats.threshold.toFixed(1)}, scoring in a worker on ${detector.backend}`);
  if (camera.status !== 'fulfilled') {
    await detector.dispose();
    model.value.worker.terminate();
    return;
  }
  setState('running', 'Scoring camera frames.');
  run(model.value, view.video);
}

void main();
