/**
 * `loadDetector` shared by every platform: read the bytes, validate the manifest before anything
 * else, open a session on the first execution provider that works, and return a Detector.
 */
import { loadAdapter } from '@novae/adapters';
import { openSession, type BackendChoice, type ProviderSet, type WasmOptions } from './backends.js';
import { Detector, DetectorInputError } from './detector.js';
import { readManifest } from './model-file.js';
import { loadImageSupport } from './image/load.js';

/** Where a model comes from: a URL or path (platform-dependent), or the file's bytes. */
export type ModelSource = string | URL | ArrayBuffer | Uint8Array;

export interface LoadOptions extends WasmOptions {
  /** Execution provider: `'auto'` (default) tries the platform's providers best-first. */
  backend?: BackendChoice;
  /** Default Monte Carlo samples per score (default: the manifest's `score.samples`). */
  samples?: number;
  /** Default seed of the Monte Carlo noise (default 0). */
  seed?: number;
}

/** What a platform entry (`platform/node.ts`, `platform/browser.ts`, `platform/webgpu.ts`) supplies. */
export interface Platform extends ProviderSet {
  /** Read a string/URL source into bytes; byte sources never reach it. */
  readSource(source: string | URL): Promise<Uint8Array>;
}

function describe(source: ModelSource): string {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return source.href;
  return 'model bytes';
}

async function toBytes(source: ModelSource, platform: Platform): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source === 'string' || source instanceof URL) return platform.readSource(source);
  throw new DetectorInputError(
    `loadDetector: source must be a URL, a path, an ArrayBuffer or a Uint8Array, got ${Object.prototype.toString.call(source)}`,
  );
}

/** Load a novae model file and open it for scoring. */
export async function loadDetectorWith(platform: Platform, source: ModelSource, options: LoadOptions = {}): Promise<Detector> {
  const bytes = await toBytes(source, platform);
  const manifest = readManifest(bytes, describe(source));
  // Rebuilt before the session opens: a bad adapter state fails without an ONNX Runtime session to leak.
  const adapter = await loadAdapter(manifest.adapter);
  const image = await loadImageSupport(adapter.kind);
  const { ort, session, backend } = await openSession(bytes, options.backend ?? 'auto', platform, {
    wasmPaths: options.wasmPaths,
    threads: options.threads,
  });
  return new Detector(ort, session, manifest, backend, adapter, {
    samples: options.samples ?? manifest.score.samples,
    seed: options.seed ?? 0,
  }, image);
}
