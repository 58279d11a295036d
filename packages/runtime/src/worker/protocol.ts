/**
 * What crosses the worker boundary: the host's API (exposed with comlink inside the worker) and the
 * plain data of its replies. Typed arrays travel as transferables, never as copies.
 */
import type { BackendName } from '../backends.js';
import type { ScoreOptions } from '../detector.js';
import type { LoadOptions, ModelSource } from '../load-detector.js';
import type { Manifest } from '../manifest.js';
import type { ScoreData } from '../score-result.js';
import type { AdapterInput } from '@novae/adapters';

/** A detector opened inside the worker, as the caller sees it. */
export interface LoadedDetector {
  id: number;
  manifest: Manifest;
  backend: BackendName;
}

/** Scores and the rows as encoded (for `explain()` on the caller's side). */
export interface ScoreReply {
  data: ScoreData;
  encoded: Float32Array;
}

/** The API `exposeDetector()` serves inside a worker. */
export interface DetectorHostApi {
  load(source: ModelSource, options: LoadOptions): Promise<LoadedDetector>;
  score(id: number, records: readonly AdapterInput[], options: ScoreOptions): Promise<ScoreReply>;
  scoreEncoded(id: number, encoded: Float32Array, n: number, options: ScoreOptions): Promise<ScoreReply>;
  dispose(id: number): Promise<void>;
}
