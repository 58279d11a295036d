/**
 * Chromium side of `npm run bench:runtime`: load + first score of a model on a page served with
 * COOP/COEP, first with an empty cache, then again on a fresh page once the .wasm is cached.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
// @ts-expect-error: a plain .mjs script without type declarations
import { startStaticServer } from '../../examples/browser/serve.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = fileURLToPath(new URL('../pages/', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../packages/runtime/dist/bundle/bundled/', import.meta.url));

export interface PageLoad {
  backend: string;
  rows: number;
  loadMs: number;
  firstScoreMs: number;
  totalMs: number;
}

export interface BrowserTimings {
  cold: PageLoad;
  /** Median of several fresh pages once the first page has cached the wasm (HTTP and code cache). */
  cached: PageLoad;
  /** The same for raw onnxruntime-web (session create + one run), the reference. */
  rawCold: PageLoad;
  rawCached: PageLoad;
  /** Fetch + WebAssembly.compileStreaming of onnxruntime-web's .wasm alone, cached: the floor under both. */
  wasmCompileCached: PageLoad;
}

const ORT_WEB = fileURLToPath(new URL('../../node_modules/onnxruntime-web/dist/', import.meta.url));

/** undefined when no Chromium is installed (the report says so). */
export async function timeBrowser(
  modelBytes: Uint8Array, records: object[], shape: { width: number; latent: number }, repeats = 5,
): Promise<BrowserTimings | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const files = mkdtempSync(join(tmpdir(), 'novae-bench-'));
  writeFileSync(join(files, 'model.onnx'), modelBytes);
  writeFileSync(join(files, 'records.json'), JSON.stringify(records));
  writeFileSync(join(files, 'shape.json'), JSON.stringify(shape));
  const server = await startStaticServer({ mounts: { '/': PAGES, '/novae/': BUNDLE, '/ort/': ORT_WEB, '/files/': files } });
  // A persistent profile, like a user's browser: an on-disk HTTP cache and V8's wasm code cache.
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'novae-profile-')), {
    executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'],
  });
  try {
    const measure = async (fn: 'loadAndScore' | 'rawOrt' | 'wasmOnly', linger = 0): Promise<PageLoad> => {
      const page = await context.newPage();
      await page.goto(`${server.url}/index.html`);
      await page.waitForFunction(() => 'bench' in globalThis);
      const load = await page.evaluate((name) => (globalThis as unknown as { bench: Record<string, () => Promise<PageLoad>> }).bench[name]!(), fn);
      // A page in use stays open: give V8 time to tier up and write its code cache, as it would.
      if (linger > 0) await page.waitForTimeout(linger);
      await page.close();
      return load;
    };
    const cold = await measure('loadAndScore', 3000);
    const rawCold = await measure('rawOrt', 3000);
    const cached: PageLoad[] = [];
    const rawCached: PageLoad[] = [];
    const wasmCompileCached: PageLoad[] = [];
    for (let i = 0; i < repeats; i++) {
      cached.push(await measure('loadAndScore'));
      rawCached.push(await measure('rawOrt'));
      wasmCompileCached.push(await measure('wasmOnly'));
    }
    const median = (loads: PageLoad[]): PageLoad => [...loads].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(loads.length / 2)]!;
    return { cold, cached: median(cached), rawCold, rawCached: median(rawCached), wasmCompileCached: median(wasmCompileCached) };
  } finally {
    await context.close();
    await server.close();
  }
}
