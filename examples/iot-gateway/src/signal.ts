/**
 * The simulated machine: a seeded generator of three-channel readings (temperature, vibration,
 * motor current) sampled at a fixed rate, driven by a compressed "daily" load cycle, with faults
 * applied at known timestamps. Same seed, rate and faults: the same readings, whatever the pace
 * they are published at.
 */
import { mulberry32 } from '@novae/runtime';

/** The channels every reading carries, in the order the adapter encodes them. */
export const CHANNELS = ['temperature', 'vibration', 'current'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One reading, as published: device time in epoch ms and one value per channel. */
export type Reading = {
  timestamp: number;
  temperature: number;
  vibration: number;
  current: number;
};

export type FaultKind = 'spike' | 'drift' | 'stuck' | 'noise-burst';

/** A fault on one channel over `[onset, end)` (epoch ms, device time). */
export interface Fault {
  kind: FaultKind;
  channel: Channel;
  onset: number;
  end: number;
}

export interface SignalOptions {
  /** Seeds the measurement noise (default 1). */
  seed?: number;
  /** Samples per second (default 200; keep it well above 100: the vibration has a 50 Hz harmonic). */
  rateHz?: number;
  /** Device time of the first reading, epoch ms (default 2026-01-01T00:00:00Z). */
  start?: number;
  /** Faults to apply (default none: a healthy machine). */
  faults?: readonly Fault[];
}

/** Device time of the first reading unless told otherwise. */
export const DEFAULT_START = Date.UTC(2026, 0, 1);
export const DEFAULT_RATE_HZ = 200;

/** One compressed "day" of the load cycle, in seconds: short enough that a run sees every phase. */
const DAY_S = 10;
/** Shaft rotation (vibration) and current ripple frequencies, Hz. */
const ROTATION_HZ = 25;
const RIPPLE_HZ = 12.5;
/** Temperature follows the load with this lag, s. */
const THERMAL_LAG_S = 1;
/** Measurement noise (std) per channel. */
const NOISE = { temperature: 0.05, vibration: 0.05, current: 0.05 } as const;

/** Fault sizes: what each kind does to its channel. */
export const FAULT_EFFECT = {
  /** Added to the channel while the spike lasts. */
  spike: 2.5,
  /** Offset growth per second since onset (a sensor drifting out of calibration). */
  driftPerSecond: 2.5,
  /** Noise std during a burst (instead of the channel's usual noise). */
  burstNoise: 0.6,
} as const;

/** Machine load in [0.15, 0.95]: the daily cycle plus a slower wobble. */
function load(t: number): number {
  return 0.55 + 0.3 * Math.sin((2 * Math.PI * t) / DAY_S) + 0.05 * Math.sin((2 * Math.PI * t) / 3.7);
}

/** A reading generator: call `next()` for each sample, in order. */
export class MachineSignal {
  readonly rateHz: number;
  readonly start: number;
  readonly #random: () => number;
  readonly #faults: readonly Fault[];
  /** Value held by a stuck channel, per fault. */
  readonly #stuck = new Map<Fault, number>();
  #index = 0;
  #spare: number | null = null;

  constructor(options: SignalOptions = {}) {
    this.rateHz = options.rateHz ?? DEFAULT_RATE_HZ;
    this.start = options.start ?? DEFAULT_START;
    this.#random = mulberry32(options.seed ?? 1);
    this.#faults = options.faults ?? [];
  }

  /** Readings produced so far. */
  get index(): number {
    return this.#index;
  }

  /** Device time (epoch ms) of reading `i`. */
  timeOf(i: number): number {
    return this.start + Math.round((i * 1000) / this.rateHz);
  }

  next(): Reading {
    const i = this.#index++;
    const timestamp = this.timeOf(i);
    const t = i / this.rateHz;
    const now = load(t);
    const rotation = 2 * Math.PI * ROTATION_HZ * t;
    const amplitude = 0.4 + 0.8 * now;
    const noise = { temperature: this.#gauss(), vibration: this.#gauss(), current: this.#gauss() };
    const reading: Reading = {
      timestamp,
      temperature: 35 + 10 * load(t - THERMAL_LAG_S) + NOISE.temperature * noise.temperature,
      vibration: amplitude * (Math.sin(rotation) + 0.3 * Math.sin(2 * rotation + 0.5)) + NOISE.vibration * noise.vibration,
      current: 2 + 6 * now + 0.3 * Math.sin(2 * Math.PI * RIPPLE_HZ * t + 1) + NOISE.current * noise.current,
    };
    for (const fault of this.#faults) {
      if (timestamp >= fault.onset && timestamp < fault.end) this.#apply(fault, reading, noise[fault.channel]);
    }
    return reading;
  }

  #apply(fault: Fault, reading: Reading, noise: number): void {
    const c = fault.channel;
    switch (fault.kind) {
      case 'spike':
        reading[c] += FAULT_EFFECT.spike;
        break;
      case 'drift':
        reading[c] += (FAULT_EFFECT.driftPerSecond * (reading.timestamp - fault.onset)) / 1000;
        break;
      case 'stuck': {
        const held = this.#stuck.get(fault) ?? reading[c];
        this.#stuck.set(fault, held);
        reading[c] = held;
        break;
      }
      case 'noise-burst':
        reading[c] += (FAULT_EFFECT.burstNoise - NOISE[c]) * noise;
        break;
    }
  }

  /** A standard normal draw (Box-Muller, both values used). */
  #gauss(): number {
    if (this.#spare !== null) {
      const s = this.#spare;
      this.#spare = null;
      return s;
    }
    const u = 1 - this.#random();
    const v = this.#random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** `n` consecutive readings of a machine (healthy unless `options.faults` says otherwise). */
export function readings(n: number, options: SignalOptions = {}): Reading[] {
  const signal = new MachineSignal(options);
  return Array.from({ length: n }, () => signal.next());
}
