/**
 * `train()` options and their defaults, in one place. Sizes left unset are derived from the data's
 * width and row count.
 */
import type { TrainAdapterOption } from './adapter-options.js';
import type { TrainingBackend } from './backend.js';
import type { EpochProgress } from './vae/fit.js';
import type { Activation, Likelihood, OutputVariance } from './vae/weights.js';

export type Architecture = 'mlp' | 'conv';

/** What the data is: image models get their own defaults. */
export type DataKind = 'tabular' | 'sensor' | 'image';

export interface TrainOptions {
  /**
   * A fitted adapter, or options to fit one on the data: a tabular adapter by default
   * (e.g. `{ ignore: ['label'] }`), a sensor adapter with `{ kind: 'sensor', window: 64 }`.
   */
  adapter?: TrainAdapterOption;
  /** Maximum epochs per member (early stopping often ends sooner). Default: about 5000 optimiser steps, 20–150 epochs. */
  epochs?: number;
  /** Latent dimension K. Default: from the encoded width, 2–16; 32 for images. */
  latentDim?: number;
  /**
   * Encoder hidden widths (the decoder mirrors them); for conv models, dense layers between the conv
   * stack and the latent (default none). Default: [h, h/2] with h about twice the encoded
   * width (32–128) but at most one unit per 64 training rows (at least 8).
   */
  hidden?: number[];
  /**
   * `'mlp'` (dense layers; tabular and sensor models, and images when asked) or `'conv'`
   * (convolutional encoder and decoder; images only). Default `'mlp'`, except for images of more
   * than 4,096 values (64x64 grayscale), which get `'conv'`. Up to that size the MLP beat the conv
   * VAE on one-class MNIST and matched it on the defects example (bench/IMAGES.md). Beyond it, an
   * MLP's file grows with the pixels (13 MB at 64x64 grayscale, 39 MB at 64x64 RGB, against the
   * conv VAE's 0.9 MB).
   */
  architecture?: Architecture;
  /** Conv models: channels per resolution level of the encoder (the decoder mirrors them). Default [8, 16, 32], cut to the levels the image size allows. */
  channels?: number[];
  activation?: Activation;
  /** `'gaussian'` (the default; see `outputVariance`) or `'bernoulli'` (inputs in [0, 1], e.g. binary images). */
  likelihood?: Likelihood;
  /**
   * Gaussian likelihood: `'feature'` learns one output variance per feature (the default for tables
   * and series), `'shared'` one for all features (the default for images).
   */
  outputVariance?: OutputVariance;
  /** KL weight in the training loss. Default 1 (the true ELBO). */
  beta?: number;
  /**
   * Train several VAEs on the same rows and average them inside the one exported graph (score = the
   * mean of the members' negative ELBOs). Each entry is one member; its `beta` overrides `beta`.
   * Default: floor(4000 / training rows) members, 1 to 3 (one above 2000 training rows).
   */
  ensemble?: { beta?: number }[];
  /** Epochs of linear KL warm-up. Default 0. */
  klWarmupEpochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Early-stopping patience in epochs. Default 20; 10 for images, which never stop before twice that. */
  patience?: number;
  /** Seeds initialisation, shuffling, the split and the training noise. Default 0. */
  seed?: number;
  /** TF.js backend. Default `'auto'`: tfjs-node-gpu, tfjs-node, wasm, cpu — the first that loads. */
  backend?: TrainingBackend;
  /** Fraction of the (normal) rows held out for early stopping and calibration. Default 0.2; 0.1 for images. */
  validationSplit?: number;
  /**
   * Add the per-feature marginal term to the score (`score.default: 'elbo-marginal'`): each encoded
   * feature's rank among the training rows as a normal score q, weighted by the held-out rows'
   * spread. Default true for tables (it lifted ADBench from 6 to 9 tables at or above the published
   * VAE, bench/ACCURACY.md), false for sensor windows and images, where it was not measured.
   */
  marginal?: boolean;
  /** Threshold = this quantile of held-out normal scores. Default `{ q: 0.99 }`. */
  calibration?: { q?: number };
  /** Called after every epoch. */
  onProgress?: (progress: EpochProgress) => void;
}

/** Every training setting resolved for one data set. */
export interface ResolvedTrainOptions {
  architecture: Architecture;
  /** Conv models only: channels per encoder level (empty for MLPs). */
  channels: number[];
  /** Conv models only: dense layers between the conv stack and the latent (`hidden` when given, else none). */
  convHidden: number[];
  epochs: number;
  latentDim: number;
  hidden: number[];
  activation: Activation;
  likelihood: Likelihood;
  outputVariance: OutputVariance;
  beta: number;
  /** One entry per ensemble member: its KL weight and its seed. */
  members: { beta: number; seed: number }[];
  klWarmupEpochs: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  /** Early stopping never ends a run before this epoch. */
  minEpochs: number;
  seed: number;
  backend: TrainingBackend;
  validationSplit: number;
  q: number;
  /** Whether the score gets the marginal term. */
  marginal: boolean;
}

const TARGET_STEPS = 5000;
/** Epoch cap: small tables reach TARGET_STEPS only after many epochs, by which time they overfit. */
const MAX_EPOCHS = 150;
/** At most one first-layer hidden unit per this many training rows. */
const ROWS_PER_UNIT = 64;
/** Tables under this many training rows get more than one ensemble member (see defaultEnsemble). */
const ENSEMBLE_ROWS = 4000;
const MAX_DEFAULT_MEMBERS = 3;

/**
 * Default members: floor(ENSEMBLE_ROWS / rows), 1 to 3. A small table's scores vary most from seed to
 * seed, and its members are cheap (training time grows with the rows); large tables get one model.
 */
function defaultEnsemble(trainRows: number): { beta?: number }[] {
  const members = clamp(Math.floor(ENSEMBLE_ROWS / Math.max(1, trainRows)), 1, MAX_DEFAULT_MEMBERS);
  return Array.from({ length: members }, () => ({}));
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, value));
}

/** Image defaults: one model, a fixed optimiser budget (conv layers cost far more per row than dense ones). */
const IMAGE_TARGET_STEPS = 1500;
const IMAGE_MAX_EPOCHS = 60;
const DEFAULT_CONV_CHANNELS = [8, 16, 32];
const IMAGE_LATENT_DIM = 32;
/** Images with more values than this (C·H·W; 64x64 grayscale) default to the conv VAE: see `architecture`. */
const MLP_IMAGE_MAX_VALUES = 4096;

/**
 * Held-out fraction when the user gives none. Images: 0.1. An image model has hundreds of weights per
 * training image, so a tenth more images to fit matters more than a larger validation set, whose
 * ELBO already averages over every pixel (one-class MNIST, MLP: mean ROC-AUC 94.91 -> 95.07 with
 * seed 0 and 94.73 -> 94.96 with seed 1; bench/IMAGES.md). Tables and series keep 0.2.
 */
export function defaultValidationSplit(kind: DataKind): number {
  return kind === 'image' ? 0.1 : 0.2;
}

/** Fill in the defaults for `width` encoded features and `trainRows` training rows of data of `kind`. */
export function resolveOptions(
  options: TrainOptions, width: number, trainRows: number, kind: DataKind = 'tabular',
): ResolvedTrainOptions {
  const image = kind === 'image';
  const batchSize = options.batchSize ?? (image ? 64 : trainRows < 5000 ? 128 : 256);
  const stepsPerEpoch = Math.max(1, Math.ceil(trainRows / batchSize));
  // First hidden layer: about twice the input width, but at most one unit per ROWS_PER_UNIT training
  // rows, so a small table gets a small network (a wide one learns to reconstruct its anomalies too).
  const byWidth = clamp(2 ** Math.ceil(Math.log2(Math.max(1, 2 * width))), 32, 128);
  const byRows = clamp(2 ** Math.floor(Math.log2(Math.max(1, trainRows / ROWS_PER_UNIT))), 8, 128);
  const first = Math.min(byWidth, byRows);
  const beta = options.beta ?? 1;
  const seed = options.seed ?? 0;
  const ensemble = options.ensemble ?? (image ? [{}] : defaultEnsemble(trainRows));
  const architecture = options.architecture ?? (image && width > MLP_IMAGE_MAX_VALUES ? 'conv' : 'mlp');
  const patience = options.patience ?? (image ? 10 : 20);
  return {
    architecture,
    channels: architecture === 'conv' ? options.channels ?? DEFAULT_CONV_CHANNELS : [],
    convHidden: architecture === 'conv' ? options.hidden ?? [] : [],
    epochs: options.epochs ?? (image
      ? clamp(Math.ceil(IMAGE_TARGET_STEPS / stepsPerEpoch), 10, IMAGE_MAX_EPOCHS)
      : clamp(Math.ceil(TARGET_STEPS / stepsPerEpoch), 20, MAX_EPOCHS)),
    // Images: 32 (one-class MNIST digits 2 and 8: 86.97 -> 87.47 mean ROC-AUC over 16; 8 was worse).
    latentDim: options.latentDim ?? (image ? IMAGE_LATENT_DIM : clamp(Math.ceil(width / 4), 2, 16)),
    // Images (MLP): one hidden layer of about half the pixels, at most 400 (the seed notebook's 784-400-20).
    hidden: options.hidden ?? (image ? [clamp(Math.ceil(width / 2), 32, 400)] : [first, first / 2]),
    activation: options.activation ?? 'relu',
    // Images: an isotropic Gaussian (one variance, refitted every epoch) beat Bernoulli on one-class
    // MNIST by 5-9 points on the hard digits (bench/IMAGES.md): Bernoulli NLL favours thin strokes.
    likelihood: options.likelihood ?? 'gaussian',
    outputVariance: options.outputVariance ?? (image ? 'shared' : 'feature'),
    beta,
    // Member 0 keeps the user's seed, so a one-member model trains exactly as without ensembles.
    members: ensemble.map((m, i) => ({ beta: m.beta ?? beta, seed: seed + i * 1009 })),
    klWarmupEpochs: options.klWarmupEpochs ?? 0,
    batchSize,
    learningRate: options.learningRate ?? 1e-3,
    patience,
    // Images: a conv VAE's validation ELBO jumps about in its first ten or so epochs, and a lucky
    // early epoch could end the run: defects example, fabric, 20 % held out, stopped at epoch 12
    // with epoch 2's weights (image ROC-AUC 0.620); waiting until epoch 20 it ran all 30 (0.721).
    // No default run in bench/IMAGES.md stops before epoch 20, so none changes. Tables and series:
    // no minimum.
    minEpochs: image ? 2 * patience : 0,
    seed,
    backend: options.backend ?? 'auto',
    validationSplit: options.validationSplit ?? defaultValidationSplit(kind),
    q: options.calibration?.q ?? 0.99,
    marginal: options.marginal ?? kind === 'tabular',
  };
}

/** Raised for a bad `train()` option or unusable training data; the message names the option. */
export class TrainInputError extends Error {
  override readonly name = 'TrainInputError';
}

function positiveInteger(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
    throw new TrainInputError(`${name}: expected a positive integer, got ${JSON.stringify(value)}`);
  }
}

function openInterval(name: string, value: unknown, lo: number, hi: number): void {
  if (value !== undefined && (typeof value !== 'number' || !(value > lo && value < hi))) {
    throw new TrainInputError(`${name}: expected a number between ${lo} and ${hi} (exclusive), got ${JSON.stringify(value)}`);
  }
}

/** Check the user's options before any work starts. */
export function validateTrainOptions(options: TrainOptions): void {
  for (const key of ['epochs', 'latentDim', 'batchSize', 'patience'] as const) positiveInteger(key, options[key]);
  if (options.klWarmupEpochs !== undefined && !(Number.isInteger(options.klWarmupEpochs) && options.klWarmupEpochs >= 0)) {
    throw new TrainInputError(`klWarmupEpochs: expected a non-negative integer, got ${JSON.stringify(options.klWarmupEpochs)}`);
  }
  if (options.hidden !== undefined) {
    if (!Array.isArray(options.hidden)) throw new TrainInputError(`hidden: expected an array of positive integers, got ${JSON.stringify(options.hidden)}`);
    options.hidden.forEach((h, i) => positiveInteger(`hidden[${i}]`, h));
  }
  if (options.seed !== undefined && !(Number.isInteger(options.seed) && options.seed >= 0)) {
    throw new TrainInputError(`seed: expected a non-negative integer, got ${JSON.stringify(options.seed)}`);
  }
  openInterval('validationSplit', options.validationSplit, 0, 1);
  openInterval('calibration.q', options.calibration?.q, 0, 1);
  openInterval('learningRate', options.learningRate, 0, 1);
  if (options.beta !== undefined && !(typeof options.beta === 'number' && options.beta >= 0 && Number.isFinite(options.beta))) {
    throw new TrainInputError(`beta: expected a non-negative number, got ${JSON.stringify(options.beta)}`);
  }
  if (options.ensemble !== undefined) {
    if (!Array.isArray(options.ensemble) || options.ensemble.length === 0 || options.ensemble.length > 16) {
      throw new TrainInputError(`ensemble: expected an array of 1 to 16 members, got ${JSON.stringify(options.ensemble)}`);
    }
    options.ensemble.forEach((m, i) => {
      if (typeof m !== 'object' || m === null) throw new TrainInputError(`ensemble[${i}]: expected an object, got ${JSON.stringify(m)}`);
      if (m.beta !== undefined && !(typeof m.beta === 'number' && m.beta >= 0 && Number.isFinite(m.beta))) {
        throw new TrainInputError(`ensemble[${i}].beta: expected a non-negative number, got ${JSON.stringify(m.beta)}`);
      }
    });
  }
  if (options.marginal !== undefined && typeof options.marginal !== 'boolean') {
    throw new TrainInputError(`marginal: expected true or false, got ${JSON.stringify(options.marginal)}`);
  }
  if (options.likelihood !== undefined && !['gaussian', 'bernoulli'].includes(options.likelihood)) {
    throw new TrainInputError(`likelihood: expected 'gaussian' or 'bernoulli', got ${JSON.stringify(options.likelihood)}`);
  }
  if (options.architecture !== undefined && !['mlp', 'conv'].includes(options.architecture)) {
    throw new TrainInputError(`architecture: expected 'mlp' or 'conv', got ${JSON.stringify(options.architecture)}`);
  }
  if (options.channels !== undefined) {
    if (!Array.isArray(options.channels) || options.channels.length === 0) {
      throw new TrainInputError(`channels: expected an array of positive integers, got ${JSON.stringify(options.channels)}`);
    }
    options.channels.forEach((c, i) => positiveInteger(`channels[${i}]`, c));
  }
  if (options.outputVariance !== undefined && !['feature', 'shared'].includes(options.outputVariance)) {
    throw new TrainInputError(`outputVariance: expected 'feature' or 'shared', got ${JSON.stringify(options.outputVariance)}`);
  }
  if (options.activation !== undefined && !['relu', 'tanh', 'elu'].includes(options.activation)) {
    throw new TrainInputError(`activation: expected 'relu', 'tanh' or 'elu', got ${JSON.stringify(options.activation)}`);
  }
}
