/**
 * The novelty-detection protocol of the data README (Livernoche et al., ICLR 2024, Table 1):
 * training = the first round(0.5 · n_normal) normal rows in file order; test = the other normal rows
 * plus every anomaly; ROC-AUC (and PR-AUC) of the exported model's score on the test set.
 */
import type { TabularRecord } from '@novae/adapters';
import { train, type TrainOptions } from '@novae/trainer';
import type { Dataset } from './data.js';

export interface ProtocolSplit {
  train: TabularRecord[];
  test: TabularRecord[];
  /** 1 = anomaly, per test row. */
  testLabels: number[];
}

/** Split a dataset by the protocol. Labels only choose rows; they are never given to the trainer. */
export function splitProtocol(dataset: Dataset): ProtocolSplit {
  const normal: number[] = [];
  const anomalies: number[] = [];
  dataset.labels.forEach((label, i) => (label === 1 ? anomalies : normal).push(i));
  const nTrain = Math.round(0.5 * normal.length);
  const trainRows = normal.slice(0, nTrain);
  const testRows = [...normal.slice(nTrain), ...anomalies];
  return {
    train: trainRows.map((i) => dataset.records[i]!),
    test: testRows.map((i) => dataset.records[i]!),
    testLabels: testRows.map((i) => dataset.labels[i]!),
  };
}

export interface RunResult {
  seed: number;
  rocAuc: number;
  prAuc: number;
  /** Wall time of train() plus evaluation. */
  seconds: number;
  trainSeconds: number;
  epochs: number;
  /** Size of the exported ONNX file. */
  modelBytes: number;
  /** Rows/s of `scoreEncoded` on a 4096-row batch (only when measured). */
  rowsPerSecond?: number;
  scoringBackend?: string;
}

export interface RunOptions {
  seed: number;
  /** Measure scoring throughput on a 4096-row batch. */
  throughput?: boolean;
  /** Experiments only: extra train() options. The bench itself runs the defaults. */
  trainOptions?: TrainOptions;
}

export const THROUGHPUT_ROWS = 4096;

/** Train with the defaults (what `novae train --ignore label` does), evaluate through ONNX Runtime. */
export async function runProtocol(split: ProtocolSplit, options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const trained = await train(split.train, { ...options.trainOptions, adapter: { ignore: ['label'] }, seed: options.seed });
  const trainSeconds = (performance.now() - started) / 1000;
  try {
    const evaluation = await trained.evaluate(split.test, split.testLabels);
    const result: RunResult = {
      seed: options.seed, rocAuc: evaluation.rocAuc, prAuc: evaluation.prAuc,
      seconds: (performance.now() - started) / 1000, trainSeconds,
      epochs: trained.manifest.training.epochs, modelBytes: trained.bytes.byteLength,
    };
    if (options.throughput) {
      const detector = await trained.detector();
      const width = trained.adapter.width;
      const encoded = trained.adapter.encode(split.test);
      const batch = new Float32Array(THROUGHPUT_ROWS * width);
      for (let r = 0; r < THROUGHPUT_ROWS; r++) {
        const src = (r % split.test.length) * width;
        batch.set(encoded.subarray(src, src + width), r * width);
      }
      await detector.scoreEncoded(batch, THROUGHPUT_ROWS); // warm-up
      let calls = 0;
      const t0 = performance.now();
      while (calls < 5 || performance.now() - t0 < 500) {
        await detector.scoreEncoded(batch, THROUGHPUT_ROWS);
        calls++;
      }
      result.rowsPerSecond = (calls * THROUGHPUT_ROWS) / ((performance.now() - t0) / 1000);
      result.scoringBackend = detector.backend;
    }
    return result;
  } finally {
    await trained.dispose();
  }
}
