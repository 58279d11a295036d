/**
 * `npm run size`: what the runtime costs a web page. The runtime's own code is measured from the
 * bundle that keeps ONNX Runtime external (every chunk an entry reaches, minified, gzipped); the
 * page total from the bundled flavour: its chunks plus the onnxruntime-web .mjs/.wasm it fetches.
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

/** `entry` and every local chunk it imports, statically or dynamically. */
function reachable(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const match of code.matchAll(/["']\.\/([\w.-]+\.m?js)["']/g)) {
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
  const rows = ['| entry | runtime code, min | runtime code, min+gzip | page total, gzip (JS + ONNX Runtime .wasm) |', '|---|---:|---:|---:|'];
  let worst = 0;
  for (const entry of ENTRIES) {
    const own = reachable(external, entry.file);
    const page = [...reachable(bundled, entry.file)];
    const ownGzip = gzipped(external, own);
    worst = Math.max(worst, ownGzip);
    const pageJs = gzipped(bundled, page) + gzipped(bundled, entry.ortFiles.filter((f) => f.endsWith('.mjs')));
    const pageWasm = gzipped(bundled, entry.ortFiles.filter((f) => f.endsWith('.wasm')));
    rows.push(`| \`${entry.file}\` (${entry.what}) | ${kb(raw(external, own))} | ${kb(ownGzip)} | ${mb(pageJs + pageWasm)} (${kb(pageJs)} JS + ${mb(pageWasm)} wasm) |`);
  }
  console.log(rows.join('\n'));
  console.log(`\nruntime's own browser code: at most ${kb(worst)} min+gzip per entry (budget ${kb(BUDGET_BYTES)}): ${worst <= BUDGET_BYTES ? 'within budget' : 'OVER BUDGET'}`);
  if (worst > BUDGET_BYTES) process.exitCode = 1;
}

main();
