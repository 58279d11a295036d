/**
 * The `novae.manifest` document stored in every model file's ONNX `metadata_props`: versioned,
 * validated when written (trainer) and when read (runtime), with errors that name the bad field.
 */
import { ADAPTER_KINDS, type AdapterState } from '@novae/adapters';
import type { MarginalTerm } from './marginal.js';

export const MANIFEST_KEY = 'novae.manifest';
export const MANIFEST_FORMAT = 'novae-model';
export const MANIFEST_SCHEMA_VERSION = 1;

export type Likelihood = 'gaussian' | 'bernoulli';
export type ScoreKind = 'elbo' | 'elbo-marginal' | 'reconstruction-probability' | 'nll' | 'kl';
const SCORE_KINDS: readonly ScoreKind[] = ['elbo', 'elbo-marginal', 'reconstruction-probability', 'nll', 'kl'];

export type Architecture = 'mlp' | 'conv';

export interface ModelInfo {
  /** `mlp` (dense layers) or `conv` (convolutional encoder and decoder, image models). */
  architecture: Architecture;
  /** Shape of one encoded input (without the batch dimension). */
  inputShape: number[];
  latentDim: number;
  likelihood: Likelihood;
  /** KL weight used in training (the score always uses the full KL). */
  beta: number;
  /** Hidden layer widths of the encoder (the decoder mirrors them). */
  hidden?: number[];
  /** Convolutional models: channels per resolution level of the encoder (the decoder mirrors them). */
  channels?: number[];
}

export interface ScoreInfo {
  /**
   * `elbo`: the graph's `score` (nll + kl). `elbo-marginal` (tabular models by default): that plus
   * `marginal`'s term, computed by the runtime from the encoded row.
   */
  default: ScoreKind;
  /** Monte Carlo samples of z used for the calibration scores (1 = posterior mean). */
  samples: number;
  /** The per-feature marginal term of `elbo-marginal` scores (see marginal.ts). */
  marginal?: MarginalTerm;
}

export interface Calibration {
  threshold: number;
  method: 'quantile';
  q: number;
  /** Sorted scores of held-out normal rows (at most 1000), for conformal p-values. */
  normalScores: number[];
  /** Mean per-feature NLL over the held-out normal rows: the baseline explanations compare to. */
  featureBaseline?: number[];
  /**
   * Image models: a high quantile (0.999) of the per-pixel excess NLL over held-out normal images,
   * the value anomaly-map overlays draw at full strength.
   */
  mapScale?: number;
}

export interface TrainingInfo {
  rows: number;
  epochs: number;
  backend: string;
  seconds: number;
  finalLoss: number;
  validationLoss: number;
  seed: number;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  producer: { name: string; version: string };
  createdAt: string;
  adapter: AdapterState;
  model: ModelInfo;
  score: ScoreInfo;
  calibration: Calibration;
  training: TrainingInfo;
}

/** Raised when a manifest (or a model file that should hold one) is missing or malformed. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

type Json = Record<string, unknown>;

function fail(path: string, expected: string, got: unknown): never {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 80);
  throw new ManifestError(`novae.manifest: ${path}: expected ${expected}, got ${shown}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Json;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number', value);
  return value;
}

function positiveInt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(path, 'a positive integer', value);
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'a non-empty string', value);
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (!options.includes(value as T)) fail(path, `one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
  return value as T;
}

function numberArray(value: unknown, path: string, check: (v: unknown, p: string) => number): number[] {
  if (!Array.isArray(value)) fail(path, 'an array of numbers', value);
  return value.map((v, i) => check(v, `${path}[${i}]`));
}

/** `score.marginal`: a weight, a tail and one set of knots per encoded feature. */
function validateMarginal(value: unknown, width: number): void {
  const term = object(value, 'score.marginal');
  const weight = finite(term.weight, 'score.marginal.weight');
  if (weight < 0) fail('score.marginal.weight', 'a number >= 0', weight);
  const tail = finite(term.tail, 'score.marginal.tail');
  if (tail <= 0) fail('score.marginal.tail', 'a number > 0', tail);
  if (!Array.isArray(term.features)) fail('score.marginal.features', 'an array (one entry per feature)', term.features);
  if (term.features.length !== width) {
    fail('score.marginal.features', `${width} entries (one per feature)`, `${term.features.length} entries`);
  }
  term.features.forEach((entry: unknown, j: number) => {
    const path = `score.marginal.features[${j}]`;
    const knots = object(entry, path);
    const at = numberArray(knots.at, `${path}.at`, finite);
    const q = numberArray(knots.q, `${path}.q`, finite);
    if (at.length === 0) fail(`${path}.at`, 'at least one knot', knots.at);
    if (q.length !== at.length) fail(`${path}.q`, `${at.length} numbers (one per knot)`, `${q.length} numbers`);
    for (let k = 1; k < at.length; k++) {
      if (!(at[k]! > at[k - 1]!)) fail(`${path}.at[${k}]`, 'knots strictly ascending', at[k]);
      if (q[k]! < q[k - 1]!) fail(`${path}.q[${k}]`, 'normal scores non-decreasing', q[k]);
    }
  });
}

/**
 * Check a parsed manifest document and return it typed. Throws `ManifestError` naming the first bad
 * field, e.g. `novae.manifest: calibration.threshold: expected a finite number, got "high"`.
 * The adapter state is checked by its own adapter when it is rebuilt.
 */
export function validateManifest(doc: unknown): Manifest {
  const m = object(doc, '(root)');
  if (m.format !== MANIFEST_FORMAT) fail('format', `'${MANIFEST_FORMAT}'`, m.format);
  if (m.schemaVersion !== MANIFEST_SCHEMA_VERSION) {
    const got = typeof m.schemaVersion === 'number' && m.schemaVersion > MANIFEST_SCHEMA_VERSION
      ? `${m.schemaVersion} (written by a newer novae: upgrade @novae/runtime)` : m.schemaVersion;
    fail('schemaVersion', `${MANIFEST_SCHEMA_VERSION}`, got);
  }
  const producer = object(m.producer, 'producer');
  string(producer.name, 'producer.name');
  string(producer.version, 'producer.version');
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) {
    fail('createdAt', 'an ISO-8601 date', m.createdAt);
  }
  const adapter = object(m.adapter, 'adapter');
  oneOf(adapter.kind, ADAPTER_KINDS, 'adapter.kind');

  const model = object(m.model, 'model');
  oneOf(model.architecture, ['mlp', 'conv'] as const, 'model.architecture');
  const inputShape = numberArray(model.inputShape, 'model.inputShape', positiveInt);
  if (inputShape.length === 0) fail('model.inputShape', 'at least one dimension', model.inputShape);
  positiveInt(model.latentDim, 'model.latentDim');
  oneOf(model.likelihood, ['gaussian', 'bernoulli'] as const, 'model.likelihood');
  finite(model.beta, 'model.beta');
  if (model.hidden !== undefined) numberArray(model.hidden, 'model.hidden', positiveInt);
  if (model.channels !== undefined) numberArray(model.channels, 'model.channels', positiveInt);

  const score = object(m.score, 'score');
  const kind = oneOf(score.default, SCORE_KINDS, 'score.default');
  positiveInt(score.samples, 'score.samples');
  if (kind === 'elbo-marginal' || score.marginal !== undefined) {
    if (kind !== 'elbo-marginal') fail('score.default', `'elbo-marginal' (the manifest has score.marginal)`, kind);
    validateMarginal(score.marginal, inputShape.reduce((a, b) => a * b, 1));
  }

  const cal = object(m.calibration, 'calibration');
  finite(cal.threshold, 'calibration.threshold');
  oneOf(cal.method, ['quantile'] as const, 'calibration.method');
  const q = finite(cal.q, 'calibration.q');
  if (q <= 0 || q >= 1) fail('calibration.q', 'a number in (0, 1)', q);
  const normal = numberArray(cal.normalScores, 'calibration.normalScores', finite);
  if (normal.length === 0) fail('calibration.normalScores', 'at least one score', cal.normalScores);
  for (let i = 1; i < normal.length; i++) {
    if (normal[i]! < normal[i - 1]!) fail(`calibration.normalScores[${i}]`, 'scores sorted ascending', normal[i]);
  }
  if (cal.featureBaseline !== undefined) {
    const base = numberArray(cal.featureBaseline, 'calibration.featureBaseline', finite);
    const width = inputShape.reduce((a, b) => a * b, 1);
    if (base.length !== width) fail('calibration.featureBaseline', `${width} numbers (one per feature)`, `${base.length} numbers`);
  }

  if (cal.mapScale !== undefined) finite(cal.mapScale, 'calibration.mapScale');

  const training = object(m.training, 'training');
  for (const key of ['rows', 'epochs', 'seconds', 'finalLoss', 'validationLoss', 'seed'] as const) {
    finite(training[key], `training.${key}`);
  }
  string(training.backend, 'training.backend');
  return m as unknown as Manifest;
}

/** Parse and validate the manifest JSON text stored in a model file. */
export function parseManifest(text: string): Manifest {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`novae.manifest: not valid JSON (${(err as Error).message})`);
  }
  return validateManifest(doc);
}
