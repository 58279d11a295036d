/**
 * What `train()` returns: the fitted adapter, the manifest and the verified ONNX bytes, with
 * `save()` (atomic, re-verified on disk) and `evaluate()` (labelled rows -> ROC-AUC, PR-AUC, F1).
 * A sensor model scores a series (cut into windows here) or windows.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import type {
  Adapter, AdapterInput, ImageAdapter, ImageInput, SensorAdapter, SensorSample, SensorWindow, TabularAdapter, TabularRecord,
} from '@novae/adapters';
import { loadDetector, type Detector, type Manifest, type ScoreResult } from '@novae/runtime';
import { f1At, MetricsInputError, prAuc, rocAuc } from './metrics.js';
import { cutWindows, isSensorWindow, windowLabels } from './sensor-series.js';
import type { TrainingDataSummary } from './training-data.js';
import type { RowScores } from './vae/evaluate.js';
import type { EpochProgress } from './vae/fit.js';
import { verifyExport, type ExportCheck } from './verify-export.js';

export interface Evaluation {
  rocAuc: number;
  prAuc: number;
  /** F1 of `score > threshold`. */
  f1: number;
  /** The calibrated threshold used for F1. */
  threshold: number;
}

/** Held-out rows and the trainer's own scores of them: the reference for every export check. */
export interface ValidationReference {
  encoded: Float32Array;
  rows: number;
  scores: RowScores;
}

/** What a model scores: records (tabular); a series of samples in time order, or its windows (sensor); images. */
export type ModelInput<A extends Adapter> =
  A extends SensorAdapter ? SensorSample | SensorWindow : A extends ImageAdapter ? ImageInput : TabularRecord;

/** A trained model; `TrainedModel<SensorAdapter>` for a sensor model (the default is tabular). */
export class TrainedModel<A extends Adapter = TabularAdapter> {
  /** The exported model file (ONNX bytes with the manifest inside). */
  readonly bytes: Uint8Array;
  readonly manifest: Manifest;
  readonly adapter: A;
  /** What the training data became: rows (records, or windows), the split, windows dropped at its boundary. */
  readonly data: TrainingDataSummary;
  /** Per-epoch progress, as reported to `onProgress`. */
  readonly history: readonly EpochProgress[];
  /** The runtime-vs-trainer check run on the bytes right after export. */
  readonly exportCheck: ExportCheck;
  /**
   * The held-out normal rows (encoded) and the trainer's own TF.js scores of them, with the marginal
   * term added as the runtime adds it (table models): what calibration and every export check use.
   */
  readonly heldOut: ValidationReference;
  private detectorPromise: Promise<Detector> | undefined;

  constructor(init: {
    bytes: Uint8Array; manifest: Manifest; adapter: A; history: EpochProgress[];
    exportCheck: ExportCheck; heldOut: ValidationReference; data: TrainingDataSummary;
  }) {
    this.bytes = init.bytes;
    this.manifest = init.manifest;
    this.adapter = init.adapter;
    this.data = init.data;
    this.history = init.history;
    this.exportCheck = init.exportCheck;
    this.heldOut = init.heldOut;
  }

  /**
   * Write the model file to `path`. It is written to a temporary file beside `path`, scored there by
   * @novae/runtime and compared with the trainer's scores, and only then renamed into place: a failed
   * save never leaves a half-written or unverified file.
   */
  async save(path: string): Promise<ExportCheck> {
    const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, this.bytes);
      const check = await verifyExport(temporary, this.heldOut.encoded, this.heldOut.rows, this.heldOut.scores);
      await rename(temporary, path);
      return check;
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  /** A runtime detector over this model's bytes (opened once, reused). */
  detector(): Promise<Detector> {
    this.detectorPromise ??= loadDetector(this.bytes);
    return this.detectorPromise;
  }

  /**
   * Score raw inputs with the exported model, exactly as a deployed runtime would: records, or for a
   * sensor model a series (one score per window, in window order) or windows.
   */
  async score(inputs: readonly ModelInput<A>[]): Promise<ScoreResult> {
    return (await this.detector()).score(this.modelRows(inputs).rows);
  }

  /**
   * ROC-AUC, PR-AUC and F1 at the calibrated threshold on labelled inputs (label 1 = anomaly), one
   * label per input. A sensor series is scored per window, and each window takes the label of its
   * last sample.
   */
  async evaluate(inputs: readonly ModelInput<A>[], labels: ArrayLike<number | boolean>): Promise<Evaluation> {
    const { rows, ends } = this.modelRows(inputs);
    if (ends !== undefined && labels.length !== inputs.length) {
      throw new MetricsInputError(`labels: expected ${inputs.length} labels (one per sample), got ${labels.length}`);
    }
    const windowed = ends === undefined ? labels : windowLabels(labels, ends);
    const { scores, threshold } = await (await this.detector()).score(rows);
    return { rocAuc: rocAuc(scores, windowed), prAuc: prAuc(scores, windowed), f1: f1At(scores, windowed, threshold), threshold };
  }

  /** The rows the detector scores: the inputs, or the windows of a sensor series with their last samples. */
  private modelRows(inputs: readonly ModelInput<A>[]): { rows: readonly AdapterInput[]; ends?: number[] } {
    const adapter = this.adapter as Adapter;
    if (adapter.kind !== 'sensor' || !Array.isArray(inputs) || inputs.length === 0 || isSensorWindow(inputs[0])) {
      return { rows: inputs as readonly AdapterInput[] };
    }
    const { windows, ends } = cutWindows(adapter, inputs as readonly SensorSample[]);
    return { rows: windows, ends };
  }

  /** Release the runtime session held by `detector()`/`score()`/`evaluate()`. */
  async dispose(): Promise<void> {
    const detector = this.detectorPromise;
    this.detectorPromise = undefined;
    if (detector) await (await detector).dispose();
  }
}
