/**
 * A per-feature "marginal expert" for the score experiments of bench/ACCURACY.md: each encoded
 * column is mapped to a normal score through its empirical CDF on the training rows (mid-ranks, so
 * ties and discrete columns are handled), and a row's marginal score is ½‖q‖², the negative log
 * density of independent standard-normal scores. It is ECOD-like: axis-aligned tail evidence, which
 * a VAE's reconstruction smooths over. Beyond the training range a column continues linearly, one
 * normal-score unit per encoded unit (the adapter's encoding has unit training std), so a value far
 * outside the range keeps growing instead of saturating at the most extreme rank.
 *
 * With `knots`, a column is summarised by that many quantiles of its training values and the map is
 * piecewise linear between them: what a model file could store instead of every training value.
 */
import { quantile } from '@novae/trainer';

/** Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation (relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Index of the first element of sorted `values` that is >= x (`strict`: > x). */
function lowerBound(values: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? values[mid]! <= x : values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The marginal expert fitted on `n` training rows of `width` encoded features. */
export class MarginalExpert {
  private readonly sorted: Float64Array[];
  /** Per column: knot values (ascending, distinct) and their normal scores, when summarised. */
  private readonly knots: { at: Float64Array; q: Float64Array }[] | undefined;
  /** Normal score of the most extreme mid-rank, where the linear continuation starts. */
  private readonly extreme: number;

  constructor(train: Float32Array, n: number, readonly width: number, knots?: number) {
    if (n < 1) throw new RangeError('MarginalExpert: no training rows');
    if (knots !== undefined && !(Number.isInteger(knots) && knots >= 2)) {
      throw new RangeError(`MarginalExpert: knots must be an integer >= 2, got ${knots}`);
    }
    this.extreme = normalQuantile(1 - 0.5 / (n + 1));
    this.sorted = Array.from({ length: width }, (_, j) => {
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) column[i] = train[i * width + j]!;
      return column.sort();
    });
    this.knots = knots === undefined ? undefined : this.sorted.map((column, j) => {
      const at = [...new Set(Array.from({ length: knots }, (_, k) => quantile(column, k / (knots - 1))))];
      return { at: Float64Array.from(at), q: Float64Array.from(at, (x) => this.rankScore(j, x)) };
    });
  }

  /** Normal score of value `x` of column `j`. */
  normalScore(j: number, x: number): number {
    const column = this.sorted[j]!;
    const n = column.length;
    if (x > column[n - 1]!) return this.extreme + (x - column[n - 1]!);
    if (x < column[0]!) return -this.extreme + (x - column[0]!);
    const knots = this.knots?.[j];
    if (knots === undefined) return this.rankScore(j, x);
    if (knots.at.length === 1) return knots.q[0]!;
    const k = Math.min(Math.max(lowerBound(knots.at, x, true) - 1, 0), knots.at.length - 2);
    const t = (x - knots.at[k]!) / (knots.at[k + 1]! - knots.at[k]!);
    return knots.q[k]! + t * (knots.q[k + 1]! - knots.q[k]!);
  }

  /** Normal score of the mid-rank of `x` (inside the training range) among column `j`'s values. */
  private rankScore(j: number, x: number): number {
    const column = this.sorted[j]!;
    const n = column.length;
    const midRank = (lowerBound(column, x, false) + lowerBound(column, x, true)) / 2;
    const p = Math.min(Math.max((midRank + 0.5) / (n + 1), 0.5 / (n + 1)), 1 - 0.5 / (n + 1));
    return normalQuantile(p);
  }

  /** ½‖q‖² of each of the `n` rows of `rows`. */
  scores(rows: Float32Array, n: number): number[] {
    return Array.from({ length: n }, (_, i) => {
      let sum = 0;
      for (let j = 0; j < this.width; j++) sum += this.normalScore(j, rows[i * this.width + j]!) ** 2;
      return sum / 2;
    });
  }
}
