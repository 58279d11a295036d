/**
 * The streaming window: a ring buffer of the last `steps` accepted samples that emits a window once
 * full and then every `stride` accepted samples; a gap restarts it. Batch windowing uses it too, so
 * training windows and streamed windows are the same by construction.
 */
import { SampleCleaner, type CleanerConfig } from './cleaner.js';
import type { SensorWindow, SlidingWindow, SlidingWindowStats } from './types.js';

export interface WindowConfig extends CleanerConfig {
  /** Samples per window. */
  steps: number;
  stride: number;
}

export class RingSlidingWindow implements SlidingWindow {
  readonly #cleaner: SampleCleaner;
  readonly #steps: number;
  readonly #stride: number;
  readonly #width: number;
  readonly #values: Float64Array;
  readonly #times: Float64Array;
  /** Next slot to write. */
  #head = 0;
  /** Accepted samples still needed before the next window is due. */
  #due: number;

  constructor(config: WindowConfig) {
    this.#cleaner = new SampleCleaner(config);
    this.#steps = config.steps;
    this.#stride = config.stride;
    this.#width = config.channels.length;
    this.#values = new Float64Array(this.#steps * this.#width);
    this.#times = new Float64Array(this.#steps);
    this.#due = this.#steps;
  }

  get stats(): SlidingWindowStats {
    const s = this.#cleaner.stats;
    return { ...s, filledByChannel: { ...s.filledByChannel } };
  }

  reset(): void {
    this.#cleaner.reset();
    this.#due = this.#steps;
  }

  push(sample: unknown): SensorWindow | null {
    const clean = this.#cleaner.push(sample);
    if (clean === null) return null;
    // A gap restarts the window: the sample after it is the first of a new one.
    if (clean.gap) this.#due = this.#steps;
    const slot = this.#head;
    this.#values.set(clean.values, slot * this.#width);
    this.#times[slot] = clean.timestamp;
    this.#head = (slot + 1) % this.#steps;
    if (--this.#due > 0) return null;
    this.#due = this.#stride;
    this.#cleaner.stats.windows++;
    return this.#snapshot();
  }

  /** The buffered samples, oldest first (the oldest sits at `head` once the ring is full). */
  #snapshot(): SensorWindow {
    const w = this.#width;
    const head = this.#head;
    const values = new Float64Array(this.#values.length);
    values.set(this.#values.subarray(head * w));
    values.set(this.#values.subarray(0, head * w), (this.#steps - head) * w);
    const start = this.#times[head]!;
    const timestamp = this.#times[(head + this.#steps - 1) % this.#steps]!;
    return { timestamp, start, values };
  }
}
