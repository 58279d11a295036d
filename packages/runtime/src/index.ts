/** The platform-independent API of @novae/runtime; each `platform/*` entry adds `loadDetector`. */
export { Detector, DetectorInputError, type ScoreOptions } from './detector.js';
export type { ScoreResult } from './score-result.js';
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
} from './manifest.js';
export { readManifest, readModelMetadata } from './model-file.js';
export { conformalPValues } from './pvalues.js';
export { fillStandardNormal, mulberry32 } from './random.js';
