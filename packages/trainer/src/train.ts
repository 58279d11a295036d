/**
 * `train()`: fit an adapter and an MLP VAE on normal records or a sensor series (the data preparation
 * and its split live in training-data.ts), fit the marginal term of table scores (marginal-fit.ts),
 * calibrate on held-out rows, export one
 * ONNX file with its manifest, and check that the runtime scores it exactly as the trainer does.
 */
import type {
  Adapter, ImageAdapter, ImageInput, SensorAdapter, SensorSample, SensorWindow, TabularAdapter, TabularRecord,
} from '@novae/adapters';
import { MANIFEST_KEY, MarginalScorer, validateManifest, type Manifest } from '@novae/runtime';
import type { ImageAdapterOption, SensorAdapterOption, TabularAdapterOption, TrainInput } from './adapter-options.js';
import { useTrainingBackend } from './backend.js';
import { calibrate } from './calibration.js';
import { fitMarginal } from './marginal-fit.js';
import { buildMlpVaeModel } from './onnx/mlp-vae-graph.js';
import { resolveOptions, validateTrainOptions, type ResolvedTrainOptions, type TrainOptions } from './options.js';
import { TrainedModel } from './trained-model.js';
import { prepareTrainingData } from './training-data.js';
import { scoreRows, withMarginal } from './vae/evaluate.js';
import { fitVae, type EpochProgress, type FitResult } from './vae/fit.js';
import { MlpVae } from './vae/mlp-vae.js';
import { ConvVae, resolveConvVaeConfig } from './vae/conv-vae.js';
import { buildConvVaeModel } from './onnx/conv-vae-graph.js';
import type { Vae, VaeWeights } from './vae/vae.js';
import { TrainInputError } from './options.js';
import { verifyExport } from './verify-export.js';
import { PRODUCER } from './version.js';

export { MIN_TRAINING_ROWS } from './training-data.js';

/** The input shape of one row: [C, H, W] for images, [features] otherwise. */
function inputShapeOf(adapter: Adapter): number[] {
  return adapter.kind === 'image' ? adapter.shape : [adapter.width];
}

/** One untrained VAE of the resolved architecture for `adapter`'s rows. */
function createVae(adapter: Adapter, opts: ResolvedTrainOptions, seed: number): Vae {
  if (opts.architecture === 'conv') {
    if (adapter.kind !== 'image') {
      throw new TrainInputError(`architecture: 'conv' is for images (adapter.kind 'image'); this is ${adapter.kind} data: use 'mlp'`);
    }
    const [c, h, w] = adapter.shape;
    return new ConvVae({
      inputShape: [c, h, w], latentDim: opts.latentDim, likelihood: opts.likelihood, channels: opts.channels,
      outputVariance: opts.outputVariance, hidden: opts.convHidden,
    }, seed);
  }
  return new MlpVae(
    {
      inputDim: adapter.width, latentDim: opts.latentDim, hidden: opts.hidden, activation: opts.activation,
      likelihood: opts.likelihood, outputVariance: opts.outputVariance,
    },
    seed,
  );
}

/** The channels a conv model really has: one width per level the image size allows. */
function convChannels(adapter: Adapter, opts: ResolvedTrainOptions): number[] {
  const [c, h, w] = inputShapeOf(adapter);
  return resolveConvVaeConfig({ inputShape: [c!, h!, w!], latentDim: opts.latentDim, likelihood: opts.likelihood, channels: opts.channels }).channels;
}

/** The ONNX bytes of the trained members (conv models have one member). */
function exportModel(weights: VaeWeights[], adapter: Adapter, metadata: Record<string, string>): Uint8Array {
  const first = weights[0]!;
  if (first.architecture === 'conv') {
    if (weights.length > 1) throw new TrainInputError('ensemble: conv models have one member; leave ensemble unset or give one entry');
    return buildConvVaeModel(first, { metadata });
  }
  const mlp = weights.map((w) => {
    if (w.architecture !== 'mlp') throw new Error('ensemble members must share one architecture');
    return w;
  });
  return buildMlpVaeModel(mlp.length === 1 ? mlp[0]! : mlp, { metadata, inputShape: inputShapeOf(adapter) });
}

function buildManifest(
  adapter: Adapter, opts: ResolvedTrainOptions, score: Manifest['score'], calibration: Manifest['calibration'],
  fit: FitResult, backend: string, rows: number, memberFits: readonly FitResult[],
): Manifest {
  return validateManifest({
    format: 'novae-model',
    schemaVersion: 1,
    producer: { ...PRODUCER },
    createdAt: new Date().toISOString(),
    adapter: adapter.toJSON(),
    model: {
      architecture: opts.architecture, inputShape: inputShapeOf(adapter),
      // An ensemble's latent is its members' latents side by side: eps and mu are [.., members x K].
      latentDim: opts.latentDim * opts.members.length,
      likelihood: opts.likelihood, beta: opts.members[0]!.beta,
      ...(opts.architecture === 'conv'
        ? { channels: convChannels(adapter, opts), ...(opts.convHidden.length > 0 ? { hidden: opts.convHidden } : {}) }
        : { hidden: opts.hidden }),
      ...(opts.members.length > 1
        ? { ensemble: { members: opts.members.length, memberLatentDim: opts.latentDim, betas: opts.members.map((m) => m.beta) } }
        : {}),
    },
    score,
    calibration,
    training: {
      rows, epochs: fit.epochsRun, backend, seconds: Math.round(fit.seconds * 10) / 10,
      finalLoss: fit.finalLoss, validationLoss: fit.validationLoss, seed: opts.seed,
      // Ensembles: `epochs` is the most any member ran; each member's own run is listed.
      ...(memberFits.length > 1
        ? { members: memberFits.map((f) => ({ epochs: f.epochsRun, bestEpoch: f.bestEpoch, validationLoss: f.validationLoss })) }
        : {}),
    },
  });
}

/**
 * Train a detector on normal data: records (raw objects, e.g. parsed CSV rows), or one sensor series
 * in time order with `{ adapter: { kind: 'sensor', window: 64 } }` (or a fitted sensor adapter).
 * Labels must not be among the inputs: drop them with `{ adapter: { ignore: ['label'] } }`, or list
 * the sensor `channels`.
 *
 * Records are split into training and validation rows by a seeded shuffle. A series is cut into
 * windows (`adapter.windows(samples)`) and split in time: the last `validationSplit` of the windows
 * are held out and the training windows that overlap them are dropped (about `window / stride`), so
 * the calibration scores are those of unseen samples. Windows already cut by the fitted adapter
 * given as `options.adapter` are split the same way.
 */
export function train(
  samples: readonly (SensorSample | SensorWindow)[], options: TrainOptions & { adapter: SensorAdapterOption },
): Promise<TrainedModel<SensorAdapter>>;
export function train(
  images: readonly ImageInput[], options: TrainOptions & { adapter: ImageAdapterOption },
): Promise<TrainedModel<ImageAdapter>>;
export function train(
  records: readonly TabularRecord[], options?: TrainOptions & { adapter?: TabularAdapterOption },
): Promise<TrainedModel<TabularAdapter>>;
export function train(data: readonly TrainInput[], options?: TrainOptions): Promise<TrainedModel<Adapter>>;
export async function train(data: readonly TrainInput[], options: TrainOptions = {}): Promise<TrainedModel<Adapter>> {
  validateTrainOptions(options);
  const seed = options.seed ?? 0;
  const { adapter, width, split, trainX, valX, summary } =
    prepareTrainingData(data, options.adapter, options.validationSplit, seed);
  const opts = resolveOptions(options, width, split.train.length, summary.kind);
  if (opts.architecture === 'conv' && opts.members.length > 1) {
    throw new TrainInputError('ensemble: conv models have one member; leave ensemble unset or give one entry');
  }
  const nVal = split.validation.length;

  const backend = await useTrainingBackend(opts.backend);
  const vaes: Vae[] = [];
  try {
    const history: EpochProgress[] = [];
    const fits: FitResult[] = [];
    const M = opts.members.length;
    const started = performance.now();
    for (const [m, member] of opts.members.entries()) {
      const vae = createVae(adapter, opts, member.seed);
      vaes.push(vae);
      // Progress counts the epochs of every member in turn, so it rises from 1 to members x epochs.
      const offset = history.length;
      const fit = await fitVae(vae, trainX, split.train.length, valX, nVal, {
        epochs: opts.epochs, batchSize: opts.batchSize, learningRate: opts.learningRate, beta: member.beta,
        klWarmupEpochs: opts.klWarmupEpochs, patience: opts.patience, minEpochs: opts.minEpochs, seed: member.seed,
        onEpoch: (p) => {
          const seconds = (performance.now() - started) / 1000;
          const epoch = offset + p.epoch;
          const epochs = offset + opts.epochs * (M - m);
          const progress: EpochProgress = {
            ...p, epoch, epochs, bestEpoch: offset + p.bestEpoch, seconds, secondsLeft: (seconds / epoch) * (epochs - epoch),
          };
          history.push(progress);
          options.onProgress?.(progress);
        },
      });
      fits.push(fit);
    }
    const elbo = scoreRows(vaes, valX, nVal);
    const marginal = opts.marginal ? fitMarginal(trainX, split.train.length, width, valX, nVal, elbo.score) : undefined;
    const score: Manifest['score'] = marginal === undefined
      ? { default: 'elbo', samples: 1 }
      : { default: 'elbo-marginal', samples: 1, marginal };
    // What the runtime will compute for the held-out rows: calibration and the export check use it.
    const reference = marginal === undefined ? elbo : withMarginal(elbo, new MarginalScorer(marginal), valX, nVal);
    const imageShape = adapter.kind === 'image' ? adapter.shape : undefined;
    const calibration = calibrate(reference.score, reference.featureNll, width, { q: opts.q }, imageShape);
    const fit: FitResult = {
      epochsRun: Math.max(...fits.map((f) => f.epochsRun)),
      bestEpoch: fits[0]!.bestEpoch,
      finalLoss: fits.reduce((a, f) => a + f.finalLoss, 0) / M,
      validationLoss: M === 1 ? fits[0]!.validationLoss : elbo.score.reduce((a, v) => a + v, 0) / Math.max(1, nVal),
      seconds: (performance.now() - started) / 1000,
    };
    const manifest = buildManifest(adapter, opts, score, calibration, fit, backend, split.train.length, fits);
    const bytes = exportModel(vaes.map((v) => v.weights()), adapter, { [MANIFEST_KEY]: JSON.stringify(manifest) });
    const exportCheck = await verifyExport(bytes, valX, nVal, reference);
    return new TrainedModel<Adapter>({
      bytes, manifest, adapter, history, exportCheck, heldOut: { encoded: valX, rows: nVal, scores: reference }, data: summary,
    });
  } finally {
    for (const vae of vaes) vae.dispose();
  }
}
