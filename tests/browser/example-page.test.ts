/**
 * The browser example (examples/browser) end to end in headless Chromium: the page, served as
 * `npm run example:browser` serves it, is given a model this test trains and a CSV of transactions
 * through its file inputs. Its table must have one row per CSV row, most anomalous first, with the
 * Node runtime's scores (within 1e-4 relative) and flags; bad files must show an error naming the
 * problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDetector } from '@novae/runtime';
import { train } from '@novae/trainer';
import { generateTransactions, LABEL_COLUMNS } from '../../examples/fraud/src/transactions.js';
// @ts-expect-error: a plain .mjs script without type declarations
import { exampleMounts, startStaticServer } from '../../examples/browser/serve.mjs';
import { HAS_CHROMIUM, launchChromium, type Served } from './chromium.js';

const ROWS = 300;
const dir = mkdtempSync(join(tmpdir(), 'novae-example-page-'));
const MODEL = join(dir, 'model.onnx');
const CSV = join(dir, 'transactions.csv');
const NO_COUNTRY_CSV = join(dir, 'no-country.csv');
const RAGGED_CSV = join(dir, 'ragged.csv');
const records = generateTransactions({ rows: ROWS, seed: 11, fraudRate: 0.1 });

function toCsv(rows: readonly Record<string, unknown>[], drop: string[] = []): string {
  const columns = Object.keys(rows[0]!).filter((c) => !drop.includes(c));
  return [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c])).join(','))].join('\n') + '\n';
}

let server: Served;
let nodeScores: Float32Array;
let nodeFlagged: number;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  const mounts = exampleMounts() as Record<string, string>;
  if (!existsSync(join(mounts['/app/']!, 'app.js'))) {
    throw new Error(`${join(mounts['/app/']!, 'app.js')} is missing: run \`npm run build\` first (npm test does)`);
  }
  const trained = await train(generateTransactions({ rows: 1500, seed: 3 }), {
    adapter: { ignore: [...LABEL_COLUMNS] }, seed: 0, epochs: 8,
  });
  await trained.save(MODEL);
  await trained.dispose();
  writeFileSync(CSV, toCsv(records));
  writeFileSync(NO_COUNTRY_CSV, toCsv(records, ['country']));
  const lines = toCsv(records.slice(0, 5)).split('\n');
  lines[3] += ',extra';
  writeFileSync(RAGGED_CSV, lines.join('\n'));
  const detector = await loadDetector(MODEL);
  const r = await detector.score(records);
  nodeScores = r.scores;
  nodeFlagged = r.isAnomaly.filter(Boolean).length;
  await detector.dispose();
  server = await startStaticServer({ mounts });
});

afterAll(async () => {
  await server?.close();
});

interface ShownRow {
  row: number;
  score: number;
  flagged: boolean;
}

/** Do `action` (one input) and wait until the page has handled it. */
async function settle(page: Page, action: () => Promise<void>): Promise<void> {
  const before = Number(await page.getAttribute('#results', 'data-run'));
  await action();
  await page.waitForFunction(
    (n) => Number(document.querySelector('#results')!.getAttribute('data-run')) > n,
    before,
    { timeout: 20_000 },
  );
}

function shownRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval('#results-table tbody tr', (trs) => trs.map((tr) => ({
    row: Number(tr.getAttribute('data-row')),
    score: Number(tr.getAttribute('data-score')),
    flagged: tr.classList.contains('flagged'),
  })));
}

function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

describe.skipIf(!HAS_CHROMIUM)('the browser example page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#results[data-state="empty"]', { state: 'attached' });
  });
  afterAll(async () => { await browser?.close(); });

  it('scores a picked CSV with a picked model like Node: one row per CSV row, most anomalous first', async () => {
    await settle(page, () => page.setInputFiles('#model-file', MODEL));
    await settle(page, () => page.setInputFiles('#csv-file', CSV));
    expect(await page.getAttribute('#results', 'data-state')).toBe('done');

    const rows = await shownRows(page);
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.row)).size).toBe(ROWS);
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.score).toBeLessThanOrEqual(rows[k - 1]!.score);

    const top = rows[0]!;
    const nodeTop = nodeScores.indexOf(Math.max(...nodeScores));
    expect(top.row).toBe(nodeTop);
    expect(relativeDifference(top.score, nodeScores[nodeTop]!)).toBeLessThan(1e-4);
    const worst = Math.max(...rows.map((r) => relativeDifference(r.score, nodeScores[r.row]!)));
    expect(worst).toBeLessThan(1e-4);

    expect(Number(await page.getAttribute('#summary', 'data-flagged'))).toBe(nodeFlagged);
    expect(rows.filter((r) => r.flagged)).toHaveLength(nodeFlagged);
    expect(nodeFlagged).toBeGreaterThan(0);
    expect(await page.getAttribute('#summary', 'data-backend')).toBe('wasm');
    const explained = await page.textContent('#results-table tbody tr:first-child .why');
    expect(explained).toMatch(/→|%/);
  });

  it('sorts by row when the Row header is clicked', async () => {
    await page.click('#results-table th:has-text("Row") button');
    const rows = await shownRows(page);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i));
  });

  it('names the missing column when the CSV lacks one the model needs', async () => {
    await settle(page, () => page.setInputFiles('#csv-file', NO_COUNTRY_CSV));
    expect(await page.getAttribute('#results', 'data-state')).toBe('error');
    expect(await page.textContent('#error')).toMatch(/^no-country\.csv: missing a column that the model needs: 'country'/);
    expect(await page.$$('#results-table')).toHaveLength(0);
  });

  it('names the line of a ragged CSV row', async () => {
    await settle(page, () => page.setInputFiles('#csv-file', RAGGED_CSV));
    expect(await page.textContent('#error')).toMatch(/^ragged\.csv: line 4 has 13 fields, expected 12 \(header\)/);
  });

  it('says a file that is not a novae model is not one, naming the file', async () => {
    await settle(page, () => page.setInputFiles('#model-file', CSV));
    expect(await page.getAttribute('#results', 'data-state')).toBe('error');
    expect(await page.textContent('#error')).toMatch(/^transactions\.csv: not an ONNX model file/);
  });

  it('scores both files when the CSV is picked while the model is still loading', async () => {
    // A fresh page (ONNX Runtime's wasm not yet compiled) and both inputs changed in one task: the
    // CSV is read long before the model has loaded.
    page = await browser.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#results[data-state="empty"]', { state: 'attached' });
    await page.evaluate(({ model, csv }) => {
      const pick = (id: string, name: string, data: BlobPart): void => {
        const files = new DataTransfer();
        files.items.add(new File([data], name));
        const input = document.getElementById(id) as HTMLInputElement;
        input.files = files.files;
        input.dispatchEvent(new Event('change'));
      };
      pick('model-file', 'model.onnx', Uint8Array.from(atob(model), (c) => c.charCodeAt(0)));
      pick('csv-file', 'transactions.csv', csv);
    }, { model: readFileSync(MODEL).toString('base64'), csv: readFileSync(CSV, 'utf8') });
    await page.waitForSelector('#results[data-state="done"]', { state: 'attached', timeout: 20_000 });
    expect(await shownRows(page)).toHaveLength(ROWS);
    expect(await page.isHidden('#error')).toBe(true);
  });

  it('takes both files dropped on the drop zone at once', async () => {
    await settle(page, () => page.evaluate(({ model, csv }) => {
      const files = new DataTransfer();
      files.items.add(new File([csv], 'dropped.csv'));
      files.items.add(new File([Uint8Array.from(atob(model), (c) => c.charCodeAt(0))], 'dropped.onnx'));
      document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
    }, { model: readFileSync(MODEL).toString('base64'), csv: readFileSync(NO_COUNTRY_CSV, 'utf8') }));
    expect(await page.textContent('#loaded')).toMatch(/^Model dropped\.onnx: .*; data dropped\.csv: 300 rows\.$/);
    expect(await page.textContent('#error')).toMatch(/^dropped\.csv: missing a column that the model needs: 'country'/);
    expect(pageErrors).toEqual([]);
  });
});
