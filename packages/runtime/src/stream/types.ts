/** The public shapes of `detector.stream()`: its options, what it emits, and its running counts. */
import type { SensorSample } from '@novae/adapters';
import type { DriftState } from './ks-drift.js';

export interface StreamOptions {
  /** Most windows scored in one ONNX run (default 64). */
  maxBatch?: number;
  /** Longest a window waits for its batch to fill before it is scored anyway, in ms (default 10). */
  maxDelayMs?: number;
  /** Most windows waiting to be scored (default `4 * maxBatch`); one batch more may be in flight. */
  maxQueue?: number;
  /**
   * When the queue is full: `'backpressure'` (default) makes `transform` wait, so the writer's
   * `ready` stays pending and no sample is lost; `'drop-oldest'` drops the oldest waiting window
   * and counts it in `stats.dropped`, so a producer that cannot wait is never blocked by scoring.
   */
  onOverflow?: 'backpressure' | 'drop-oldest';
  /**
   * `isAnomaly` rule: `'calibrated'` (default) uses the manifest's threshold; a number uses that;
   * `'online'` uses a streaming quantile of recent scores (see `online`), the calibrated threshold
   * until `online.warmup` scores have been seen. By construction the online rule flags about
   * `1 - q` of recent windows: it follows a drifting baseline, it is not an absolute alarm.
   */
  threshold?: 'calibrated' | 'online' | number;
  /**
   * The online threshold: quantile `q` (default the manifest's `calibration.q`) of the last
   * `window / 2` to `window` (default 1000) scores, estimated with P² in constant memory, before
   * the window being judged joins them; the calibrated threshold for the first `warmup` (default 100).
   */
  online?: { q?: number; window?: number; warmup?: number };
  /**
   * Drift flag: KS test of the last `window` (default 200) scores against the calibration scores
   * at level `alpha` (default 0.01), re-run after every batch. `false` turns it off.
   */
  drift?: false | { window?: number; alpha?: number };
  /**
   * Monte Carlo samples and seed per score (defaults: the detector's). With `samples > 1` the noise
   * is seeded per batch, so a window's score depends on its place in its batch: keep 1 (the
   * posterior mean) for reproducible streams.
   */
  samples?: number;
  seed?: number;
  /** WHATWG queue sizes: samples buffered on the writable side (default 16), scores on the readable side (default 16). */
  highWaterMark?: { samples?: number; scores?: number };
}

/** One scored window. */
export interface StreamScore {
  /** Timestamp of the window's last sample (epoch ms for date timestamps). */
  timestamp: number;
  /** Timestamp of the window's first sample. */
  start: number;
  /** Novelty score (negative ELBO, nats). */
  score: number;
  /**
   * The newest sample's share of the score: its feature NLL (nats, summed over channels) at the
   * window's last time step, i.e. how poorly the model explains the reading that just arrived given
   * the readings before it. It reacts to a spike at once, where `score` weighs it against the
   * whole window.
   */
  latest: number;
  /** Conformal p-value against the calibration scores. */
  pValue: number;
  /** `score > threshold`. */
  isAnomaly: boolean;
  /** The threshold this window was judged by (calibrated, fixed, or the online quantile). */
  threshold: number;
  /** True when the recent score distribution has moved away from the calibration scores. */
  drift: boolean;
  /**
   * Each channel's share of the window's feature NLL (`feature_nll` summed over time steps) above
   * the calibration baseline `calibration.featureBaseline` (0 where the manifest has none), counting
   * positive excesses only: 0..1, summing to 1, or all 0 when no channel is above its baseline.
   */
  channels: Record<string, number>;
}

/** Running counts of a stream: nothing is dropped without being counted here. */
export interface StreamStats {
  /** Samples written. */
  samples: number;
  /** Windows cut from them. */
  windows: number;
  /** Windows scored and emitted. */
  scored: number;
  /** Windows dropped by `onOverflow: 'drop-oldest'`. */
  dropped: number;
  /** ONNX runs, and the largest batch one of them scored. */
  batches: number;
  largestBatch: number;
  /** Windows waiting now, and the most that ever waited. */
  queued: number;
  maxQueued: number;
  /** Samples the window's input policy dropped or repaired (see `fitSensor`). */
  outOfOrder: number;
  duplicates: number;
  gaps: number;
  filled: number;
  filledByChannel: Record<string, number>;
  /** The online threshold now (NaN before its warm-up ends or when `threshold` is not `'online'`). */
  onlineThreshold: number;
  /** The latest drift test. */
  drift: DriftState;
}

export type { SensorSample };
