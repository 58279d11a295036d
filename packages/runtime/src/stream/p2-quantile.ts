/**
 * Streaming quantiles in constant memory: the P² algorithm of Jain & Chlamtac (1985, "The P²
 * algorithm for dynamic calculation of quantiles and histograms without storing observations",
 * CACM 28(10)), and `RecentQuantile`, two staggered P² estimators that follow recent data only.
 */

/** One P² estimator of the `p`-quantile of everything added: five markers, O(1) per observation. */
export class P2Quantile {
  readonly p: number;
  /** Marker heights q1..q5 (0-based here). */
  readonly #q = new Float64Array(5);
  /** Actual marker positions n1..n5 (1-based ranks, as in the paper). */
  readonly #n = new Float64Array(5);
  /** Desired marker positions n'1..n'5. */
  readonly #desired = new Float64Array(5);
  /** Increments of the desired positions per observation. */
  readonly #increment: Float64Array;
  #count = 0;

  constructor(p: number) {
    if (!(p > 0 && p < 1)) throw new RangeError(`P2Quantile: p must be in (0, 1), got ${p}`);
    this.p = p;
    this.#increment = Float64Array.from([0, p / 2, p, (1 + p) / 2, 1]);
  }

  /** Observations added so far. */
  get count(): number {
    return this.#count;
  }

  /** Add one observation (NaN is ignored). */
  add(x: number): void {
    if (Number.isNaN(x)) return;
    const q = this.#q;
    const n = this.#n;
    if (this.#count < 5) {
      q[this.#count++] = x;
      if (this.#count === 5) {
        q.sort();
        const p = this.p;
        n.set([1, 2, 3, 4, 5]);
        this.#desired.set([1, 1 + 2 * p, 1 + 4 * p, 3 + 2 * p, 5]);
      }
      return;
    }
    this.#count++;
    // B1: the cell k with q[k] <= x < q[k + 1], extending the extremes.
    let k: number;
    if (x < q[0]!) { q[0] = x; k = 0; }
    else if (x >= q[4]!) { q[4] = x; k = 3; }
    else { k = 0; while (x >= q[k + 1]!) k++; }
    // B2: shift the positions of the markers above the cell and every desired position.
    for (let i = k + 1; i < 5; i++) n[i]!++;
    for (let i = 0; i < 5; i++) this.#desired[i]! += this.#increment[i]!;
    // B3: move the middle markers towards their desired positions, by one rank at most.
    for (let i = 1; i <= 3; i++) {
      const d = this.#desired[i]! - n[i]!;
      if ((d >= 1 && n[i + 1]! - n[i]! > 1) || (d <= -1 && n[i - 1]! - n[i]! < -1)) {
        const s = Math.sign(d);
        const candidate = this.#parabolic(i, s);
        q[i] = q[i - 1]! < candidate && candidate < q[i + 1]! ? candidate : this.#linear(i, s);
        n[i]! += s;
      }
    }
  }

  /** The current estimate: exact (type-7 interpolation) below 5 observations; NaN when empty. */
  value(): number {
    if (this.#count >= 5) return this.#q[2]!;
    if (this.#count === 0) return Number.NaN;
    const sorted = this.#q.slice(0, this.#count).sort();
    const h = (this.#count - 1) * this.p;
    const lo = Math.floor(h);
    const hi = Math.min(this.#count - 1, lo + 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  }

  /** Forget every observation. */
  reset(): void {
    this.#count = 0;
  }

  /** The piecewise-parabolic (P²) prediction of marker `i` moved by `d` (±1). */
  #parabolic(i: number, d: number): number {
    const q = this.#q;
    const n = this.#n;
    return q[i]! + (d / (n[i + 1]! - n[i - 1]!)) * (
      ((n[i]! - n[i - 1]! + d) * (q[i + 1]! - q[i]!)) / (n[i + 1]! - n[i]!) +
      ((n[i + 1]! - n[i]! - d) * (q[i]! - q[i - 1]!)) / (n[i]! - n[i - 1]!)
    );
  }

  /** Linear prediction of marker `i` moved by `d`, used when the parabola leaves its neighbours. */
  #linear(i: number, d: number): number {
    const q = this.#q;
    const n = this.#n;
    return q[i]! + (d * (q[i + d]! - q[i]!)) / (n[i + d]! - n[i]!);
  }
}

/**
 * The `p`-quantile of recent observations in constant memory: two P² estimators, staggered by
 * `window / 2` observations, each restarted after `window` observations. The estimate comes from
 * the older one, so it always covers between the last `window / 2` and the last `window`
 * observations (all of them until the first restart).
 */
export class RecentQuantile {
  readonly p: number;
  readonly window: number;
  readonly #estimators: [P2Quantile, P2Quantile];
  #seen = 0;

  constructor(p: number, window: number) {
    if (!Number.isInteger(window) || window < 10) {
      throw new RangeError(`RecentQuantile: window must be an integer >= 10, got ${window}`);
    }
    this.p = p;
    this.window = window;
    this.#estimators = [new P2Quantile(p), new P2Quantile(p)];
  }

  /** Observations added so far (not only those in the current window). */
  get count(): number {
    return this.#seen;
  }

  add(x: number): void {
    if (Number.isNaN(x)) return;
    const half = this.window >> 1;
    this.#seen++;
    for (const e of this.#estimators) if (e.count >= this.window) e.reset();
    this.#estimators[0].add(x);
    if (this.#seen > half) this.#estimators[1].add(x);
  }

  /** The estimate over recent observations (NaN before the first). */
  value(): number {
    const [a, b] = this.#estimators;
    return (a.count >= b.count ? a : b).value();
  }
}
