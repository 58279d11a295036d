// Browser bundles of @novae/runtime (built from its tsc output in packages/runtime/dist), and the
// browser example's app. Two documented flavours of the runtime, both ESM, minified:
//
//   packages/runtime/dist/bundle/external/  ONNX Runtime kept EXTERNAL: the files import
//       'onnxruntime-web/wasm' (and 'onnxruntime-web' for the WebGPU entry); an app bundler or an
//       import map supplies it. Smallest; `npm run size` measures the runtime's own code from it.
//   packages/runtime/dist/bundle/bundled/   ONNX Runtime BUNDLED in, plus its .wasm files copied
//       beside the chunks: drop the folder on any static server and import novae.js.
//
// Entries in each: novae.js (wasm), novae-webgpu.js (WebGPU, WebNN, wasm), novae-worker.js
// (exposeDetector / wrapDetector for Web Workers; ONNX Runtime loads only where a model loads).
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const runtimeDist = 'packages/runtime/dist';
// Chunk names carry content hashes: start from empty folders so stale chunks never linger.
rmSync(`${runtimeDist}/bundle`, { recursive: true, force: true });
export const runtimeInput = {
  novae: `${runtimeDist}/platform/browser.js`,
  'novae-webgpu': `${runtimeDist}/platform/webgpu.js`,
  'novae-worker': `${runtimeDist}/worker/browser.js`,
};
const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
/** The onnxruntime-web files the bundled flavour's chunks fetch at run time. */
export const ORT_ASSETS = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.jsep.mjs'];

const resolve = () => nodeResolve({ browser: true, exportConditions: ['browser'] });
const minify = () => terser({ module: true, compress: { passes: 2 }, format: { comments: false } });

/** Copy ONNX Runtime's .wasm/.mjs files beside the chunks. */
function ortAssets() {
  return {
    name: 'novae-ort-assets',
    generateBundle() {
      for (const fileName of ORT_ASSETS) this.emitFile({ type: 'asset', fileName, source: readFileSync(join(ortDist, fileName)) });
    },
  };
}

// ONNX Runtime's own chunks use eval-free, minified code; its circular-import and `this` warnings are noise.
function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
}

export const externalConfig = {
  input: runtimeInput,
  external: (id) => id === 'onnxruntime-web' || id.startsWith('onnxruntime-web/'),
  plugins: [resolve(), minify()],
  output: { dir: `${runtimeDist}/bundle/external`, format: 'es', chunkFileNames: 'novae-[name]-[hash].js' },
  onwarn,
};

export const bundledConfig = {
  input: runtimeInput,
  plugins: [resolve(), minify(), ortAssets()],
  output: { dir: `${runtimeDist}/bundle/bundled`, format: 'es', chunkFileNames: 'novae-[name]-[hash].js' },
  onwarn,
};

export const exampleConfig = {
  input: { app: 'examples/browser/dist/app.js' },
  // The page imports the runtime from the bundled flavour at /novae/novae.js (served beside it).
  external: (id) => id === '@novae/runtime',
  plugins: [resolve(), minify()],
  output: { dir: 'examples/browser/dist/bundle', format: 'es', paths: { '@novae/runtime': '/novae/novae.js' } },
  onwarn,
};

export default [externalConfig, bundledConfig, exampleConfig];
