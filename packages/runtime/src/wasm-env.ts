/**
 * Apply `wasmPaths` and thread settings to an onnxruntime-web module. ONNX Runtime reads them when its
 * wasm module first initialises, so the first `loadDetector` of a page (or worker) decides them.
 */
import type { OrtModule, WasmOptions } from './backends.js';
import { defaultWasmThreads } from './env.js';

export function configureWasm(ort: OrtModule, options: WasmOptions): OrtModule {
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  const threads = options.threads ?? defaultWasmThreads();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads: expected a positive integer, got ${threads}`);
  }
  ort.env.wasm.numThreads = threads;
  return ort;
}
