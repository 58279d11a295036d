/**
 * The page's wiring: a model file and a CSV file come in (file pickers, drag and drop, or the demo
 * button); when both are there, every row is scored in the page and the results table is drawn.
 * Any error shows on the page with the runtime's message. Nothing is uploaded anywhere.
 *
 * `#results[data-state]` says where the page is (empty, working, done or error) and `data-run` counts
 * the times it settled: the tests wait on both.
 */
import { parseCsv, type CsvTable } from './csv.js';
import { loadModel, scoreTable, type LoadedModel } from './score.js';
import { formatValue, renderResults } from './table.js';

/** Where `npm start` (demo-data.mjs) writes the demo files; served at /models/. */
const DEMO_MODEL_URL = '/models/fraud.onnx';
const DEMO_CSV_URL = '/models/transactions.csv';

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

const modelInput = byId<HTMLInputElement>('model-file');
const csvInput = byId<HTMLInputElement>('csv-file');
const demoButton = byId<HTMLButtonElement>('demo');
const dropZone = byId<HTMLElement>('drop');
const loaded = byId<HTMLElement>('loaded');
const errorBox = byId<HTMLElement>('error');
const results = byId<HTMLElement>('results');

/** One input, the model or the CSV: its latest value, or why the latest one failed. */
interface Slot<T> {
  value?: T;
  error?: unknown;
  /** Bumped per new file, so a slow earlier load never replaces a later one. */
  token: number;
  release(value: T): Promise<void>;
}

const model: Slot<LoadedModel> = { token: 0, release: (m) => m.detector.dispose() };
const table: Slot<CsvTable> = { token: 0, release: async () => {} };
/** Loads in flight; the page settles when none is. */
let pending = 0;
/** Bumped per new file and per scoring run, so a stale run never draws over a newer state. */
let view = 0;
let runs = 0;

type State = 'working' | 'empty' | 'done' | 'error';

function setState(state: State, message = ''): void {
  results.dataset.state = state;
  if (state !== 'working') results.dataset.run = String(++runs);
  errorBox.hidden = state !== 'error';
  errorBox.textContent = message;
  if (state === 'error' || state === 'empty') results.replaceChildren();
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.name === 'CsvFileError' || err.name === 'Error' ? err.message : `${err.message} (${err.name})`;
}

function describeLoaded(): void {
  const m = model.value;
  const t = table.value;
  const parts = [
    m ? `Model ${m.name}: ${m.columns.length} columns, threshold ${formatValue(m.detector.manifest.calibration.threshold)}` : 'No model yet',
    t ? `data ${t.name}: ${t.records.length.toLocaleString('en-US')} rows` : 'no CSV yet',
  ];
  loaded.textContent = `${parts.join('; ')}.`;
}

/** Show what the inputs add up to: their errors, nothing yet, or every row scored. */
async function settle(): Promise<void> {
  describeLoaded();
  if (pending > 0) return; // the last load to finish settles the page
  const mine = ++view;
  const errors = [model.error, table.error].filter((e) => e !== undefined);
  if (errors.length > 0) return setState('error', errors.map(messageOf).join('\n'));
  if (!model.value || !table.value) return setState('empty');
  setState('working');
  try {
    const scored = await scoreTable(model.value, table.value);
    if (mine !== view) return;
    renderResults(results, model.value, scored);
    setState('done');
  } catch (err) {
    if (mine === view) setState('error', messageOf(err));
  }
}

/** Put what `load` gives into `slot` (releasing what was there), then settle the page. */
async function fill<T>(slot: Slot<T>, load: () => Promise<T>): Promise<void> {
  const mine = ++slot.token;
  view++;
  pending++;
  setState('working');
  const old = slot.value;
  slot.value = undefined;
  slot.error = undefined;
  try {
    if (old !== undefined) await slot.release(old);
    const value = await load();
    if (mine === slot.token) slot.value = value;
    else await slot.release(value);
  } catch (err) {
    if (mine === slot.token) slot.error = err;
  } finally {
    pending--;
  }
  await settle();
}

const modelFrom = (name: string, bytes: () => Promise<ArrayBuffer>) =>
  fill(model, async () => loadModel(name, new Uint8Array(await bytes())));
const csvFrom = (name: string, text: () => Promise<string>) =>
  fill(table, async () => parseCsv(name, await text()));

modelInput.addEventListener('change', () => {
  const file = modelInput.files?.[0];
  if (file) void modelFrom(file.name, () => file.arrayBuffer());
});
csvInput.addEventListener('change', () => {
  const file = csvInput.files?.[0];
  if (file) void csvFrom(file.name, () => file.text());
});

// Drag and drop: a .onnx file is the model, any other file is read as CSV.
dropZone.addEventListener('dragover', (event) => {
  event.preventDefault();
  dropZone.classList.add('over');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('over');
  const files = [...(event.dataTransfer?.files ?? [])];
  const onnx = files.find((f) => f.name.toLowerCase().endsWith('.onnx'));
  const csv = files.find((f) => !f.name.toLowerCase().endsWith('.onnx'));
  if (onnx) void modelFrom(onnx.name, () => onnx.arrayBuffer());
  if (csv) void csvFrom(csv.name, () => csv.text());
});

async function fetchDemo(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}; the demo files are made by \`npm run example:browser\` ` +
      '(examples/browser/demo-data.mjs): start the page that way once');
  }
  return response;
}

demoButton.addEventListener('click', () => {
  void modelFrom('fraud.onnx (demo)', async () => (await fetchDemo(DEMO_MODEL_URL)).arrayBuffer());
  void csvFrom('transactions.csv (demo)', async () => (await fetchDemo(DEMO_CSV_URL)).text());
});

describeLoaded();
setState('empty');
