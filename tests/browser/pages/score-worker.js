// A Web Worker that serves detectors, as a user writes one: import the worker entry and expose.
import { exposeDetector } from '/novae/novae-worker.js';

exposeDetector();
