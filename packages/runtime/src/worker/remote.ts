/**
 * The caller's side: a RemoteDetector has the Detector API, but scores inside a worker. Float32Array
 * inputs are transferred (the caller's array is detached afterwards, as with postMessage transfer);
 * errors come back rebuilt as the same classes with the same name and message.
 */
import { AdapterInputError, loadAdapter, type Adapter, type AdapterInput } from '@novae/adapters';
import { transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { BackendName } from '../backends.js';
import type { Detector, ScoreOptions } from '../detector.js';
import { DetectorInputError } from '../errors.js';
import type { LoadOptions, ModelSource } from '../load-detector.js';
import type { Manifest } from '../manifest.js';
import type { ImageSupport } from '../image/index.js';
import { loadImageSupport } from '../image/load.js';
import { withExplain, type ScoreResult } from '../score-result.js';
import { rethrowing } from './errors.js';
import type { DetectorHostApi, LoadedDetector, ScoreReply } from './protocol.js';
import { ownBuffer } from './transfer.js';

/** The Detector API a RemoteDetector offers. */
export type DetectorApi = Pick<Detector, 'manifest' | 'backend' | 'adapter' | 'width' | 'score' | 'scoreEncoded' | 'dispose'>;

export class RemoteDetector implements DetectorApi {
  readonly manifest: Manifest;
  readonly backend: BackendName;
  readonly adapter: Adapter;
  readonly width: number;
  private disposed = false;

  constructor(
    private readonly host: Remote<DetectorHostApi>, private readonly loaded: LoadedDetector, adapter: Adapter,
    private readonly image?: ImageSupport,
  ) {
    this.manifest = loaded.manifest;
    this.backend = loaded.backend;
    this.adapter = adapter;
    this.width = this.adapter.width;
  }

  /** Score raw records (or sensor windows) in the worker, which encodes them with the model's adapter. */
  async score(records: readonly AdapterInput[], options: ScoreOptions = {}): Promise<ScoreResult> {
    if (!Array.isArray(records)) {
      throw new AdapterInputError(`score: records must be an array of objects, got ${typeof records}`);
    }
    this.assertOpen();
    const reply = await rethrowing(() => this.host.score(this.loaded.id, records, options));
    return this.result(reply, records);
  }

  /** Score encoded rows in the worker. `encoded`'s buffer is transferred: pass a copy to keep it. */
  async scoreEncoded(encoded: Float32Array, n: number, options: ScoreOptions = {}, records?: readonly AdapterInput[]): Promise<ScoreResult> {
    if (!(encoded instanceof Float32Array)) {
      throw new DetectorInputError(`scoreEncoded: input must be a Float32Array, got ${Object.prototype.toString.call(encoded)}`);
    }
    this.assertOpen();
    const rows = ownBuffer(encoded);
    const reply = await rethrowing(() => this.host.scoreEncoded(this.loaded.id, transfer(rows, [rows.buffer as ArrayBuffer]), n, options));
    return this.result(reply, records);
  }

  /** Release the model inside the worker (the worker itself stays up; terminate it yourself). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await rethrowing(() => this.host.dispose(this.loaded.id));
  }

  private result(reply: ScoreReply, records: readonly AdapterInput[] | undefined): ScoreResult {
    const baseline = this.manifest.calibration.featureBaseline;
    return withExplain(reply.data, {
      adapter: this.adapter, baseline, encoded: reply.encoded, records, mapScale: this.manifest.calibration.mapScale, image: this.image,
    });
  }

  private assertOpen(): void {
    if (this.disposed) throw new DetectorInputError('detector: already disposed');
  }
}

/**
 * One comlink proxy per worker, alive as long as the worker object is: comlink releases an endpoint
 * (and the worker stops listening) when a proxy is released or collected, so detectors share it.
 */
const hosts = new WeakMap<object, Remote<DetectorHostApi>>();

/** Load a model inside `worker` (reached through `endpoint()`) and return a detector that scores there. */
export async function wrapDetectorOn(
  worker: object, endpoint: () => Endpoint, source: ModelSource, options: LoadOptions = {},
): Promise<RemoteDetector> {
  let host = hosts.get(worker);
  if (!host) {
    host = wrap<DetectorHostApi>(endpoint());
    hosts.set(worker, host);
  }
  const remote = host;
  const loaded = await rethrowing(() => remote.load(source, options));
  const adapter = await loadAdapter(loaded.manifest.adapter);
  return new RemoteDetector(remote, loaded, adapter, await loadImageSupport(adapter.kind));
}
