/** `StreamOptions` checked and defaulted in one place; errors name the option and the expected value. */
import { DetectorInputError } from '../errors.js';
import type { Manifest } from '../manifest.js';
import type { StreamOptions } from './types.js';

export interface ResolvedStreamOptions {
  maxBatch: number;
  maxDelayMs: number;
  maxQueue: number;
  dropOldest: boolean;
  /** A fixed threshold, or `'online'`. */
  threshold: number | 'online';
  online: { q: number; window: number; warmup: number };
  drift: { window: number; alpha: number } | null;
  samples: number | undefined;
  seed: number | undefined;
  highWaterMark: { samples: number; scores: number };
}

function integer(name: string, v: unknown, min: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new DetectorInputError(`stream: ${name}: expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function probability(name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0 && v < 1)) {
    throw new DetectorInputError(`stream: ${name}: expected a number in (0, 1), got ${JSON.stringify(v)}`);
  }
  return v;
}

export function resolveStreamOptions(options: StreamOptions, manifest: Manifest): ResolvedStreamOptions {
  if (typeof options !== 'object' || options === null) {
    throw new DetectorInputError(`stream: options: expected an object, got ${JSON.stringify(options)}`);
  }
  const maxBatch = integer('maxBatch', options.maxBatch, 1, 64);
  const maxDelayMs = options.maxDelayMs ?? 10;
  if (typeof maxDelayMs !== 'number' || !(maxDelayMs >= 0) || !Number.isFinite(maxDelayMs)) {
    throw new DetectorInputError(`stream: maxDelayMs: expected a finite number >= 0, got ${JSON.stringify(options.maxDelayMs)}`);
  }
  const maxQueue = integer('maxQueue', options.maxQueue, 1, 4 * maxBatch);
  const overflow = options.onOverflow ?? 'backpressure';
  if (overflow !== 'backpressure' && overflow !== 'drop-oldest') {
    throw new DetectorInputError(`stream: onOverflow: expected 'backpressure' or 'drop-oldest', got ${JSON.stringify(overflow)}`);
  }
  const t = options.threshold ?? 'calibrated';
  let threshold: number | 'online';
  if (t === 'calibrated') threshold = manifest.calibration.threshold;
  else if (t === 'online') threshold = 'online';
  else if (typeof t === 'number' && Number.isFinite(t)) threshold = t;
  else throw new DetectorInputError(`stream: threshold: expected 'calibrated', 'online' or a finite number, got ${JSON.stringify(t)}`);
  const o = options.online ?? {};
  const online = {
    q: probability('online.q', o.q, manifest.calibration.q),
    window: integer('online.window', o.window, 10, 1000),
    warmup: integer('online.warmup', o.warmup, 5, 100),
  };
  let drift: ResolvedStreamOptions['drift'] = null;
  if (options.drift !== false) {
    const d = options.drift ?? {};
    drift = { window: integer('drift.window', d.window, 10, 200), alpha: probability('drift.alpha', d.alpha, 0.01) };
  }
  const hwm = options.highWaterMark ?? {};
  return {
    maxBatch, maxDelayMs, maxQueue, dropOldest: overflow === 'drop-oldest', threshold, online, drift,
    samples: options.samples, seed: options.seed,
    highWaterMark: { samples: integer('highWaterMark.samples', hwm.samples, 0, 16), scores: integer('highWaterMark.scores', hwm.scores, 0, 16) },
  };
}
