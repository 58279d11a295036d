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
 * The product's version of it (64 knots, fitted on the training split, weighted on the held-out
 * rows) is the trainer's fitMarginal and the runtime's MarginalScorer; this one stays for the
 * all-values and knot-count comparisons of score-mix.
 */
import { lowerBound, midRankScore, quantile, tailScore } from '@novae/trainer';

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
    this.extreme = tailScore(n);
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
    return midRankScore(this.sorted[j]!, x);
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
