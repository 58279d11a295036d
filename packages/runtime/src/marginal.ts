/**
 * The marginal term of `elbo-marginal` scores (tabular models): each encoded feature is mapped to a
 * standard-normal score q through its empirical CDF on the training rows, stored in the manifest as
 * quantile knots, and a row adds `weight · ½‖q‖²` to its negative ELBO. Between knots q is linear;
 * beyond the training range it continues from ±`tail` at one normal-score unit per encoded unit, so
 * a value far outside what training saw keeps raising the score instead of saturating.
 *
 * The VAE models the joint structure of a row; this term keeps the axis-aligned tail evidence (one
 * column at a rare value) that a reconstruction smooths over (bench/ACCURACY.md).
 */

/** One encoded feature's knots: ascending distinct values and their (non-decreasing) normal scores. */
export interface MarginalKnots {
  at: number[];
  q: number[];
}

/** The manifest's `score.marginal`. */
export interface MarginalTerm {
  /** Multiplies ½‖q‖²: the held-out rows' interquartile range of the ELBO over that of ½‖q‖². */
  weight: number;
  /** |q| just past either end of the training range. */
  tail: number;
  /** One entry per encoded feature, in encoding order. */
  features: MarginalKnots[];
}

/** Lookup buckets per knot interval: a value's bucket puts it within a knot or two of its interval. */
const BUCKETS_PER_KNOT = 2;

/** One feature's knots, ready for lookups. */
interface FeatureTable {
  /** Knots in float32, like the encoded values they are compared with. */
  at: Float32Array;
  q: Float64Array;
  /** Buckets of equal width over [at[0], at[last]]: `starts[b]` is the last knot at or below bucket b's lower edge. */
  starts: Int32Array;
  /** Buckets per encoded unit. */
  scale: number;
}

function featureTable(knots: MarginalKnots): FeatureTable {
  const at = Float32Array.from(knots.at);
  const q = Float64Array.from(knots.q);
  const last = at.length - 1;
  const buckets = Math.max(1, BUCKETS_PER_KNOT * last);
  const span = at[last]! - at[0]!;
  const scale = span > 0 ? buckets / span : 0;
  const starts = new Int32Array(buckets + 1);
  let k = 0;
  for (let b = 0; b <= buckets; b++) {
    const edge = at[0]! + b / scale;
    while (k < last - 1 && at[k + 1]! <= edge) k++;
    starts[b] = k;
  }
  return { at, q, starts, scale };
}

/** The normal score of `x` in one feature's `table`; `tail` is where the linear continuation starts. */
function normalScoreIn(table: FeatureTable, x: number, tail: number): number {
  const { at, q, starts, scale } = table;
  const last = at.length - 1;
  if (x > at[last]!) return tail + (x - at[last]!);
  if (x < at[0]!) return -tail + (x - at[0]!);
  if (last === 0) return q[0]!;
  // The knot interval [at[lo], at[lo + 1]] holding x: its bucket's first knot, then a short scan
  // (a binary search costs several unpredictable branches per value, about 3x slower).
  const b = Math.min(starts.length - 2, Math.floor((x - at[0]!) * scale));
  let lo = starts[b]!;
  while (lo > 0 && at[lo]! > x) lo--;
  while (lo < last - 1 && at[lo + 1]! <= x) lo++;
  const t = (x - at[lo]!) / (at[lo + 1]! - at[lo]!);
  return q[lo]! + t * (q[lo + 1]! - q[lo]!);
}

/** Evaluates a `MarginalTerm` over encoded rows. */
export class MarginalScorer {
  private readonly tables: FeatureTable[];
  private readonly weight: number;
  private readonly tail: number;

  constructor(term: MarginalTerm) {
    this.tables = term.features.map(featureTable);
    this.weight = term.weight;
    this.tail = term.tail;
  }

  /** Encoded features per row. */
  get width(): number {
    return this.tables.length;
  }

  /** The normal score q of value `x` of feature `j`. */
  normalScore(j: number, x: number): number {
    return normalScoreIn(this.tables[j]!, x, this.tail);
  }

  /**
   * Add the term to `n` scored rows in place: `weight · ½q²` to each feature's entry of
   * `featureScores` ([n, width]) and `weight · ½‖q‖²` to each row's `scores`. Returns the per-row term.
   */
  addTo(encoded: Float32Array, n: number, scores: Float32Array, featureScores: Float32Array): Float32Array {
    const width = this.width;
    const half = this.weight / 2;
    const rowSums = new Float64Array(n);
    const tail = this.tail;
    // Feature by feature: one feature's knots stay at hand for all rows. Each row still sums its
    // features in order 0..width-1, so the trainer and the runtime add the same float32 values.
    for (let j = 0; j < width; j++) {
      const table = this.tables[j]!;
      for (let i = 0; i < n; i++) {
        const k = i * width + j;
        const q = normalScoreIn(table, encoded[k]!, tail);
        const part = half * q * q;
        featureScores[k]! += part;
        rowSums[i]! += part;
      }
    }
    const term = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      term[i] = rowSums[i]!;
      scores[i]! += rowSums[i]!;
    }
    return term;
  }
}
