/** Opening a model and its input CSV together, for `score` and `eval`. */
import { loadDetector, type Detector, type ScoreResult } from '@novae/runtime';
import { locateRowError, readCsv, requireColumns, type CsvTable } from './read-csv.js';
import { UserError } from './user-error.js';

export interface ModelAndData {
  detector: Detector;
  table: CsvTable;
}

/** Load the model (first, so a bad model file is reported before the data is read) and the CSV. */
export async function openModelAndData(modelPath: string, dataPath: string): Promise<ModelAndData> {
  return openTable(await loadDetector(modelPath), dataPath);
}

/** Read the CSV a loaded table or sensor model scores; disposes of the detector if that fails. */
export async function openTable(detector: Detector, dataPath: string): Promise<ModelAndData> {
  try {
    if (detector.adapter.kind === 'image') {
      throw new UserError(`${dataPath}: this is an image model: score a folder of PNG or JPEG files with novae score`);
    }
    const table = await readCsv(dataPath);
    requireColumns(table, detector.adapter.columns, 'the model');
    return { detector, table };
  } catch (err) {
    await detector.dispose();
    throw err;
  }
}

/** Score every row of the table, pointing adapter errors at their file line. */
export async function scoreTable(
  { detector, table }: ModelAndData, options: { samples?: number; seed?: number } = {},
): Promise<ScoreResult> {
  try {
    return await detector.score(table.records, options);
  } catch (err) {
    throw locateRowError(table, err);
  }
}
