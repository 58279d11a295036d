/**
 * The stream's engine: cuts samples into windows, queues them (bounded), micro-batches them into
 * one `scoreEncoded` call per batch (up to `maxBatch` windows, or whatever is queued after
 * `maxDelayMs`), and turns each batch's outputs into `StreamScore`s in arrival order, with the
 * online threshold and the drift flag.
 */
import type { SensorAdapter, SensorSample, SensorWindow, SlidingWindow } from '@novae/adapters';
import { channelExcess, channelShares } from '../explain-channels.js';
import { DriftMonitor } from './ks-drift.js';
import type { ResolvedStreamOptions } from './options.js';
import { RecentQuantile } from './p2-quantile.js';
import { sensorAdapterOf, type StreamScorer } from './scorer.js';
import type { StreamScore, StreamStats } from './types.js';

export class StreamEngine {
  readonly #detector: StreamScorer;
  readonly #adapter: SensorAdapter;
  readonly #o: ResolvedStreamOptions;
  readonly #sliding: SlidingWindow;
  readonly #emit: (score: StreamScore) => void;
  readonly #fail: (error: unknown) => void;
  readonly #online: RecentQuantile | null;
  readonly #drift: DriftMonitor | null;
  readonly #excess: Float64Array;
  #pending: SensorWindow[] = [];
  #draining: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #spaceWaiters: Array<() => void> = [];
  #error: { error: unknown } | null = null;
  #counts = { scored: 0, dropped: 0, batches: 0, largestBatch: 0, maxQueued: 0 };

  constructor(
    detector: StreamScorer, options: ResolvedStreamOptions,
    emit: (score: StreamScore) => void, fail: (error: unknown) => void,
  ) {
    this.#detector = detector;
    this.#adapter = sensorAdapterOf(detector);
    this.#o = options;
    this.#sliding = this.#adapter.slidingWindow();
    this.#emit = emit;
    this.#fail = fail;
    this.#online = options.threshold === 'online' ? new RecentQuantile(options.online.q, options.online.window) : null;
    const normal = detector.manifest.calibration.normalScores;
    this.#drift = options.drift ? new DriftMonitor(normal, options.drift.window, options.drift.alpha) : null;
    this.#excess = new Float64Array(this.#adapter.channels.length);
  }

  /** A snapshot of the counts. */
  stats(): StreamStats {
    const s = this.#sliding.stats;
    const online = this.#online;
    return {
      samples: s.samples, windows: s.windows, ...this.#counts, queued: this.#pending.length,
      outOfOrder: s.outOfOrder, duplicates: s.duplicates, gaps: s.gaps, filled: s.filled, filledByChannel: s.filledByChannel,
      onlineThreshold: online && online.count >= this.#o.online.warmup ? online.value() : Number.NaN,
      drift: this.#drift ? { ...this.#drift.state } : { statistic: Number.NaN, critical: Number.NaN, drift: false },
    };
  }

  /** Take one sample. Resolves at once unless the queue is full under backpressure. */
  async push(sample: SensorSample): Promise<void> {
    this.#throwIfFailed();
    const window = this.#sliding.push(sample);
    if (window === null) return;
    const { maxQueue, maxBatch, maxDelayMs, dropOldest } = this.#o;
    if (dropOldest) {
      while (this.#pending.length >= maxQueue) { this.#pending.shift(); this.#counts.dropped++; }
    } else {
      while (this.#pending.length >= maxQueue) {
        this.#startDrain();
        await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
        this.#throwIfFailed();
      }
    }
    this.#pending.push(window);
    this.#counts.maxQueued = Math.max(this.#counts.maxQueued, this.#pending.length);
    if (this.#pending.length >= maxBatch) this.#startDrain();
    else if (this.#timer === undefined && this.#draining === null) {
      this.#timer = setTimeout(() => { this.#timer = undefined; this.#startDrain(); }, maxDelayMs);
    }
  }

  /** Score everything still queued (the end of the input), then report any failure. */
  async close(): Promise<void> {
    this.#throwIfFailed();
    this.#startDrain();
    await this.#draining;
    this.#throwIfFailed();
  }

  #startDrain(): void {
    this.#clearTimer();
    if (this.#draining !== null || this.#pending.length === 0) return;
    this.#draining = this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0 && this.#error === null) {
        const batch = this.#pending.splice(0, this.#o.maxBatch);
        this.#wakeWaiters();
        await this.#score(batch);
      }
    } catch (error) {
      this.#error = { error };
      this.#pending = [];
      this.#fail(error);
    } finally {
      this.#draining = null;
      this.#wakeWaiters();
    }
  }

  async #score(batch: SensorWindow[]): Promise<void> {
    const n = batch.length;
    const encoded = this.#adapter.encode(batch);
    const result = await this.#detector.scoreEncoded(encoded, n, { samples: this.#o.samples, seed: this.#o.seed });
    this.#counts.batches++;
    this.#counts.largestBatch = Math.max(this.#counts.largestBatch, n);
    const drift = this.#drift;
    if (drift) for (let i = 0; i < n; i++) drift.add(result.scores[i]!);
    const drifting = drift ? drift.check().drift : false;
    const { channels, width } = this.#adapter;
    const baseline = this.#detector.manifest.calibration.featureBaseline;
    for (let i = 0; i < n; i++) {
      const score = result.scores[i]!;
      const threshold = this.#thresholdFor(score);
      const excess = channelExcess(result.featureScores, i, channels.length, width, baseline, this.#excess);
      this.#counts.scored++;
      this.#emit({
        timestamp: batch[i]!.timestamp, start: batch[i]!.start, score,
        latest: lastStepNll(result.featureScores, i, channels.length, width), pValue: result.pValues[i]!,
        isAnomaly: score > threshold, threshold, drift: drifting, channels: channelShares(excess, channels),
      });
    }
  }

  /** The threshold for this score (the online one is estimated before the score joins it). */
  #thresholdFor(score: number): number {
    const online = this.#online;
    if (online === null) return this.#o.threshold as number;
    const ready = online.count >= this.#o.online.warmup;
    const threshold = ready ? online.value() : this.#detector.manifest.calibration.threshold;
    online.add(score);
    return threshold;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #wakeWaiters(): void {
    const waiters = this.#spaceWaiters;
    this.#spaceWaiters = [];
    for (const wake of waiters) wake();
  }

  #throwIfFailed(): void {
    if (this.#error !== null) throw this.#error.error;
  }
}

/** The feature NLL of row `row`'s last time step, summed over its `channels` channels (time-major features). */
export function lastStepNll(featureNll: Float32Array, row: number, channels: number, width: number): number {
  let sum = 0;
  for (let f = (row + 1) * width - channels; f < (row + 1) * width; f++) sum += featureNll[f]!;
  return sum;
}
