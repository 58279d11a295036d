/**
 * Loading a model file's bytes and scoring a parsed CSV with it: what the page shows, as plain data.
 * Errors keep the runtime's own messages (they name the bad field, column or value), prefixed with
 * the file they are about.
 */
import { loadDetector, readManifest, type Detector, type ScoreResult } from '@novae/runtime';
import { requireColumns, type CsvTable } from './csv.js';

/** The adapter kind this page scores: CSV rows. */
type TabularAdapter = Extract<Detector['adapter'], { kind: 'tabular' }>;

export interface LoadedModel {
  /** The model file's name. */
  name: string;
  detector: Detector;
  /** The columns the model reads from each row. */
  columns: readonly string[];
  /** Milliseconds to read the manifest and open the ONNX Runtime session. */
  loadMs: number;
}

export interface Scored {
  table: CsvTable;
  result: ScoreResult;
  /** Rows flagged (`score > threshold`). */
  flagged: number;
  /** Milliseconds to encode and score every row. */
  scoreMs: number;
}

/**
 * Open a novae model from its file bytes. A file that is not one, or a model that does not read
 * table rows (a sensor model, say), gets an error naming the file.
 */
export async function loadModel(name: string, bytes: Uint8Array): Promise<LoadedModel> {
  const started = performance.now();
  const { kind } = readManifest(bytes, name).adapter; // validated first, so errors name the file
  if (kind !== 'tabular') {
    throw new Error(`${name}: a '${kind}' model; this page scores CSV rows with tabular models (novae train --adapter tabular)`);
  }
  const detector = await loadDetector(bytes);
  const adapter = detector.adapter as TabularAdapter;
  return { name, detector, columns: adapter.columns, loadMs: performance.now() - started };
}

/** Point an adapter error about row `i` (0-based) at the CSV line it came from. */
function locateRowError(table: CsvTable, err: unknown): unknown {
  const row = (err as { row?: unknown }).row;
  if (!(err instanceof Error) || err.name !== 'AdapterInputError' || typeof row !== 'number') return err;
  const line = table.lines[row];
  const located = new Error(`${table.name}: ${line === undefined ? '' : `line ${line}: `}${err.message}`);
  located.name = err.name;
  return located;
}

/** Score every row of `table`: the model's columns must all be there. */
export async function scoreTable(model: LoadedModel, table: CsvTable): Promise<Scored> {
  requireColumns(table, model.columns);
  const started = performance.now();
  let result: ScoreResult;
  try {
    result = await model.detector.score(table.records);
  } catch (err) {
    throw locateRowError(table, err);
  }
  const scoreMs = performance.now() - started;
  const flagged = result.isAnomaly.filter(Boolean).length;
  return { table, result, flagged, scoreMs };
}
