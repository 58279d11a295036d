/**
 * @novae/runtime in browsers and Web Workers: onnxruntime-web's wasm build only (about 24 KB gzipped
 * of JS plus the .wasm). WebGPU and WebNN: import `@novae/runtime/webgpu` instead.
 */
import * as ortWasm from 'onnxruntime-web/wasm';
import type { BackendProvider, OrtModule } from '../backends.js';
import type { Detector } from '../detector.js';
import { fetchModel } from '../fetch-source.js';
import { loadDetectorWith, type LoadOptions, type ModelSource, type Platform } from '../load-detector.js';
import { configureWasm } from '../wasm-env.js';

export * from '../index.js';

const providers: BackendProvider[] = [
  { name: 'wasm', load: async (options) => configureWasm(ortWasm as OrtModule, options), sessionOptions: { executionProviders: ['wasm'] } },
];

const browserPlatform: Platform = {
  readSource: fetchModel,
  providers,
  autoOrder: ['wasm'],
  missingHint: "WebGPU and WebNN are in '@novae/runtime/webgpu'",
};

/** Load a novae model (a URL, fetched; or the file's bytes) and open it for scoring. */
export function loadDetector(source: ModelSource, options?: LoadOptions): Promise<Detector> {
  return loadDetectorWith(browserPlatform, source, options);
}
