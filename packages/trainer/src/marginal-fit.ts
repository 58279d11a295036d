/**
 * Fitting the marginal term of `elbo-marginal` scores (evaluated by @novae/runtime's MarginalScorer):
 * each encoded feature's empirical CDF on the training rows, summarised by quantile knots, maps a
 * value to a standard-normal score q; the term's weight makes `weight · ½‖q‖²` spread like the ELBO
 * on held-out rows. bench/ACCURACY.md has the measurements behind it.
 */
import { lowerBound, MarginalScorer, type MarginalKnots, type MarginalTerm } from '@novae/runtime';
import { quantile } from './calibration.js';

/** Quantile knots per feature: enough for the measured accuracy (64 and all values agree, bench/ACCURACY.md). */
export const MARGINAL_KNOTS = 64;

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

/** |q| of the most extreme mid-rank among `n` values: where the linear continuation starts. */
export function tailScore(n: number): number {
  return normalQuantile(1 - 0.5 / (n + 1));
}

/**
 * The normal score of the mid-rank of `x` among ascending `sorted` (ties share their mean rank, so
 * a discrete column's common value sits near 0 and its rare values in the tails).
 */
export function midRankScore(sorted: ArrayLike<number>, x: number): number {
  const n = sorted.length;
  const midRank = (lowerBound(sorted, x, false) + lowerBound(sorted, x, true)) / 2;
  const p = Math.min(Math.max((midRank + 0.5) / (n + 1), 0.5 / (n + 1)), 1 - 0.5 / (n + 1));
  return normalQuantile(p);
}

/** The shortest decimal that reads back as float32 `v` (the runtime compares knots in float32). */
function float32Number(v: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const short = Number(v.toPrecision(digits));
    if (Math.fround(short) === v) return short;
  }
  return Number(v.toPrecision(9));
}

/** `v` to `digits` significant digits: manifest numbers the runtime only multiplies or interpolates. */
function rounded(v: number, digits = 7): number {
  return Number(v.toPrecision(digits));
}

/** One feature's knots: `knots` quantiles of its sorted float32 training values, deduplicated. */
function featureKnots(sorted: Float32Array, knots: number): MarginalKnots {
  const at: number[] = [];
  for (let k = 0; k < knots; k++) {
    const v = Math.fround(quantile(sorted, k / (knots - 1)));
    if (at.length === 0 || v > at[at.length - 1]!) at.push(v);
  }
  return { at: at.map(float32Number), q: at.map((x) => rounded(midRankScore(sorted, x), 6)) };
}

/** Interquartile range of `values` (numpy's linear quantiles). */
function interquartileRange(values: Float32Array): number {
  const sorted = Float64Array.from(values).sort();
  return quantile(sorted, 0.75) - quantile(sorted, 0.25);
}

/**
 * Fit the marginal term: knots on the `n` training rows of `encoded` ([n, width]); the weight from
 * the held-out rows `heldOut` ([heldOutRows, width]) and their ELBO scores `heldOutScores`, as
 * IQR(ELBO) / IQR(½‖q‖²), so neither part dominates by its units. Returns undefined when either
 * range is 0 (too few or constant held-out rows): such a model scores by the ELBO alone.
 */
export function fitMarginal(
  encoded: Float32Array, n: number, width: number,
  heldOut: Float32Array, heldOutRows: number, heldOutScores: Float32Array,
  knots = MARGINAL_KNOTS,
): MarginalTerm | undefined {
  if (n < 1) return undefined;
  const features = Array.from({ length: width }, (_, j) => {
    const column = new Float32Array(n);
    for (let i = 0; i < n; i++) column[i] = encoded[i * width + j]!;
    return featureKnots(column.sort(), knots);
  });
  const unweighted: MarginalTerm = { weight: 1, tail: rounded(tailScore(n)), features };
  const halfSquares = new MarginalScorer(unweighted).addTo(
    heldOut, heldOutRows, new Float32Array(heldOutRows), new Float32Array(heldOutRows * width),
  );
  const spread = interquartileRange(halfSquares);
  const elboSpread = interquartileRange(heldOutScores);
  if (!(spread > 0 && elboSpread > 0 && Number.isFinite(spread / elboSpread))) return undefined;
  return { ...unweighted, weight: rounded(elboSpread / spread) };
}
