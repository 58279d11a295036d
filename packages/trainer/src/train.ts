/**
 * `train()`: fit an adapter and an MLP VAE on normal records, calibrate on held-out rows, export one
 * ONNX file with its manifest, and check that the runtime scores it exactly as the trainer does.
 */
import { fitTabular, type FitTabularOptions, type TabularAdapter, type TabularRecord } from '@novae/adapters';
import { MANIFEST_KEY, mulberry32, validateManifest, type Manifest } from '@novae/runtime';
import { useTrainingBackend } from './backend.js';
import { calibrate } from './calibration.js';
import { buildMlpVaeModel } from './onnx/mlp-vae-graph.js';
import { resolveOptions, TrainInputError, validateTrainOptions, type ResolvedTrainOptions, type TrainOptions } from './options.js';
import { TrainedModel } from './trained-model.js';
import { scoreRows } from './vae/evaluate.js';
import { fitVae, type EpochProgress, type FitResult } from './vae/fit.js';
import { MlpVae } from './vae/mlp-vae.js';
import { verifyExport } from './verify-export.js';
import { PRODUCER } from './version.js';

/** Fewest rows `train()` accepts: enough for a validation split and a calibration quantile. */
export const MIN_TRAINING_ROWS = 10;

function isFittedAdapter(value: TrainOptions['adapter']): value is TabularAdapter {
  return typeof (value as TabularAdapter | undefined)?.encode === 'function';
}

/** Split row indices into training and validation sets with a seeded shuffle. */
function splitRows(n: number, fraction: number, seed: number): { train: number[]; validation: number[] } {
  const random = mulberry32(seed ^ 0x51ce);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nVal = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  return { validation: order.slice(0, nVal).sort((a, b) => a - b), train: order.slice(nVal).sort((a, b) => a - b) };
}

function gather(encoded: Float32Array, width: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, i) => out.set(encoded.subarray(row * width, (row + 1) * width), i * width));
  return out;
}

function buildManifest(
  adapter: TabularAdapter, opts: ResolvedTrainOptions, calibration: Manifest['calibration'],
  fit: FitResult, backend: string, rows: number,
): Manifest {
  return validateManifest({
    format: 'novae-model',
    schemaVersion: 1,
    producer: { ...PRODUCER },
    createdAt: new Date().toISOString(),
    adapter: adapter.toJSON(),
    model: {
      architecture: 'mlp', inputShape: [adapter.width], latentDim: opts.latentDim,
      likelihood: opts.likelihood, beta: opts.beta, hidden: opts.hidden,
    },
    score: { default: 'elbo', samples: 1 },
    calibration,
    training: {
      rows, epochs: fit.epochsRun, backend, seconds: Math.round(fit.seconds * 10) / 10,
      finalLoss: fit.finalLoss, validationLoss: fit.validationLoss, seed: opts.seed,
    },
  });
}

/**
 * Train a detector on normal records (raw objects, e.g. parsed CSV rows). Labels must not be among
 * the inputs: drop them with `{ adapter: { ignore: ['label'] } }`.
 */
export async function train(records: readonly TabularRecord[], options: TrainOptions = {}): Promise<TrainedModel> {
  validateTrainOptions(options);
  if (!Array.isArray(records)) throw new TrainInputError(`train: records must be an array of objects, got ${typeof records}`);
  if (records.length < MIN_TRAINING_ROWS) {
    throw new TrainInputError(`train: need at least ${MIN_TRAINING_ROWS} records, got ${records.length}`);
  }
  const adapter = isFittedAdapter(options.adapter)
    ? options.adapter
    : fitTabular(records, options.adapter as FitTabularOptions | undefined);
  const width = adapter.width;
  const encoded = adapter.encode(records);

  const seed = options.seed ?? 0;
  const split = splitRows(records.length, options.validationSplit ?? 0.2, seed);
  const opts = resolveOptions(options, width, split.train.length);
  const trainX = gather(encoded, width, split.train);
  const valX = gather(encoded, width, split.validation);
  const nVal = split.validation.length;

  const backend = await useTrainingBackend(opts.backend);
  const vae = new MlpVae(
    { inputDim: width, latentDim: opts.latentDim, hidden: opts.hidden, activation: opts.activation, likelihood: opts.likelihood },
    seed,
  );
  try {
    const history: EpochProgress[] = [];
    const fit = await fitVae(vae, trainX, split.train.length, valX, nVal, {
      epochs: opts.epochs, batchSize: opts.batchSize, learningRate: opts.learningRate, beta: opts.beta,
      klWarmupEpochs: opts.klWarmupEpochs, patience: opts.patience, seed,
      onEpoch: (p) => { history.push(p); options.onProgress?.(p); },
    });
    const reference = scoreRows(vae, valX, nVal);
    const calibration = calibrate(reference.score, reference.featureNll, width, { q: opts.q });
    const manifest = buildManifest(adapter, opts, calibration, fit, backend, split.train.length);
    const bytes = buildMlpVaeModel(vae.weights(), { metadata: { [MANIFEST_KEY]: JSON.stringify(manifest) } });
    const exportCheck = await verifyExport(bytes, valX, nVal, reference);
    return new TrainedModel({
      bytes, manifest, adapter, history, exportCheck, heldOut: { encoded: valX, rows: nVal, scores: reference },
    });
  } finally {
    vae.dispose();
  }
}
