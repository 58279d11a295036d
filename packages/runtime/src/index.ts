/** The platform-independent API of @novae/runtime; each `platform/*` entry adds `loadDetector`. */
export { Detector, DetectorInputError, type ScoreOptions } from './detector.js';
export type { ScoreResult } from './score-result.js';
export { createScoreStream, scoreStream, type ScoreStream, type ScoreIterable } from './stream/score-stream.js';
export type { StreamOptions, StreamScore, StreamStats } from './stream/types.js';
export type { StreamScorer } from './stream/scorer.js';
export { P2Quantile, RecentQuantile } from './stream/p2-quantile.js';
export { ksStatistic, ksCriticalValue, type DriftState } from './stream/ks-drift.js';
export type { Explanation, ColumnContribution } from './explain.js';
export type { ModelSource, LoadOptions } from './load-detector.js';
export { BackendError, type BackendName, type BackendChoice } from './backends.js';
export {
  ManifestError,
  validateManifest,
  parseManifest,
  MANIFEST_KEY,
  MANIFEST_FORMAT,
  MANIFEST_SCHEMA_VERSION,
  type Manifest,
  type ModelInfo,
  type ScoreInfo,
  type Calibration,
  type TrainingInfo,
  type Likelihood,
  type ScoreKind,
  type Architecture,
} from './manifest.js';
export { readManifest, readModelMetadata } from './model-file.js';
export { MarginalScorer, type MarginalTerm, type MarginalKnots } from './marginal.js';
export { conformalPValues, lowerBound } from './pvalues.js';
export { fillStandardNormal, mulberry32 } from './random.js';
export type { OverlayImage, OverlayOptions } from './image/overlay.js';
