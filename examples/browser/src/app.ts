/**
 * The page's wiring: a model file and a CSV file come in (file pickers, drag and drop, or the demo
 * button); when both are there, every row is scored in the page and the results table is drawn.
 * Any error shows on the page with the runtime's message. Nothing is uploaded anywhere.
 *
 * `#results[data-state]` says where the page is (empty, working, done or error) and `data-run` counts
 * the inputs handled so far: the tests wait on both.
 */
import { CsvFileError, parseCsv, type CsvTable } from './csv.js';
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

let model: LoadedModel | undefined;
let table: CsvTable | undefined;
/** Bumped by every new input, so a slow earlier run never overwrites a later one. */
let generation = 0;

type State = 'empty' | 'working' | 'done' | 'error';

function setState(state: State, message = ''): void {
  results.dataset.state = state;
  if (state !== 'working') results.dataset.run = String(generation);
  errorBox.hidden = state !== 'error';
  errorBox.textContent = message;
  if (state === 'error' || state === 'empty') results.replaceChildren();
}

function describeLoaded(): void {
  const parts: string[] = [];
  if (model) {
    const { adapter, manifest } = model.detector;
    parts.push(`Model ${model.name}: ${adapter.columns.length} columns, threshold ${formatValue(manifest.calibration.threshold)}`);
  } else parts.push('No model yet');
  parts.push(table ? `data ${table.name}: ${table.records.length.toLocaleString('en-US')} rows` : 'no CSV yet');
  loaded.textContent = `${parts.join('; ')}.`;
}

function messageOf(err: unknown): string {
  if (err instanceof CsvFileError) return err.message;
  if (err instanceof Error) return `${err.message} (${err.name})`;
  return String(err);
}

/** Run `step` for the newest input; show its error, or score when both files are in. */
async function update(step: () => Promise<void>): Promise<void> {
  const mine = ++generation;
  setState('working');
  try {
    await step();
    if (mine !== generation) return;
    describeLoaded();
    if (!model || !table) return setState('empty');
    const scored = await scoreTable(model, table);
    if (mine !== generation) return;
    renderResults(results, model, scored);
    setState('done');
  } catch (err) {
    if (mine !== generation) return;
    describeLoaded();
    setState('error', messageOf(err));
  }
}

async function useModel(name: string, bytes: Uint8Array): Promise<void> {
  const previous = model;
  model = undefined;
  await previous?.detector.dispose();
  model = await loadModel(name, bytes);
}

function useCsv(name: string, text: string): void {
  table = undefined;
  table = parseCsv(name, text);
}

const modelFile = (file: File) => update(async () => useModel(file.name, new Uint8Array(await file.arrayBuffer())));
const csvFile = (file: File) => update(async () => useCsv(file.name, await file.text()));

modelInput.addEventListener('change', () => {
  const file = modelInput.files?.[0];
  if (file) void modelFile(file);
});
csvInput.addEventListener('change', () => {
  const file = csvInput.files?.[0];
  if (file) void csvFile(file);
});

// Drag and drop: .onnx files are models, anything else is read as CSV.
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
  void update(async () => {
    if (onnx) await useModel(onnx.name, new Uint8Array(await onnx.arrayBuffer()));
    if (csv) useCsv(csv.name, await csv.text());
  });
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
  void update(async () => {
    const [modelResponse, csvResponse] = await Promise.all([fetchDemo(DEMO_MODEL_URL), fetchDemo(DEMO_CSV_URL)]);
    await useModel('fraud.onnx (demo)', new Uint8Array(await modelResponse.arrayBuffer()));
    useCsv('transactions.csv (demo)', await csvResponse.text());
  });
});

describeLoaded();
setState('empty');
