/**
 * @novae/runtime for Node.js: onnxruntime-node (native) when installed, else onnxruntime-web's wasm.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BackendProvider, OrtModule } from '../backends.js';
import type { Detector } from '../detector.js';
import { ManifestError } from '../manifest.js';
import { loadDetectorWith, type LoadOptions, type ModelSource, type Platform } from '../load-detector.js';

export * from '../index.js';

async function loadWasm(): Promise<OrtModule> {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  return ort;
}

const providers: BackendProvider[] = [
  // onnxruntime-node is an optional peer: a dynamic import, so its absence only removes this provider.
  { name: 'node', load: async () => (await import('onnxruntime-node')) as unknown as OrtModule, sessionOptions: { executionProviders: ['cpu'] } },
  { name: 'wasm', load: loadWasm, sessionOptions: { executionProviders: ['wasm'] } },
];

async function readSource(source: string | URL): Promise<Uint8Array> {
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

/** Load a novae model (path, file URL or bytes) and open it for scoring. */
export function loadDetector(source: ModelSource, options?: LoadOptions): Promise<Detector> {
  return loadDetectorWith(nodePlatform, source, options);
}
