/**
 * Loading a model file's bytes and scoring a parsed CSV with it: what the page shows, as plain data.
 * Errors keep the runtime's own messages (they name the bad field, column or value), prefixed with
 * the file they are about.
 */
import { loadDetector, readManifest, type Detector, type ScoreResult } from '@novae/runtime';
import { requireColumns, type CsvTable } from './csv.js';

export interface LoadedModel {
  /** The model file's name. */
  name: string;
  detector: Detector;
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

/** Open a novae model from its file bytes; a file that is not one gets an error naming the file. */
export async function loadModel(name: string, bytes: Uint8Array): Promise<LoadedModel> {
  const started = performance.now();
  readManifest(bytes, name); // validates first, so the message names the file rather than 'model bytes'
  const detector = await loadDetector(bytes);
  return { name, detector, loadMs: performance.now() - started };
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
  requireColumns(table, model.detector.adapter.columns);
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
