/**
 * What this JavaScript environment offers, detected once, in one place. Frozen: read it, never set it.
 */
const scope = globalThis as typeof globalThis & {
  WorkerGlobalScope?: unknown;
  crossOriginIsolated?: boolean;
  process?: { versions?: { node?: string } };
  navigator?: { gpu?: unknown; ml?: unknown; hardwareConcurrency?: number };
  document?: unknown;
};

export const apis = Object.freeze({
  /** Running in Node.js (main thread or worker_threads). */
  IS_NODE_ENV: typeof scope.process?.versions?.node === 'string',
  /** Running on a browser page's main thread. */
  IS_BROWSER_ENV: typeof scope.document !== 'undefined',
  /** Running in a Web Worker (dedicated, shared or service worker). */
  IS_WEBWORKER_ENV: typeof scope.WorkerGlobalScope !== 'undefined',
  /** `navigator.gpu` exists: WebGPU may be available (an adapter may still be missing). */
  IS_WEBGPU_AVAILABLE: typeof scope.navigator?.gpu !== 'undefined',
  /** `navigator.ml` exists: WebNN may be available. */
  IS_WEBNN_AVAILABLE: typeof scope.navigator?.ml !== 'undefined',
  /** COOP/COEP are in force, so SharedArrayBuffer and wasm threads work. */
  IS_CROSS_ORIGIN_ISOLATED: scope.crossOriginIsolated === true,
  /** Logical CPU cores the environment reports (1 when unknown). */
  HARDWARE_CONCURRENCY: scope.navigator?.hardwareConcurrency ?? 1,
});

/** wasm threads to use when the caller does not say: up to 4 where threads work, else 1. */
export function defaultWasmThreads(): number {
  return apis.IS_CROSS_ORIGIN_ISOLATED ? Math.max(1, Math.min(4, apis.HARDWARE_CONCURRENCY)) : 1;
}
