// The page's "try the demo data": a fraud model trained with @novae/trainer on the fraud example's
// seeded normal transactions, and a CSV of held-out transactions (some of them frauds, with their
// labels as extra columns, which the model ignores). Written to models/ (served at /models/) when
// missing, so `npm start` trains once (about 20 s) and then reuses them.
// Usage: node examples/browser/demo-data.mjs [--force]     (after `npm run build` at the repo root)
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { train } from '@novae/trainer';
import { LABEL_COLUMNS, generateTransactions } from '../fraud/dist/transactions.js';

export const MODELS_DIR = fileURLToPath(new URL('./models/', import.meta.url));
export const DEMO_MODEL = join(MODELS_DIR, 'fraud.onnx');
export const DEMO_CSV = join(MODELS_DIR, 'transactions.csv');

const TRAIN_ROWS = 8000;
const CSV_ROWS = 1000;
const FRAUD_RATE = 0.03;

/** A CSV field: quoted only when it must be. */
function field(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Records (same keys in every row) as CSV text with a header. */
export function toCsv(records) {
  const columns = Object.keys(records[0]);
  const lines = [columns.map(field).join(',')];
  for (const record of records) lines.push(columns.map((c) => field(record[c])).join(','));
  return `${lines.join('\n')}\n`;
}

async function writeAtomic(path, data) {
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
}

/** Write the demo model and CSV unless both exist (or `force`). */
export async function ensureDemoData({ force = false, log = console.log } = {}) {
  if (!force && existsSync(DEMO_MODEL) && existsSync(DEMO_CSV)) return;
  await mkdir(MODELS_DIR, { recursive: true });
  log(`training the demo model on ${TRAIN_ROWS} normal card transactions (once; about 20 s)...`);
  const started = performance.now();
  const trained = await train(generateTransactions({ rows: TRAIN_ROWS, seed: 1 }), {
    adapter: { ignore: [...LABEL_COLUMNS] }, epochs: 30, seed: 7,
  });
  await trained.save(DEMO_MODEL);
  await trained.dispose();
  await writeAtomic(DEMO_CSV, toCsv(generateTransactions({ rows: CSV_ROWS, fraudRate: FRAUD_RATE, seed: 2 })));
  log(`wrote ${DEMO_MODEL} and ${DEMO_CSV} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureDemoData({ force: process.argv.includes('--force') });
}
