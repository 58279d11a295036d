/**
 * The trainer's own deterministic scoring (TF.js, posterior mean, S = 1): used for early stopping,
 * calibration, and as the reference the exported ONNX model must match.
 */
import * as tf from '@tensorflow/tfjs';
import type { MarginalScorer } from '@novae/runtime';
import type { Vae } from './vae.js';

export interface RowScores {
  /** nll + kl, plus `marginal` for `elbo-marginal` models: the runtime's `scores`. */
  score: Float32Array;
  nll: Float32Array;
  kl: Float32Array;
  /** [N, D] per-feature NLL, plus each feature's part of `marginal`: the runtime's `featureScores`. */
  featureNll: Float32Array;
  /** The marginal term per row (absent for `elbo` models). */
  marginal?: Float32Array;
}

/** `scores` with the marginal term added, exactly as the runtime adds it (same code, same order). */
export function withMarginal(scores: RowScores, scorer: MarginalScorer, encoded: Float32Array, n: number): RowScores {
  const score = scores.score.slice();
  const featureNll = scores.featureNll.slice();
  const marginal = scorer.addTo(encoded, n, score, featureNll);
  return { score, nll: scores.nll, kl: scores.kl, featureNll, marginal };
}

/** Rows per forward pass unless a member asks for fewer (`Vae.evalBatchSize`). */
const EVAL_BATCH = 4096;

/**
 * Score `n` encoded rows at z = mu (eps = 0). For an ensemble, the per-feature NLL and the KL are
 * the mean over the members, as in the exported graph.
 */
export function scoreRows(vaes: Vae | readonly Vae[], encoded: Float32Array, n: number): RowScores {
  const members: readonly Vae[] = Array.isArray(vaes) ? vaes : [vaes as Vae];
  const D = members[0]!.config.inputDim;
  const batch = Math.min(EVAL_BATCH, ...members.map((m) => m.evalBatchSize ?? EVAL_BATCH));
  const out: RowScores = {
    score: new Float32Array(n), nll: new Float32Array(n), kl: new Float32Array(n), featureNll: new Float32Array(n * D),
  };
  for (let start = 0; start < n; start += batch) {
    const rows = Math.min(batch, n - start);
    const [fnll, nll, kl, score] = tf.tidy(() => {
      const x = tf.tensor2d(encoded.subarray(start * D, (start + rows) * D), [rows, D]);
      const results = members.map((vae) => vae.forward(x, tf.zeros([1, rows, vae.config.latentDim]) as tf.Tensor3D));
      const mean = (ts: tf.Tensor[]): tf.Tensor => (ts.length === 1 ? ts[0]! : tf.div(tf.addN(ts), ts.length));
      const fnll2 = tf.reshape(mean(results.map((r) => r.featureNll)), [rows, D]);
      const kl = mean(results.map((r) => r.kl));
      const nll1 = tf.sum(fnll2, 1);
      return [fnll2, nll1, kl, tf.add(nll1, kl)];
    });
    out.featureNll.set(fnll!.dataSync() as Float32Array, start * D);
    out.nll.set(nll!.dataSync() as Float32Array, start);
    out.kl.set(kl!.dataSync() as Float32Array, start);
    out.score.set(score!.dataSync() as Float32Array, start);
    tf.dispose([fnll!, nll!, kl!, score!]);
  }
  return out;
}

/** Mean score of `n` encoded rows (the validation loss used for early stopping). */
export function meanScore(vae: Vae, encoded: Float32Array, n: number): number {
  const { score } = scoreRows(vae, encoded, n);
  let sum = 0;
  for (const s of score) sum += s;
  return sum / Math.max(1, n);
}
