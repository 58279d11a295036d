/**
 * @novae/runtime/webgpu for browsers and Web Workers: onnxruntime-web's full (JSEP) build, which adds
 * the WebGPU and WebNN execution providers to wasm (about 110 KB gzipped of JS, a larger .wasm).
 * `backend: 'auto'` tries webgpu, webnn, then wasm, and `detector.backend` says which one runs.
 */
import * as ortAll from 'onnxruntime-web';
import type { BackendName, BackendProvider, OrtModule } from '../backends.js';
import type { Detector } from '../detector.js';
import { fetchModel } from '../fetch-source.js';
import { loadDetectorWith, type LoadOptions, type ModelSource, type Platform } from '../load-detector.js';
import { configureWasm } from '../wasm-env.js';

export * from '../index.js';

function provider(name: BackendName): BackendProvider {
  return {
    name,
    load: async (options) => configureWasm(ortAll as OrtModule, options),
    sessionOptions: { executionProviders: [name] },
  };
}

const webgpuPlatform: Platform = {
  readSource: fetchModel,
  providers: [provider('webgpu'), provider('webnn'), provider('wasm')],
  autoOrder: ['webgpu', 'webnn', 'wasm'],
};

/** Load a novae model (a URL, fetched; or the file's bytes) and open it on WebGPU, WebNN or wasm. */
export function loadDetector(source: ModelSource, options?: LoadOptions): Promise<Detector> {
  return loadDetectorWith(webgpuPlatform, source, options);
}
