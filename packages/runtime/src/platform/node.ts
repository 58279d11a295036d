/**
 * @novae/runtime for Node.js: onnxruntime-node (native) when installed, else onnxruntime-web's wasm.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BackendProvider, OrtModule, WasmOptions } from '../backends.js';
import type { Detector } from '../detector.js';
import { fetchModel, isHttpUrl } from '../fetch-source.js';
import { ManifestError } from '../manifest.js';
import { loadDetectorWith, type LoadOptions, type ModelSource, type Platform } from '../load-detector.js';
import { configureWasm } from '../wasm-env.js';

export * from '../index.js';

async function loadWasm(options: WasmOptions): Promise<OrtModule> {
  return configureWasm(await import('onnxruntime-web'), { ...options, threads: options.threads ?? 1 });
}

const providers: BackendProvider[] = [
  // onnxruntime-node is an optional peer: a dynamic import, so its absence only removes this provider.
  { name: 'node', load: async () => (await import('onnxruntime-node')) as unknown as OrtModule, sessionOptions: { executionProviders: ['cpu'] } },
  { name: 'wasm', load: loadWasm, sessionOptions: { executionProviders: ['wasm'] } },
];

async function readSource(source: string | URL): Promise<Uint8Array> {
  if (isHttpUrl(source)) return fetchModel(source);
  const path = source instanceof URL ? fileURLToPath(source) : source;
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a .onnx file' : (err as Error).message;
    throw new ManifestError(`${path}: cannot read model file (${why})`);
  }
}

const nodePlatform: Platform = { readSource, providers, autoOrder: ['node', 'wasm'] };

/** Load a novae model (path, file URL, http(s) URL or bytes) and open it for scoring. */
export function loadDetector(source: ModelSource, options?: LoadOptions): Promise<Detector> {
  return loadDetectorWith(nodePlatform, source, options);
}
