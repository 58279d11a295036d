/**
 * Drift of the score distribution: the two-sample Kolmogorov–Smirnov statistic between the last
 * `window` scores and the calibration scores (`manifest.calibration.normalScores`), flagged when
 * it exceeds the asymptotic critical value `c(alpha) * sqrt((n + m) / (n m))`,
 * `c(alpha) = sqrt(-ln(alpha / 2) / 2)` (1.36 at alpha = 0.05, 1.63 at 0.01).
 *
 * Caveat: windows that overlap (stride < window) give correlated scores, so the test is
 * anti-conservative and the flag is a monitoring signal, not a calibrated p-value.
 */

/** sup_x |F_a(x) - F_b(x)| of two ascending samples (ties handled: both steps taken at once). */
export function ksStatistic(sortedA: ArrayLike<number>, sortedB: ArrayLike<number>): number {
  const n = sortedA.length;
  const m = sortedB.length;
  if (n === 0 || m === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(sortedA[i]!, sortedB[j]!);
    while (i < n && sortedA[i]! <= x) i++;
    while (j < m && sortedB[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/** The asymptotic two-sample KS critical value at level `alpha` for sample sizes `n` and `m`. */
export function ksCriticalValue(alpha: number, n: number, m: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((n + m) / (n * m));
}

/** Where the drift monitor stands after its latest check. */
export interface DriftState {
  /** KS statistic of the last `window` scores against the calibration scores (NaN until full). */
  statistic: number;
  /** The critical value it is compared with. */
  critical: number;
  /** `statistic > critical`. */
  drift: boolean;
}

/** A ring buffer of the last `window` scores, tested against the calibration scores on demand. */
export class DriftMonitor {
  readonly #reference: readonly number[];
  readonly #recent: Float64Array;
  readonly #critical: number;
  #count = 0;
  #state: DriftState;

  /** `reference` must be sorted ascending (the manifest's `normalScores` are). */
  constructor(reference: readonly number[], window: number, alpha: number) {
    this.#reference = reference;
    this.#recent = new Float64Array(window);
    this.#critical = ksCriticalValue(alpha, reference.length, window);
    this.#state = { statistic: Number.NaN, critical: this.#critical, drift: false };
  }

  add(score: number): void {
    this.#recent[this.#count++ % this.#recent.length] = score;
  }

  /** Re-test the window (once it is full) and return the result; before that, no drift. */
  check(): DriftState {
    if (this.#count >= this.#recent.length) {
      const statistic = ksStatistic(this.#reference, this.#recent.slice().sort());
      this.#state = { statistic, critical: this.#critical, drift: statistic > this.#critical };
    }
    return this.#state;
  }

  get state(): DriftState {
    return this.#state;
  }
}
