/**
 * Real headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core, and
 * the COOP/COEP static server of examples/browser serving the runtime's bundled flavour at /novae/.
 * Without a Chromium binary the browser tests skip, and say so loudly once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error: a plain .mjs script without type declarations
import { startStaticServer } from '../../examples/browser/serve.mjs';

/** Where Chromium is: $CHROMIUM_PATH, else Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

if (!HAS_CHROMIUM) {
  console.warn(
    `\n!!! browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH}. ` +
    'Install Debian\'s chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH. !!!\n',
  );
}

/** Flags that give headless Chromium a WebGPU adapter: SwiftShader, Vulkan on the CPU (slow, correct). */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', ...args] });
}

/** The runtime's bundled flavour (ONNX Runtime and its .wasm inside); `npm run build` makes it. */
export const BUNDLE_DIR = fileURLToPath(new URL('../../packages/runtime/dist/bundle/bundled/', import.meta.url));
export const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** The flavour that keeps ONNX Runtime external, and onnxruntime-web's own files. */
export const EXTERNAL_BUNDLE_DIR = fileURLToPath(new URL('../../packages/runtime/dist/bundle/external/', import.meta.url));
const ORT_WEB_DIR = fileURLToPath(new URL('../../node_modules/onnxruntime-web/dist/', import.meta.url));

/**
 * Serve the test pages at /, the bundled runtime at /novae/, the external one at /novae-external/,
 * onnxruntime-web at /ort/ (and again at /ort-wasm/, for `wasmPaths`) and `filesDir` at /files/.
 */
export function serveTestPages(filesDir: string): Promise<Served> {
  return startStaticServer({
    mounts: {
      '/': PAGES_DIR, '/novae/': BUNDLE_DIR, '/novae-external/': EXTERNAL_BUNDLE_DIR,
      '/ort/': ORT_WEB_DIR, '/ort-wasm/': ORT_WEB_DIR, '/files/': filesDir,
    },
  });
}
