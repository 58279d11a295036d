/** What `Detector.score()` returns: per-row scores, their parts, calibration verdicts, explanations. */
import type { Adapter, AdapterInput, TabularRecord } from '@novae/adapters';
import { DetectorInputError } from './errors.js';
import { explainColumns, type Explanation } from './explain.js';
import { explainChannels } from './explain-channels.js';

export interface ScoreResult {
  /** Number of rows scored. */
  readonly length: number;
  /** Novelty score per row: the negative ELBO in nats (`nll + kl`). Higher = more novel. */
  readonly scores: Float32Array;
  /** Reconstruction negative log-likelihood per row (mean over Monte Carlo samples). */
  readonly nll: Float32Array;
  /** KL(q(z|x) || N(0, I)) per row. */
  readonly kl: Float32Array;
  /** An & Cho's reconstruction probability as a score: −log mean_s exp(−nll_s). */
  readonly reconstructionProbability: Float32Array;
  /** Conformal p-value of each score against the calibration scores. */
  readonly pValues: Float64Array;
  /** `score > threshold`. */
  readonly isAnomaly: boolean[];
  /** The threshold used (the manifest's calibrated one unless overridden). */
  readonly threshold: number;
  /** Per-feature NLL, row-major `[length, ...inputShape]`: the anomaly map. */
  readonly featureScores: Float32Array;
  /** Decoder mean at z = mu, row-major like the input: what the model expected to see. */
  readonly recon: Float32Array;
  /** Latent posterior mean `[length, latentDim]`. */
  readonly mu: Float32Array;
  /** Latent posterior log-variance `[length, latentDim]`. */
  readonly logvar: Float32Array;
  /** The columns (channels, for sensor windows) behind row `i`'s score, most anomalous first (`top` limits how many). */
  explain(i: number, top?: number): Explanation;
}

/** A ScoreResult's data: plain typed arrays that can cross a worker boundary. */
export type ScoreData = Omit<ScoreResult, 'explain'>;

/** What `explain()` needs besides the scores: the adapter, the rows as encoded and as given. */
export interface ExplainContext {
  adapter: Adapter;
  baseline: readonly number[] | undefined;
  encoded: Float32Array;
  records: readonly AdapterInput[] | undefined;
}

/** Attach `explain()` to score data (on whichever side of a worker boundary the caller is). */
export function withExplain(data: ScoreData, context: ExplainContext): ScoreResult {
  const { adapter, baseline, encoded, records } = context;
  const n = data.length;
  return {
    ...data,
    explain(i: number, top?: number): Explanation {
      if (!Number.isInteger(i) || i < 0 || i >= n) {
        throw new DetectorInputError(`explain: row must be an integer from 0 to ${n - 1}, got ${i}`);
      }
      const columns = adapter.kind === 'sensor'
        ? explainChannels({ adapter, row: i, featureNll: data.featureScores, recon: data.recon, encoded, baseline })
        : explainColumns({
          adapter, row: i, featureNll: data.featureScores, recon: data.recon, encoded, baseline,
          record: records?.[i] as TabularRecord | undefined,
        });
      return {
        row: i, score: data.scores[i]!, pValue: data.pValues[i]!, isAnomaly: data.isAnomaly[i]!,
        columns: top === undefined ? columns : columns.slice(0, top),
      };
    },
  };
}
