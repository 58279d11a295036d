/** What `Detector.score()` returns: per-row scores, their parts, calibration verdicts, explanations. */
import type { Adapter, AdapterInput, ImageAdapter, TabularRecord } from '@novae/adapters';
import { DetectorInputError } from './errors.js';
import { explainColumns, type ColumnContribution, type Explanation } from './explain.js';
import { explainChannels } from './explain-channels.js';
import type { ImageSupport } from './image/index.js';
import type { OverlayImage, OverlayOptions } from './image/overlay.js';

export interface ScoreResult {
  /** Number of rows scored. */
  readonly length: number;
  /**
   * Novelty score per row in nats, higher = more novel: the negative ELBO (`nll + kl`), plus
   * `marginal` for models whose `score.default` is `elbo-marginal`.
   */
  readonly scores: Float32Array;
  /** Reconstruction negative log-likelihood per row (mean over Monte Carlo samples). */
  readonly nll: Float32Array;
  /** KL(q(z|x) || N(0, I)) per row. */
  readonly kl: Float32Array;
  /** The marginal term per row (`weight · ½‖q‖²`, see `score.marginal`); zeros when the model has none. */
  readonly marginal: Float32Array;
  /** An & Cho's reconstruction probability as a score: −log mean_s exp(−nll_s). */
  readonly reconstructionProbability: Float32Array;
  /** Conformal p-value of each score against the calibration scores. */
  readonly pValues: Float64Array;
  /** `score > threshold`. */
  readonly isAnomaly: boolean[];
  /** The threshold used (the manifest's calibrated one unless overridden). */
  readonly threshold: number;
  /**
   * Per-feature score terms, row-major `[length, ...inputShape]`: the anomaly map. Each feature's NLL,
   * plus its part of the marginal term, so a row's entries sum to `nll + marginal` (= score − kl).
   */
  readonly featureScores: Float32Array;
  /** Decoder mean at z = mu, row-major like the input: what the model expected to see. */
  readonly recon: Float32Array;
  /** Latent posterior mean `[length, latentDim]`. */
  readonly mu: Float32Array;
  /** Latent posterior log-variance `[length, latentDim]`. */
  readonly logvar: Float32Array;
  /**
   * The columns (channels, for sensor windows; the hottest pixels `x,y`, ten unless `top` says, for
   * images) behind row `i`'s score, most anomalous first (`top` limits how many).
   */
  explain(i: number, top?: number): Explanation;
  /**
   * Image models: image `i`'s anomaly map, H×W row-major — per-pixel NLL above the normal images'
   * baseline, summed over channels, in nats. Throws for other models.
   */
  anomalyMap(i: number): Float32Array;
  /**
   * Image models: image `i` as the model saw it (resized, in its channels) with the anomaly map
   * blended over it as a heat colour: an `ImageData` in browsers, the same shape elsewhere.
   */
  overlay(i: number, options?: OverlayOptions): OverlayImage;
}

/** A ScoreResult's data: plain typed arrays that can cross a worker boundary. */
export type ScoreData = Omit<ScoreResult, 'explain' | 'anomalyMap' | 'overlay'>;

/** What `explain()` needs besides the scores: the adapter, the rows as encoded and as given. */
export interface ExplainContext {
  adapter: Adapter;
  baseline: readonly number[] | undefined;
  encoded: Float32Array;
  records: readonly AdapterInput[] | undefined;
  /** Image models: the calibrated full-strength excess for overlays (`calibration.mapScale`). */
  mapScale?: number | undefined;
  /** Image models: the map, overlay and pixel-explanation code (loaded with the model). */
  image?: ImageSupport | undefined;
}

/** Attach `explain()` to score data (on whichever side of a worker boundary the caller is). */
export function withExplain(data: ScoreData, context: ExplainContext): ScoreResult {
  const { adapter, baseline, encoded, records } = context;
  const n = data.length;
  const checkRow = (what: string, i: number): void => {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new DetectorInputError(`${what}: row must be an integer from 0 to ${n - 1}, got ${i}`);
    }
  };
  const imageAdapter = (what: string): [ImageAdapter, ImageSupport] => {
    if (adapter.kind !== 'image') throw new DetectorInputError(`${what}: only image models have anomaly maps (this is a ${adapter.kind} model)`);
    if (context.image === undefined) throw new DetectorInputError(`${what}: the image support was not loaded with this model`);
    return [adapter, context.image];
  };
  return {
    ...data,
    explain(i: number, top?: number): Explanation {
      checkRow('explain', i);
      const row = { row: i, featureNll: data.featureScores, recon: data.recon, encoded, baseline };
      let columns: ColumnContribution[];
      if (adapter.kind === 'image') {
        const [image, support] = imageAdapter('explain');
        columns = support.explainPixels({ adapter: image, ...row }, top ?? support.DEFAULT_PIXELS);
      }
      else if (adapter.kind === 'sensor') columns = explainChannels({ adapter, ...row });
      else columns = explainColumns({ adapter, ...row, record: records?.[i] as TabularRecord | undefined });
      return {
        row: i, score: data.scores[i]!, pValue: data.pValues[i]!, isAnomaly: data.isAnomaly[i]!,
        columns: top === undefined ? columns : columns.slice(0, top),
      };
    },
    anomalyMap(i: number): Float32Array {
      const [image, support] = imageAdapter('anomalyMap');
      checkRow('anomalyMap', i);
      return support.anomalyMapOf(data.featureScores, i, image.shape, baseline);
    },
    overlay(i: number, options: OverlayOptions = {}): OverlayImage {
      const [image, support] = imageAdapter('overlay');
      checkRow('overlay', i);
      const map = support.anomalyMapOf(data.featureScores, i, image.shape, baseline);
      let max = options.max ?? context.mapScale;
      if (max === undefined) for (const v of map) max = Math.max(max ?? 0, v);
      const [channels, height, width] = image.shape;
      const pixels = encoded.subarray(i * image.width, (i + 1) * image.width);
      return support.renderOverlay(map, width, height, { pixels, channels }, { ...options, max: max ?? 1 });
    },
  };
}
