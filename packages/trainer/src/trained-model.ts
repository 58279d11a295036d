/**
 * What `train()` returns: the fitted adapter, the manifest and the verified ONNX bytes, with
 * `save()` (atomic, re-verified on disk) and `evaluate()` (labelled rows -> ROC-AUC, PR-AUC, F1).
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { TabularAdapter, TabularRecord } from '@novae/adapters';
import { loadDetector, type Detector, type Manifest, type ScoreResult } from '@novae/runtime';
import { f1At, prAuc, rocAuc } from './metrics.js';
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

export class TrainedModel {
  /** The exported model file (ONNX bytes with the manifest inside). */
  readonly bytes: Uint8Array;
  readonly manifest: Manifest;
  readonly adapter: TabularAdapter;
  /** Per-epoch progress, as reported to `onProgress`. */
  readonly history: readonly EpochProgress[];
  /** The runtime-vs-trainer check run on the bytes right after export. */
  readonly exportCheck: ExportCheck;
  /** The held-out normal rows (encoded) and the trainer's own TF.js scores of them. */
  readonly heldOut: ValidationReference;
  private detectorPromise: Promise<Detector> | undefined;

  constructor(init: {
    bytes: Uint8Array; manifest: Manifest; adapter: TabularAdapter; history: EpochProgress[];
    exportCheck: ExportCheck; heldOut: ValidationReference;
  }) {
    this.bytes = init.bytes;
    this.manifest = init.manifest;
    this.adapter = init.adapter;
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

  /** Score raw records with the exported model, exactly as a deployed runtime would. */
  async score(records: readonly TabularRecord[]): Promise<ScoreResult> {
    return (await this.detector()).score(records);
  }

  /** ROC-AUC, PR-AUC and F1 at the calibrated threshold on labelled records (label 1 = anomaly). */
  async evaluate(records: readonly TabularRecord[], labels: ArrayLike<number | boolean>): Promise<Evaluation> {
    const { scores, threshold } = await this.score(records);
    return { rocAuc: rocAuc(scores, labels), prAuc: prAuc(scores, labels), f1: f1At(scores, labels, threshold), threshold };
  }

  /** Release the runtime session held by `detector()`/`score()`/`evaluate()`. */
  async dispose(): Promise<void> {
    const detector = this.detectorPromise;
    this.detectorPromise = undefined;
    if (detector) await (await detector).dispose();
  }
}
