/** What a stream needs of a detector, and the check that the detector scores sensor windows. */
import type { SensorAdapter } from '@novae/adapters';
import type { ScoreOptions } from '../detector.js';
import { DetectorInputError } from '../errors.js';
import type { Manifest } from '../manifest.js';
import type { ScoreResult } from '../score-result.js';

/** What the engine needs of a detector (a `Detector` or a worker's `RemoteDetector`). */
export interface StreamScorer {
  readonly manifest: Manifest;
  readonly adapter: { readonly kind: string };
  scoreEncoded(encoded: Float32Array, n: number, options?: ScoreOptions): Promise<ScoreResult>;
}

/** The sensor adapter of a detector, or an error saying that stream() needs one. */
export function sensorAdapterOf(detector: StreamScorer): SensorAdapter {
  if (detector.adapter.kind !== 'sensor') {
    throw new DetectorInputError(
      `stream: the model's adapter is '${detector.adapter.kind}'; stream() scores sensor models (adapter kind 'sensor'); use score() for records`,
    );
  }
  return detector.adapter as SensorAdapter;
}
