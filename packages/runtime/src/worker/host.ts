/**
 * The worker's side: serve detectors over a comlink endpoint. Each `load` opens one Detector in the
 * worker; scores go back with their arrays transferred, not copied.
 */
import { encodeInputs } from '@novae/adapters';
import { expose, transfer, type Endpoint } from 'comlink';
import type { Detector, ScoreOptions } from '../detector.js';
import { DetectorInputError } from '../errors.js';
import type { LoadOptions, ModelSource } from '../load-detector.js';
import type { ScoreResult } from '../score-result.js';
import type { DetectorHostApi, LoadedDetector, ScoreReply } from './protocol.js';
import { buffersOf, ownBuffer } from './transfer.js';

/** The `loadDetector` of the platform the worker runs on. */
export type LoadDetector = (source: ModelSource, options?: LoadOptions) => Promise<Detector>;

function reply(result: ScoreResult, encoded: Float32Array): ScoreReply {
  const data = {
    length: result.length,
    threshold: result.threshold,
    isAnomaly: result.isAnomaly,
    scores: ownBuffer(result.scores),
    nll: ownBuffer(result.nll),
    kl: ownBuffer(result.kl),
    marginal: ownBuffer(result.marginal),
    reconstructionProbability: ownBuffer(result.reconstructionProbability),
    pValues: ownBuffer(result.pValues),
    featureScores: ownBuffer(result.featureScores),
    recon: ownBuffer(result.recon),
    mu: ownBuffer(result.mu),
    logvar: ownBuffer(result.logvar),
  };
  const rows = ownBuffer(encoded);
  const { isAnomaly: _flags, length: _n, threshold: _t, ...arrays } = data;
  return transfer({ data, encoded: rows }, buffersOf([...Object.values(arrays), rows]));
}

/** Build the host API around `load`; `exposeDetectorOn` serves it. Exported for tests. */
export function createDetectorHost(load: LoadDetector): DetectorHostApi {
  const detectors = new Map<number, Detector>();
  let nextId = 1;
  const get = (id: number): Detector => {
    const detector = detectors.get(id);
    if (!detector) throw new DetectorInputError('detector: already disposed');
    return detector;
  };
  return {
    async load(source: ModelSource, options: LoadOptions): Promise<LoadedDetector> {
      const detector = await load(source, options);
      const id = nextId++;
      detectors.set(id, detector);
      return { id, manifest: detector.manifest, backend: detector.backend };
    },
    async score(id: number, records, options: ScoreOptions): Promise<ScoreReply> {
      const detector = get(id);
      const encoded = encodeInputs(detector.adapter, records);
      return reply(await detector.scoreEncoded(encoded, records.length, options, records), encoded);
    },
    async scoreEncoded(id: number, encoded: Float32Array, n: number, options: ScoreOptions): Promise<ScoreReply> {
      return reply(await get(id).scoreEncoded(encoded, n, options), encoded);
    },
    async dispose(id: number): Promise<void> {
      const detector = detectors.get(id);
      detectors.delete(id);
      await detector?.dispose();
    },
  };
}

/** Serve detectors on `endpoint` (a worker's global scope, or comlink's node adapter over parentPort). */
export function exposeDetectorOn(endpoint: Endpoint, load: LoadDetector): void {
  expose(createDetectorHost(load), endpoint);
}
