/**
 * Online mappings from the stream's raw window scores (negative ELBO, nats) to NAB's anomaly_score in
 * [0, 1]. Each uses only what is known when the row arrives: the calibration scores in the model
 * (held-out windows of the training period) and the scores of earlier rows.
 *
 * - `likelihood` (default), after Numenta's anomaly likelihood: the mean of the last `short` raw
 *   scores, as a z-score against the mean and standard deviation of the last `history` such means
 *   (seeded with the calibration scores); its Gaussian tail probability p; anomaly_score =
 *   min(1, −log10(p) / 100), a log scale so that the corpus threshold can still tell rare from very rare.
 * - `pvalue`: 1 − the stream's conformal p-value against the calibration scores (fixed reference).
 * - `suppress` (any mapping): a row whose mapped score does not exceed every mapped score of the
 *   previous `suppress` rows reports 0, so a sustained excursion is one detection, not hundreds of
 *   false positives after its window (NAB counts every flagged row outside a window).
 */

export type MappingKind = 'likelihood' | 'pvalue';

export interface MappingOptions {
  kind: MappingKind;
  /** Raw scores averaged into the short-term mean (likelihood). */
  short: number;
  /** Short-term means kept for the running mean and deviation (likelihood). */
  history: number;
  /** Rows over which a new detection must beat the previous ones (0: off). */
  suppress: number;
}

export const DEFAULT_MAPPING: Readonly<MappingOptions> = Object.freeze({ kind: 'likelihood', short: 5, history: 2000, suppress: 0 });

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

/** A fixed-size window of numbers with its running sum and sum of squares. */
class RunningWindow {
  readonly #values: Float64Array;
  #count = 0;
  #sum = 0;
  #sq = 0;
  constructor(size: number) {
    this.#values = new Float64Array(Math.max(1, size));
  }
  add(x: number): void {
    const slot = this.#count++ % this.#values.length;
    if (this.#count > this.#values.length) {
      const old = this.#values[slot]!;
      this.#sum -= old;
      this.#sq -= old * old;
    }
    this.#values[slot] = x;
    this.#sum += x;
    this.#sq += x * x;
  }
  get size(): number {
    return Math.min(this.#count, this.#values.length);
  }
  mean(): number {
    return this.#sum / this.size;
  }
  std(): number {
    const n = this.size;
    const m = this.mean();
    return Math.sqrt(Math.max(0, this.#sq / n - m * m));
  }
}

/** Maps one raw score at a time, in row order. */
export class OnlineMapping {
  readonly #o: MappingOptions;
  readonly #short: RunningWindow;
  readonly #history: RunningWindow;
  readonly #recent: Float64Array;
  #rows = 0;

  /** `calibration`: the model's held-out normal scores (`manifest.calibration.normalScores`). */
  constructor(calibration: readonly number[], options: MappingOptions = DEFAULT_MAPPING) {
    this.#o = options;
    this.#short = new RunningWindow(options.short);
    this.#history = new RunningWindow(options.history);
    for (const s of calibration) this.#history.add(s);
    this.#recent = new Float64Array(Math.max(1, options.suppress));
  }

  /** The anomaly score of the row whose window scored `raw` (its conformal p-value: `pValue`). */
  next(raw: number, pValue: number): number {
    const mapped = this.#o.kind === 'pvalue' ? 1 - pValue : this.#likelihood(raw);
    return this.#suppress(mapped);
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

  #suppress(mapped: number): number {
    const n = this.#o.suppress;
    if (n <= 0) return mapped;
    const recent = this.#recent;
    let top = -Infinity;
    for (let i = 0; i < Math.min(this.#rows, n); i++) top = Math.max(top, recent[i]!);
    recent[this.#rows++ % n] = mapped;
    return mapped > top ? mapped : 0;
  }
}
