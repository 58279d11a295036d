/** @novae/trainer: train VAE novelty detectors in Node and export one self-describing ONNX file. */
export { train, MIN_TRAINING_ROWS } from './train.js';
export { TrainedModel, type Evaluation, type ModelInput, type ValidationReference } from './trained-model.js';
export type {
  TrainAdapterOption, TabularAdapterOption, SensorAdapterOption, TabularTrainAdapterOptions, SensorTrainAdapterOptions,
  TrainInput,
} from './adapter-options.js';
export { timeOrderedSplit, type TrainingDataSummary, type TrainingSplit } from './training-data.js';
export { cutWindows, windowLabels, type CutSeries } from './sensor-series.js';
export type { RowScores } from './vae/evaluate.js';
export { TrainInputError, resolveOptions, type TrainOptions, type ResolvedTrainOptions } from './options.js';
export { useTrainingBackend, TrainingBackendError, TRAINING_BACKENDS, type TrainingBackend } from './backend.js';
export type { EpochProgress } from './vae/fit.js';
export { rocAuc, prAuc, f1At, MetricsInputError } from './metrics.js';
export { quantile } from './calibration.js';
export { fitMarginal, normalQuantile, midRankScore, tailScore, MARGINAL_KNOTS } from './marginal-fit.js';
/** Re-exported for the bench's marginal expert. */
export { lowerBound } from '@novae/runtime';
export { ExportMismatchError, EXPORT_TOLERANCE, relativeDifference, sumDifference, type ExportCheck } from './verify-export.js';
export { buildMlpVaeModel } from './onnx/mlp-vae-graph.js';
export type { MlpVaeWeights, DenseLayer, Activation, Likelihood } from './vae/weights.js';
export { buildConvVaeModel } from './onnx/conv-vae-graph.js';
export type { ConvVaeWeights, ConvLayer } from './vae/conv-weights.js';
export type { Architecture } from './options.js';
export type { ImageAdapterOption, ImageTrainAdapterOptions } from './adapter-options.js';
