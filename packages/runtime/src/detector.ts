/**
 * The Detector: a loaded novae model. Encodes raw input through the manifest's adapter, runs the
 * ONNX graph (in batches, one run at a time) and turns its outputs into scores, p-values, verdicts
 * and explanations.
 */
import { AdapterInputError, encodeInputs, type Adapter, type AdapterInput } from '@novae/adapters';
import type { InferenceSession } from 'onnxruntime-web';
import type { BackendName, OrtModule } from './backends.js';
import { DetectorInputError } from './errors.js';
import type { ImageSupport } from './image/index.js';
import type { Manifest } from './manifest.js';
import { MarginalScorer } from './marginal.js';
import { conformalPValues } from './pvalues.js';
import { fillStandardNormal } from './random.js';
import { RunQueue } from './run-queue.js';
import { withExplain, type ScoreResult } from './score-result.js';
import { createScoreStream, type ScoreStream } from './stream/score-stream.js';
import type { StreamOptions } from './stream/types.js';

/** Options of one `score()` / `scoreEncoded()` call; the detector's options are the defaults. */
export interface ScoreOptions {
  /** Monte Carlo samples of z. 1 (the default) scores at the posterior mean, deterministically. */
  samples?: number;
  /** Seed of the noise used when `samples > 1`. */
  seed?: number;
  /** Override the calibrated threshold for `isAnomaly`. */
  threshold?: number;
}

/** Rows per ONNX run: bounds memory for large inputs without costing throughput. */
const BATCH_ROWS = 8192;

const OUTPUTS = ['score', 'nll', 'kl', 'nll_samples', 'feature_nll', 'mu', 'logvar', 'recon'] as const;
type OutputName = (typeof OUTPUTS)[number];

export { DetectorInputError };

function checkSamples(samples: number): number {
  if (!Number.isInteger(samples) || samples < 1 || samples > 1024) {
    throw new DetectorInputError(`samples: expected an integer from 1 to 1024, got ${samples}`);
  }
  return samples;
}

export class Detector {
  /** The validated manifest of the model file. */
  readonly manifest: Manifest;
  /** The execution provider that actually runs the model. */
  readonly backend: BackendName;
  /** The fitted adapter rebuilt from the manifest: encodes raw input exactly as the trainer did. */
  readonly adapter: Adapter;
  /** Encoded features per row. */
  readonly width: number;

  private readonly queue = new RunQueue();
  /** The calibration scores as a typed array: the p-value search runs over it for every row. */
  private readonly normalScores: Float64Array;
  /** The `elbo-marginal` term, when the model has one. */
  private readonly marginal: MarginalScorer | undefined;
  private disposed = false;

  constructor(
    private readonly ort: OrtModule,
    private readonly session: InferenceSession,
    manifest: Manifest,
    backend: BackendName,
    adapter: Adapter,
    private readonly defaults: Required<Pick<ScoreOptions, 'samples' | 'seed'>>,
    private readonly image?: ImageSupport,
  ) {
    this.manifest = manifest;
    this.backend = backend;
    this.adapter = adapter;
    this.width = manifest.model.inputShape.reduce((a, b) => a * b, 1);
    this.normalScores = Float64Array.from(manifest.calibration.normalScores);
    const term = manifest.score.marginal;
    this.marginal = term === undefined ? undefined : new MarginalScorer(term);
    if (this.adapter.width !== this.width) {
      throw new DetectorInputError(
        `model: the adapter encodes ${this.adapter.width} features but the model expects ${this.width}`,
      );
    }
    checkSamples(defaults.samples);
  }

  /**
   * Score raw inputs, encoded by the model's adapter first: records for a tabular model, windows
   * (`adapter.windows(samples)`) for a sensor model. To score a live series, use `stream()`.
   */
  async score(records: readonly AdapterInput[], options: ScoreOptions = {}): Promise<ScoreResult> {
    if (!Array.isArray(records)) {
      throw new AdapterInputError(`score: records must be an array of objects, got ${typeof records}`);
    }
    const encoded = encodeInputs(this.adapter, records);
    return this.scoreEncoded(encoded, records.length, options, records);
  }

  /** Score rows already encoded by the adapter: `n` rows of `width` floats, row-major. */
  async scoreEncoded(
    encoded: Float32Array,
    n: number,
    options: ScoreOptions = {},
    records?: readonly AdapterInput[],
  ): Promise<ScoreResult> {
    this.assertOpen();
    if (!(encoded instanceof Float32Array)) {
      throw new DetectorInputError(`scoreEncoded: input must be a Float32Array, got ${Object.prototype.toString.call(encoded)}`);
    }
    if (!Number.isInteger(n) || n < 0 || encoded.length !== n * this.width) {
      throw new DetectorInputError(
        `scoreEncoded: expected ${n} rows x ${this.width} features = ${n * this.width} floats, got ${encoded.length}`,
      );
    }
    const samples = checkSamples(options.samples ?? this.defaults.samples);
    const seed = options.seed ?? this.defaults.seed;
    const threshold = options.threshold ?? this.manifest.calibration.threshold;
    const K = this.manifest.model.latentDim;
    const eps = new Float32Array(samples * n * K);
    if (samples > 1) fillStandardNormal(eps, seed);

    const out = await this.queue.run(() => this.runBatches(encoded, eps, n, samples));
    // The output arrays are this call's own, so the marginal term is added to them in place.
    const marginal = this.marginal?.addTo(encoded, n, out.score, out.feature_nll) ?? new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(out.score[i]!)) {
        throw new DetectorInputError(`row ${i}: the model produced a non-finite score (${out.score[i]}); check the input for extreme values`);
      }
    }
    const pValues = conformalPValues(out.score, this.normalScores);
    const isAnomaly = new Array<boolean>(n);
    for (let i = 0; i < n; i++) isAnomaly[i] = out.score[i]! > threshold;
    const data = {
      length: n,
      scores: out.score,
      nll: out.nll,
      kl: out.kl,
      marginal,
      reconstructionProbability: reconstructionProbabilityOf(out.nll_samples, samples, n),
      pValues,
      isAnomaly,
      threshold,
      featureScores: out.feature_nll,
      recon: out.recon,
      mu: out.mu,
      logvar: out.logvar,
    };
    const baseline = this.manifest.calibration.featureBaseline;
    return withExplain(data, { adapter: this.adapter, baseline, encoded, records, mapScale: this.manifest.calibration.mapScale, image: this.image });
  }

  /**
   * Score a sensor series as it arrives (sensor models only): a `TransformStream` from samples to one
   * score per window, micro-batched, with backpressure, an optional online threshold and a drift flag.
   * `samples.pipeThrough(detector.stream())`, or `scoreStream(detector, iterable)` for `for await`.
   */
  stream(options: StreamOptions = {}): ScoreStream {
    this.assertOpen();
    return createScoreStream(this, options);
  }

  /** Release the ONNX Runtime session. The detector cannot score afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue.run(() => this.session.release());
  }

  private assertOpen(): void {
    if (this.disposed) throw new DetectorInputError('detector: already disposed');
  }

  private async runBatches(
    encoded: Float32Array, eps: Float32Array, n: number, samples: number,
  ): Promise<Record<OutputName, Float32Array>> {
    const K = this.manifest.model.latentDim;
    // One batch (the common case): hand the output tensors' own arrays back, no copies.
    if (n > 0 && n <= BATCH_ROWS) return this.runOnce(encoded, eps, n, samples);
    const D = this.width;
    const perRow: Record<OutputName, number> = {
      score: 1, nll: 1, kl: 1, nll_samples: samples, feature_nll: D, mu: K, logvar: K, recon: D,
    };
    const result = Object.fromEntries(OUTPUTS.map((o) => [o, new Float32Array(n * perRow[o])])) as Record<OutputName, Float32Array>;
    for (let start = 0; start < n; start += BATCH_ROWS) {
      const rows = Math.min(BATCH_ROWS, n - start);
      const epsBatch = new Float32Array(samples * rows * K);
      for (let s = 0; s < samples; s++) {
        epsBatch.set(eps.subarray((s * n + start) * K, (s * n + start + rows) * K), s * rows * K);
      }
      const outputs = await this.runOnce(encoded.subarray(start * D, (start + rows) * D), epsBatch, rows, samples);
      for (const name of OUTPUTS) {
        const data = outputs[name];
        if (name === 'nll_samples') {
          for (let s = 0; s < samples; s++) result.nll_samples.set(data.subarray(s * rows, (s + 1) * rows), s * n + start);
        } else {
          result[name].set(data, start * perRow[name]);
        }
      }
    }
    return result;
  }

  /** One ONNX run over `rows` rows; returns the outputs' CPU arrays (owned by the caller). */
  private async runOnce(
    x: Float32Array, eps: Float32Array, rows: number, samples: number,
  ): Promise<Record<OutputName, Float32Array>> {
    const { Tensor } = this.ort;
    const K = this.manifest.model.latentDim;
    const outputs = await this.session.run({
      x: new Tensor('float32', x, [rows, ...this.manifest.model.inputShape]),
      eps: new Tensor('float32', eps, [samples, rows, K]),
    });
    const result = {} as Record<OutputName, Float32Array>;
    for (const name of OUTPUTS) {
      const tensor = outputs[name];
      if (!tensor) throw new DetectorInputError(`model: the graph has no '${name}' output`);
      result[name] = tensor.data as Float32Array;
    }
    return result;
  }
}

/** −log mean_s exp(−nll_s) per row, computed stably (log-sum-exp). `nllSamples` is [S, N]. */
function reconstructionProbabilityOf(nllSamples: Float32Array, samples: number, n: number): Float32Array {
  // One sample: -log(mean_s exp(-nll_s)) is that sample's NLL itself, already laid out [1, N].
  if (samples === 1) return nllSamples;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let min = Infinity;
    for (let s = 0; s < samples; s++) min = Math.min(min, nllSamples[s * n + i]!);
    let sum = 0;
    for (let s = 0; s < samples; s++) sum += Math.exp(-(nllSamples[s * n + i]! - min));
    out[i] = min - Math.log(sum / samples);
  }
  return out;
}
