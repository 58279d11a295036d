/**
 * Every browser image source encodes and scores like Node, in real headless Chromium: a small image
 * model trained here (16x16 gray, from 24x20 RGBA images, so the adapter's resize runs) scores one
 * fixed opaque 24x20 image in Node; the page builds the same pixels as ImageData, puts them on a
 * canvas, and encodes and scores them from ImageData, HTMLCanvasElement, OffscreenCanvas,
 * ImageBitmap, HTMLImageElement (a PNG data URL) and VideoFrame on the main thread, and from the
 * sources a Web Worker has (ImageData, OffscreenCanvas, ImageBitmap, VideoFrame). Each source's
 * encoding must equal Node's within 1e-6, its score Node's within 1e-4 relative, its anomaly map
 * Node's within 1e-4 per pixel, and its overlay must be a 16x16 ImageData.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mulberry32 as rng } from '@novae/runtime';
import { train } from '@novae/trainer';
import { HAS_CHROMIUM, launchChromium, serveTestPages, type Served } from './chromium.js';

const W = 24;
const H = 20;
const SIZE = 16;

/** An opaque 24x20 RGBA image: a coloured gradient with noise, and a bright square when `spot`. */
function makeImage(seed: number, spot = false): { data: Uint8ClampedArray; width: number; height: number } {
  const random = rng(seed);
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4;
      const inSpot = spot && x >= 14 && x < 20 && y >= 5 && y < 11;
      data[i] = inSpot ? 250 : 60 + x * 4 + random() * 20;
      data[i + 1] = inSpot ? 240 : 80 + y * 5 + random() * 20;
      data[i + 2] = inSpot ? 30 : 120 + random() * 20;
      data[i + 3] = 255;
    }
  }
  return { data, width: W, height: H };
}

interface SourceResult {
  error?: string;
  encoding: number[];
  score: number;
  anomalyMap: number[];
  overlay: { width: number; height: number; isImageData: boolean };
}
type PageResults = Record<string, SourceResult>;

const dir = mkdtempSync(join(tmpdir(), 'novae-image-sources-'));
const testImage = makeImage(999, true);
let server: Served;
let node: { encoding: Float32Array; score: number; anomalyMap: Float32Array };

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  const images = Array.from({ length: 30 }, (_, i) => makeImage(i + 1));
  const trained = await train(images, { adapter: { kind: 'image', width: SIZE, height: SIZE, channels: 1 }, epochs: 2, seed: 0 });
  await trained.save(join(dir, 'model.onnx'));
  const r = await (await trained.detector()).score([testImage]);
  node = { encoding: trained.adapter.encode([testImage]), score: r.scores[0]!, anomalyMap: r.anomalyMap(0) };
  await trained.dispose();
  server = await serveTestPages(dir);
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each source's result against Node's, every message naming the source (and where it ran). */
function expectLikeNode(results: PageResults, names: string[], where: string): void {
  expect(Object.keys(results).sort(), `${where}: sources tried`).toEqual([...names].sort());
  for (const name of names) {
    const got = results[name]!;
    const label = `${where} ${name}`;
    expect(got.error, `${label}: threw`).toBeUndefined();
    expect(got.encoding.length, `${label}: encoding length`).toBe(SIZE * SIZE);
    let worst = 0;
    for (let i = 0; i < got.encoding.length; i++) worst = Math.max(worst, Math.abs(got.encoding[i]! - node.encoding[i]!));
    expect(worst, `${label}: largest encoding difference from Node`).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(got.score - node.score) / Math.max(1, Math.abs(node.score)), `${label}: score ${got.score} vs Node ${node.score}`)
      .toBeLessThanOrEqual(1e-4);
    expect(got.anomalyMap.length, `${label}: anomaly map length`).toBe(SIZE * SIZE);
    let worstMap = 0;
    for (let i = 0; i < got.anomalyMap.length; i++) worstMap = Math.max(worstMap, Math.abs(got.anomalyMap[i]! - node.anomalyMap[i]!));
    expect(worstMap, `${label}: largest anomaly map difference from Node`).toBeLessThanOrEqual(1e-4);
    expect(got.overlay, `${label}: overlay`).toEqual({ width: SIZE, height: SIZE, isImageData: true });
  }
}

describe.skipIf(!HAS_CHROMIUM)('image sources in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let hasVideoFrame: boolean;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(`${server.url}/image-sources.html`);
    await page.waitForFunction(() => 'imageSources' in globalThis);
    hasVideoFrame = await page.evaluate(() => typeof VideoFrame !== 'undefined');
    if (!hasVideoFrame) console.warn('!!! this Chromium has no VideoFrame: that source is not tested !!!');
  });
  afterAll(async () => { await browser?.close(); });

  function run(fn: 'mainThread' | 'inWorker'): Promise<PageResults> {
    return page.evaluate(
      ([f, pixels, w, h]) => (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<PageResults>>>)
        .imageSources![f as string]!('/files/model.onnx', pixels, w, h),
      [fn, [...testImage.data], W, H] as const,
    );
  }

  it('the main thread encodes and scores ImageData, canvases, ImageBitmap, <img> and VideoFrame like Node', async () => {
    const names = ['ImageData', 'HTMLCanvasElement', 'OffscreenCanvas', 'ImageBitmap', 'HTMLImageElement'];
    if (hasVideoFrame) names.push('VideoFrame');
    expectLikeNode(await run('mainThread'), names, 'main thread');
  });

  it('a Web Worker encodes and scores ImageData, OffscreenCanvas, ImageBitmap and VideoFrame like Node', async () => {
    const names = ['ImageData', 'OffscreenCanvas', 'ImageBitmap'];
    if (hasVideoFrame) names.push('VideoFrame');
    expectLikeNode(await run('inWorker'), names, 'worker');
  });
});
