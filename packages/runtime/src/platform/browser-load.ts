/**
 * The browser platform's `loadDetector` on its own, without the rest of the public API: what a Web
 * Worker started by `exposeDetector()` loads, so a worker carries only the code it runs.
 */
import * as ortWasm from 'onnxruntime-web/wasm';
import type { BackendProvider, OrtModule } from '../backends.js';
import type { Detector } from '../detector.js';
import { fetchModel } from '../fetch-source.js';
import { loadDetectorWith, type LoadOptions, type ModelSource, type Platform } from '../load-detector.js';
import { configureWasm } from '../wasm-env.js';


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
