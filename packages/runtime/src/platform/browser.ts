/**
 * @novae/runtime in browsers and Web Workers: onnxruntime-web's wasm build only (about 24 KB gzipped
 * of JS plus the .wasm). WebGPU and WebNN: import `@novae/runtime/webgpu` instead.
 */
export * from '../index.js';
export { loadDetector } from './browser-load.js';
