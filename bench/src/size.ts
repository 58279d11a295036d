/**
 * `npm run size`: what the runtime costs a web page. The runtime's own code is measured from the
 * bundle that keeps ONNX Runtime external: the chunks an entry needs to load a model and score
 * (its static imports plus the lazy chunk that opens a model in a worker), each minified and
 * gzipped as a server sends it; lazy chunks for optional features (the stream engine) are listed
 * apart. The page total comes from the bundled flavour plus the onnxruntime-web .mjs/.wasm fetched.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const bundleDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../packages/runtime/dist/bundle');
const BUDGET_BYTES = 15 * 1024;

/** The page's entries, and the ONNX Runtime files each one fetches when a model loads. */
const ENTRIES = [
  { file: 'novae.js', what: 'wasm (default)', ortFiles: ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'] },
  { file: 'novae-webgpu.js', what: 'WebGPU + WebNN + wasm', ortFiles: ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'] },
  { file: 'novae-worker.js', what: 'worker (wasm in the worker)', ortFiles: ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'] },
];

/**
 * Lazy chunks that only optional features load: `detector.stream()`'s engine, and what image models
 * add (the image adapter; anomaly maps, overlays and pixel explanations).
 */
const OPTIONAL_CHUNK = /^novae-(engine|image|image-adapter)-/;
/** The chunks image models load on top. */
const IMAGE_CHUNK = /^novae-(image|image-adapter)-/;

/**
 * `entry` and every local chunk it imports; `lazy: false` skips dynamic `import()`s, and
 * `skip` leaves out the chunks it matches (and what only they import).
 */
function reachable(dir: string, entry: string, { lazy = true, skip }: { lazy?: boolean; skip?: RegExp } = {}): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || skip?.test(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    const pattern = lazy ? /["']\.\/([\w.-]+\.m?js)["']/g : /from\s*["']\.\/([\w.-]+\.m?js)["']/g;
    for (const match of code.matchAll(pattern)) {
      if (!match[1]!.startsWith('ort-')) visit(match[1]!);
    }
  };
  visit(entry);
  return [...seen];
}

const gzipped = (dir: string, files: string[]): number =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
const raw = (dir: string, files: string[]): number => files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function main(): void {
  const external = join(bundleDir, 'external');
  const bundled = join(bundleDir, 'bundled');
  const rows = [
    '| entry | runtime code to load + score, min | min+gzip | of which lazy | optional lazy chunks (stream, images), gzip | of which image models, gzip | page total, gzip (JS + ONNX Runtime .wasm) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  let worst = 0;
  for (const entry of ENTRIES) {
    const own = reachable(external, entry.file, { skip: OPTIONAL_CHUNK });
    const upFront = reachable(external, entry.file, { lazy: false });
    const optional = reachable(external, entry.file).filter((f) => !own.includes(f));
    const ownGzip = gzipped(external, own);
    worst = Math.max(worst, ownGzip);
    const lazyGzip = gzipped(external, own.filter((f) => !upFront.includes(f)));
    const page = reachable(bundled, entry.file);
    const pageJs = gzipped(bundled, page) + gzipped(bundled, entry.ortFiles.filter((f) => f.endsWith('.mjs')));
    const pageWasm = gzipped(bundled, entry.ortFiles.filter((f) => f.endsWith('.wasm')));
    rows.push(
      `| \`${entry.file}\` (${entry.what}) | ${kb(raw(external, own))} | ${kb(ownGzip)} | ${kb(lazyGzip)} | ` +
      `${kb(gzipped(external, optional))} | ${kb(gzipped(external, optional.filter((f) => IMAGE_CHUNK.test(f))))} | ` +
      `${mb(pageJs + pageWasm)} (${kb(pageJs)} JS + ${mb(pageWasm)} wasm) |`,
    );
  }
  console.log(rows.join('\n'));
  console.log(`\nruntime's own browser code to load a table or series model and score: at most ${kb(worst)} min+gzip per entry (budget ${kb(BUDGET_BYTES)}): ${worst <= BUDGET_BYTES ? 'within budget' : 'OVER BUDGET'}`);
  if (worst > BUDGET_BYTES) process.exitCode = 1;
}

main();
