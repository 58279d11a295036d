/**
 * The fraud demo: train a novae detector on normal card transactions, export it to ONNX, load it
 * back with the runtime, and score held-out traffic that hides several kinds of fraud.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadDetector } from '@novae/runtime';
import { rocAuc, train, useTrainingBackend, type EpochProgress } from '@novae/trainer';
import { describeTopRows, flagCounts, formatValue } from './report.js';
import { FRAUD_KINDS, LABEL_COLUMNS, generateTransactions, type Transaction } from './transactions.js';

const TRAIN_ROWS = 20_000;
const HOLDOUT_ROWS = 5_000;
const FRAUD_RATE = 0.02;
const TRAIN_SEED = 1;
const HOLDOUT_SEED = 2;
/** Caps training time on a 2-core machine; early stopping usually ends sooner. */
const EPOCHS = 40;
const MODEL_PATH = fileURLToPath(new URL('../model.onnx', import.meta.url));

const log = (line = ''): void => void process.stdout.write(`${line}\n`);

/** One short progress line every few epochs, on stderr (redrawn in place on a terminal). */
function progressPrinter(every: number): (p: EpochProgress) => void {
  const tty = process.stderr.isTTY === true;
  return (p) => {
    const line = `  epoch ${String(p.epoch).padStart(3)}/${p.epochs}  loss ${p.loss.toFixed(2)}  ` +
      `validation ${p.validationLoss.toFixed(2)} (best @${p.bestEpoch})  ${p.seconds.toFixed(0)} s`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (p.epoch % every === 0 || p.epoch === 1) process.stderr.write(`${line}\n`);
  };
}

function aucFor(scores: Float32Array, rows: readonly Transaction[], keep: (t: Transaction) => boolean): number {
  const s: number[] = [];
  const y: number[] = [];
  rows.forEach((t, i) => {
    if (keep(t)) {
      s.push(scores[i]!);
      y.push(t.is_fraud);
    }
  });
  return rocAuc(s, y);
}

async function main(): Promise<void> {
  const training = generateTransactions({ rows: TRAIN_ROWS, fraudRate: 0, seed: TRAIN_SEED });
  const holdout = generateTransactions({ rows: HOLDOUT_ROWS, fraudRate: FRAUD_RATE, seed: HOLDOUT_SEED });
  const frauds = holdout.filter((t) => t.is_fraud === 1).length;
  log(`novae fraud demo: ${TRAIN_ROWS.toLocaleString('en-US')} normal transactions to train on, ` +
    `${HOLDOUT_ROWS.toLocaleString('en-US')} held out (${frauds} frauds of ${FRAUD_KINDS.length} kinds)`);

  const tfBackend = await useTrainingBackend('auto');
  log(`training on TF.js backend '${tfBackend}' (at most ${EPOCHS} epochs, early stopping)...`);
  const started = performance.now();
  const model = await train(training, {
    adapter: { ignore: [...LABEL_COLUMNS] }, epochs: EPOCHS, seed: 7, onProgress: progressPrinter(10),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const trainSeconds = (performance.now() - started) / 1000;
  await model.save(MODEL_PATH);
  const { training: info, model: arch, calibration } = model.manifest;
  const sizeKb = (await stat(MODEL_PATH)).size / 1024;
  log(`trained in ${trainSeconds.toFixed(1)} s: ${info.epochs} epochs on ${info.rows.toLocaleString('en-US')} rows, ` +
    `${arch.inputShape[0]} features -> latent ${arch.latentDim}, validation loss ${info.validationLoss.toFixed(2)} nats`);
  log(`saved ${MODEL_PATH} (${sizeKb.toFixed(1)} KB); runtime matches trainer to ${model.exportCheck.maxRelativeDifference.toExponential(1)} (relative)`);

  const detector = await loadDetector(MODEL_PATH);
  try {
    log(`scoring ${holdout.length.toLocaleString('en-US')} held-out rows with ONNX Runtime backend '${detector.backend}'`);
    const scoreStarted = performance.now();
    const result = await detector.score(holdout);
    const scoreMs = performance.now() - scoreStarted;
    log(`  scored in ${scoreMs.toFixed(0)} ms`);

    log();
    log(`ROC-AUC overall: ${aucFor(result.scores, holdout, () => true).toFixed(3)}`);
    for (const kind of FRAUD_KINDS) {
      const n = holdout.filter((t) => t.fraud_kind === kind).length;
      const auc = aucFor(result.scores, holdout, (t) => t.fraud_kind === kind || t.is_fraud === 0);
      log(`  ${kind.padEnd(24)} ${auc.toFixed(3)}  (${n} rows vs normal)`);
    }

    const c = flagCounts(result.isAnomaly, holdout);
    log();
    log(`threshold ${result.threshold.toFixed(2)} nats (${calibration.method} q=${calibration.q} of held-out normal scores): ` +
      `${c.flagged} rows flagged, ${c.truePositives} of them frauds`);
    log(`  precision ${(c.precision * 100).toFixed(1)}%  recall ${(c.recall * 100).toFixed(1)}%  ` +
      `false-positive rate ${(c.falsePositiveRate * 100).toFixed(2)}%`);

    const ranked = Array.from(result.scores.keys()).sort((a, b) => result.scores[b]! - result.scores[a]!).slice(0, 5);
    log();
    log('five most anomalous held-out rows (top-3 columns: share of the excess NLL, seen -> expected):');
    log(describeTopRows(ranked, holdout, (i) => result.explain(i, 3)));
    log();
    log(`model size ${formatValue(sizeKb)} KB, training ${trainSeconds.toFixed(1)} s`);
  } finally {
    await detector.dispose();
    await model.dispose();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
  process.stderr.write(`\nfraud demo failed: ${message}\n`);
  process.exitCode = 1;
});
