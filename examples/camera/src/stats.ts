/**
 * What the page measures, as plain data on `window.cameraStats` (tests and curious users read it):
 * frames scored, the frame rate, the latest verdict, and where each frame's time went.
 */

/** Frames per second over a sliding window of the most recent results. */
export class FpsMeter {
  readonly #times: number[] = [];

  constructor(private readonly windowMs = 2000) {}

  /** A frame was done at `now` (ms). */
  tick(now: number): void {
    this.#times.push(now);
    while (this.#times.length > 2 && now - this.#times[0]! > this.windowMs) this.#times.shift();
  }

  /** Frames per second between the oldest and newest result in the window; 0 before two results. */
  fps(): number {
    const t = this.#times;
    if (t.length < 2) return 0;
    const span = t[t.length - 1]! - t[0]!;
    return span > 0 ? ((t.length - 1) * 1000) / span : 0;
  }
}

/** One scored frame. */
export interface FrameRecord {
  /** The frame's capture time on the camera's clock (`requestVideoFrameCallback`'s mediaTime), s. */
  mediaTime: number;
  /** When its result was shown (`performance.now()`), ms. */
  shownAt: number;
  score: number;
  pValue: number;
  isAnomaly: boolean;
}

/** Mean milliseconds per frame of each stage, over the frames in `recent`. */
export interface StageTimes {
  /** createImageBitmap(video) on the page. */
  grabMs: number;
  /** The worker's round trip: sending the frame, encoding it (draw, read back, resize), the model run, the reply. */
  scoreMs: number;
  /** Rendering the overlay and drawing it, with the readouts. */
  drawMs: number;
}

export type PageState = 'loading' | 'running' | 'error';

export interface CameraStats {
  state: PageState;
  /** The model URL the page loaded (or tried to). */
  model: string;
  /** The execution provider that runs the model in the worker ('wasm', ...), once loaded. */
  backend: string | null;
  threshold: number | null;
  /** Frames scored since the camera started. */
  frames: number;
  /** Frames scored per second, over the last two seconds. */
  fps: number;
  lastScore: number | null;
  lastPValue: number | null;
  lastIsAnomaly: boolean | null;
  /** Frames flagged (score above the model's threshold) since the camera started. */
  anomalies: number;
  timing: StageTimes;
  /** The most recent scored frames, oldest first (at most RECENT_FRAMES). */
  recent: FrameRecord[];
  /** Errors shown on the page. */
  errors: string[];
}

/** How many scored frames `recent` keeps (about 20 s at 30 frames/s). */
export const RECENT_FRAMES = 600;

export function emptyStats(model: string): CameraStats {
  return {
    state: 'loading', model, backend: null, threshold: null, frames: 0, fps: 0,
    lastScore: null, lastPValue: null, lastIsAnomaly: null, anomalies: 0,
    timing: { grabMs: 0, scoreMs: 0, drawMs: 0 }, recent: [], errors: [],
  };
}

/** Per-frame stage times, averaged over the last `size` frames. */
export class StageClock {
  readonly #samples: StageTimes[] = [];

  constructor(private readonly size = 60) {}

  add(sample: StageTimes): StageTimes {
    this.#samples.push(sample);
    if (this.#samples.length > this.size) this.#samples.shift();
    const n = this.#samples.length;
    const mean = (key: keyof StageTimes): number => this.#samples.reduce((a, s) => a + s[key], 0) / n;
    return { grabMs: mean('grabMs'), scoreMs: mean('scoreMs'), drawMs: mean('drawMs') };
  }
}

/** Count one scored frame into `stats`. */
export function recordFrame(stats: CameraStats, frame: FrameRecord, fps: number, timing: StageTimes): void {
  stats.frames++;
  stats.fps = fps;
  stats.lastScore = frame.score;
  stats.lastPValue = frame.pValue;
  stats.lastIsAnomaly = frame.isAnomaly;
  if (frame.isAnomaly) stats.anomalies++;
  stats.timing = timing;
  stats.recent.push(frame);
  if (stats.recent.length > RECENT_FRAMES) stats.recent.splice(0, stats.recent.length - RECENT_FRAMES);
}
