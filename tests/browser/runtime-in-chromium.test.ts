/**
 * @novae/runtime in real headless Chromium: a page served with COOP/COEP loads the bundled runtime and
 * a model this test trains, and scores (a) on the main thread with wasm, (b) in a Web Worker through
 * @novae/runtime/worker, (c) on WebGPU over SwiftShader. Every result must equal the Node scores of
 * the same model within 1e-4 relative.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDetector } from '@novae/runtime';
import { train } from '@novae/trainer';
import { generateTransactions, LABEL_COLUMNS } from '../../examples/fraud/src/transactions.js';
import { HAS_CHROMIUM, launchChromium, serveTestPages, WEBGPU_FLAGS, type Served } from './chromium.js';
import { expectScoresClose, type PageScores } from './compare.js';

const dir = mkdtempSync(join(tmpdir(), 'novae-browser-'));
const records = generateTransactions({ rows: 300, seed: 11, fraudRate: 0.1 }).map((r) => {
  const copy: Record<string, unknown> = { ...r };
  for (const column of LABEL_COLUMNS) delete copy[column];
  return copy;
});
let server: Served;
let expected: PageScores;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  const normal = generateTransactions({ rows: 1500, seed: 3 });
  const trained = await train(normal, { adapter: { ignore: [...LABEL_COLUMNS] }, seed: 0, epochs: 8 });
  await trained.save(join(dir, 'model.onnx'));
  await trained.dispose();
  writeFileSync(join(dir, 'records.json'), JSON.stringify(records));
  const detector = await loadDetector(join(dir, 'model.onnx'));
  const r = await detector.score(records as never);
  expected = {
    backend: detector.backend, scores: [...r.scores], nll: [...r.nll], kl: [...r.kl],
    pValues: [...r.pValues], topColumn: r.explain(0, 1).columns[0]!.column,
  };
  await detector.dispose();
  server = await serveTestPages(dir);
});

afterAll(async () => {
  await server?.close();
});

/** Open the test page (pages/index.html, whose module pages/harness.js sets `harness`). */
async function openPage(browser: Browser, html = 'index.html'): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${server.url}/${html}`);
  await page.waitForFunction(() => 'harness' in globalThis);
  return page;
}

/** Call `harness[name](...args)` in the page. */
function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, rest]) => (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>).harness![fn as string]!(...(rest as unknown[])),
    [name, args] as const,
  ) as Promise<T>;
}

describe.skipIf(!HAS_CHROMIUM)('the runtime in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });

  it('is cross-origin isolated (COOP/COEP), so wasm threads are available', async () => {
    const page = await openPage(browser);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await page.close();
  });

  it('scores on the main thread with wasm exactly like Node, overlapping calls included', async () => {
    const page = await openPage(browser);
    const got = await call<PageScores & { overlappingScores: number[][] }>(page, 'scoreMain');
    expect(got.backend).toBe('wasm');
    expectScoresClose(got, expected);
    // Overlapping calls on one detector (queued by the detector; RunQueue's own test checks the order) agree.
    expect(got.overlappingScores).toEqual([got.scores, got.scores, got.scores]);
    await page.close();
  });

  it('scores in a Web Worker through @novae/runtime/worker exactly like Node', async () => {
    const page = await openPage(browser);
    const got = await call<PageScores>(page, 'scoreWorker');
    expect(got.backend).toBe('wasm');
    expectScoresClose(got, expected);
    await page.close();
  });

  it('the external flavour runs with ONNX Runtime from an import map and its .wasm from wasmPaths', async () => {
    const page = await openPage(browser, 'external.html');
    const got = await call<PageScores & { wasmUrls: string[] }>(page, 'scoreExternal', '/ort-wasm/');
    expect(got.backend).toBe('wasm');
    expect(got.wasmUrls).toEqual(['/ort-wasm/ort-wasm-simd-threaded.wasm']);
    expectScoresClose(got, expected);
    await page.close();
  });

  it('names the URL when the model cannot be fetched, and refuses a file that is not a novae model', async () => {
    const page = await openPage(browser);
    const errors = await call<string[]>(page, 'loadErrors', ['/files/missing.onnx', '/files/records.json']);
    expect(errors[0]).toMatch(/^ManifestError: \/files\/missing\.onnx: cannot fetch model file \(HTTP 404/);
    expect(errors[1]).toMatch(/^ManifestError: \/files\/records\.json: /);
    await page.close();
  });
});

describe.skipIf(!HAS_CHROMIUM)('the WebGPU entry in headless Chromium without a GPU adapter', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });

  it("'auto' passes over WebGPU, reports the provider that really runs, and scores like Node", async () => {
    const page = await openPage(browser);
    const got = await call<PageScores>(page, 'scoreWebgpu', 'auto');
    expect(['webnn', 'wasm']).toContain(got.backend);
    expectScoresClose(got, expected);
    await page.close();
  });

  it("an explicit 'webgpu' fails with one error giving WebGPU's reason, not a silent fallback", async () => {
    const page = await openPage(browser);
    const err = await page.evaluate(() => (globalThis as unknown as { harness: { scoreWebgpu(b: string): Promise<unknown> } })
      .harness.scoreWebgpu('webgpu').then(() => 'loaded', (e: Error) => `${e.name}: ${e.message}`));
    expect(err).toMatch(/^BackendError: no available backend found\. ERR: \[webgpu\] \S/);
    await page.close();
  });
});

describe.skipIf(!HAS_CHROMIUM)('the runtime on WebGPU (SwiftShader) in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(WEBGPU_FLAGS); });
  afterAll(async () => { await browser?.close(); });

  it('runs on the webgpu execution provider and scores like Node', async () => {
    const page = await openPage(browser);
    const got = await call<PageScores>(page, 'scoreWebgpu', 'webgpu');
    expect(got.backend).toBe('webgpu');
    expect((await call<PageScores>(page, 'scoreWebgpu', 'auto')).backend).toBe('webgpu');
    expectScoresClose(got, expected);
    await page.close();
  });
});
