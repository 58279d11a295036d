/**
 * Online mappings from the stream's raw window scores (negative ELBO, nats) to NAB's anomaly_score in
 * [0, 1]. Each uses only what is known when the row arrives: the calibration scores in the model
 * (held-out windows of the training period) and the scores of earlier rows.
 *
 * - `record` (default): how far the score breaks the record of the last `history` scores (seeded
 *   with the calibration scores): `a = (s − mean) / (max − mean)` over that history, anomaly_score =
 *   `a / (1 + a)` for `a > 0`, else 0. 0.5 is "equals the recent maximum"; the scale is the series'
 *   own recent range, so one corpus threshold fits series of very different noise.
 * - `likelihood`, after Numenta's anomaly likelihood: the mean of the last `short` raw scores as a
 *   z-score against the mean and standard deviation of the last `history` such means; its Gaussian
 *   tail probability p; anomaly_score = min(1, −log10(p) / 100).
 * - `pvalue`: 1 − the stream's conformal p-value against the calibration scores (fixed reference).
 *
 * `Suppressor` then keeps a row only when its score beats every score of the previous `suppress`
 * rows (else 0), so a sustained excursion is one detection, not a run of false positives after its
 * window (NAB counts every flagged row outside a window).
 */

import { RecentQuantile } from '@novae/runtime';

export type MappingKind = 'record' | 'quantile' | 'likelihood' | 'pvalue';

export interface MappingOptions {
  kind: MappingKind;
  /** Raw scores averaged into the short-term mean (likelihood). */
  short: number;
  /** Scores kept for the running statistics (record, likelihood). */
  history: number;
  /** Rows over which a new detection must beat the previous ones (0: off). */
  suppress: number;
  /** `quantile`: like `record` with this recent quantile (P², the runtime's RecentQuantile) for the maximum. */
  q?: number;
  /** `record`: let the maximum decay towards the mean with this half-life in rows (0 or unset: a plain window maximum). */
  halfLife?: number;
}

export const DEFAULT_MAPPING: Readonly<MappingOptions> = Object.freeze({ kind: 'record', short: 1, history: 5000, suppress: 100 });

/** log10 of the standard normal upper tail Q(z), accurate far into the tail. */
export function log10Tail(z: number): number {
  if (z < 5) return Math.log10(0.5 * erfc(z / Math.SQRT2));
  // Mills ratio asymptotics: Q(z) ≈ φ(z)/z · (1 − 1/z² + 3/z⁴).
  const lnQ = -0.5 * z * z - Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log(1 - 1 / (z * z) + 3 / z ** 4);
  return lnQ / Math.LN10;
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, |relative error| < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** The last `size` numbers with their running sum, sum of squares and maximum (monotone deque). */
export class RunningWindow {
  readonly #values: Float64Array;
  /** Indices (of `add` calls) of the decreasing maxima still in the window. */
  #maxima: number[] = [];
  #head = 0;
  #count = 0;
  #sum = 0;
  #sq = 0;

  constructor(size: number) {
    this.#values = new Float64Array(Math.max(1, size));
  }

  add(x: number): void {
    const size = this.#values.length;
    const slot = this.#count % size;
    if (this.#count >= size) {
      const old = this.#values[slot]!;
      this.#sum -= old;
      this.#sq -= old * old;
    }
    this.#values[slot] = x;
    this.#sum += x;
    this.#sq += x * x;
    const m = this.#maxima;
    while (m.length > this.#head && this.#valueAt(m[m.length - 1]!) <= x) m.pop();
    m.push(this.#count);
    this.#count++;
    while (m[this.#head]! <= this.#count - 1 - size) this.#head++;
    if (this.#head > 4096) { this.#maxima = m.slice(this.#head); this.#head = 0; }
  }

  #valueAt(index: number): number {
    return this.#values[index % this.#values.length]!;
  }

  get size(): number {
    return Math.min(this.#count, this.#values.length);
  }

  mean(): number {
    return this.#sum / this.size;
  }

  std(): number {
    const m = this.mean();
    return Math.sqrt(Math.max(0, this.#sq / this.size - m * m));
  }

  max(): number {
    return this.size === 0 ? Number.NaN : this.#valueAt(this.#maxima[this.#head]!);
  }
}

/** Maps one model's raw scores, one row at a time, in row order (no suppression). */
export class OnlineMapping {
  readonly #o: MappingOptions;
  readonly #short: RunningWindow;
  readonly #history: RunningWindow;
  readonly #quantile: RecentQuantile | null;
  /** The decaying maximum (`halfLife`), or NaN before the first score. */
  #top = Number.NaN;

  /** `calibration`: the model's held-out normal scores (`manifest.calibration.normalScores`). */
  constructor(calibration: readonly number[], options: MappingOptions = DEFAULT_MAPPING) {
    this.#o = options;
    this.#short = new RunningWindow(options.short);
    this.#history = new RunningWindow(options.history);
    this.#quantile = options.kind === 'quantile' ? new RecentQuantile(options.q ?? 0.99, Math.max(10, options.history)) : null;
    for (const s of calibration) { this.#history.add(s); this.#quantile?.add(s); }
  }

  /** The anomaly score in [0, 1] of the row whose window scored `raw` with conformal p-value `pValue`. */
  next(raw: number, pValue: number): number {
    switch (this.#o.kind) {
      case 'pvalue': return 1 - pValue;
      case 'record': return this.#record(raw);
      case 'quantile': return this.#record(raw, this.#quantile!);
      default: return this.#likelihood(raw);
    }
  }

  #record(raw: number, quantile?: RecentQuantile): number {
    const h = this.#history;
    const mean = h.mean();
    const halfLife = this.#o.halfLife ?? 0;
    if (halfLife > 0 && Number.isNaN(this.#top)) this.#top = h.max();
    const top = quantile ? quantile.value() : halfLife > 0 ? mean + (this.#top - mean) * 2 ** (-1 / halfLife) : h.max();
    const a = (raw - mean) / Math.max(top - mean, 1e-9 * Math.max(1, Math.abs(mean)));
    h.add(raw);
    quantile?.add(raw);
    if (halfLife > 0) this.#top = Math.max(top, raw);
    return a > 0 ? a / (1 + a) : 0;
  }

  #likelihood(raw: number): number {
    this.#short.add(raw);
    const avg = this.#short.mean();
    const h = this.#history;
    const sd = Math.max(h.std(), 1e-6 * Math.max(1, Math.abs(h.mean())));
    const z = (avg - h.mean()) / sd;
    h.add(avg);
    return Math.min(1, Math.max(0, -log10Tail(z) / 100));
  }
}

/** Keeps a row's score only when it beats every score of the previous `rows` rows; else 0. */
export class Suppressor {
  readonly #recent: RunningWindow | null;

  constructor(rows: number) {
    this.#recent = rows > 0 ? new RunningWindow(rows) : null;
  }

  next(score: number): number {
    const recent = this.#recent;
    if (recent === null) return score;
    const top = recent.size === 0 ? -Infinity : recent.max();
    recent.add(score);
    return score > top ? score : 0;
  }
}
