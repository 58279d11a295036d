// The scoring worker: @novae/runtime's worker entry serves detectors to the page (wrapDetector).
// Frames arrive as ImageBitmaps; the model's image adapter encodes them here, off the main thread.
import { exposeDetector } from '/novae/novae-worker.js';

exposeDetector();
