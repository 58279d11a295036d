/**
 * Reading a CSV file with a header into records (column name -> string), with one clear line for
 * each kind of bad file: missing, a folder, no data rows, a bad header, ragged rows, bad quoting
 * (the table checks are @novae/adapters' `CsvTableReader`, shared with the browser example).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { CSV_PARSE_OPTIONS, CsvTableReader, describeCsvParseError, requireCsvColumns } from '@novae/adapters';
import { readInputFile } from './input-file.js';
import { UserError } from './user-error.js';

/** Up to `max` names, quoted, then how many more (for messages that list columns). */
export { listColumns } from '@novae/adapters';

/** A parsed CSV file. */
export interface CsvTable {
  path: string;
  /** Header names, in file order. */
  columns: string[];
  /** One record per data row, in file order. */
  records: Record<string, string>[];
  /** The file line (1-based) each record ends on, for error messages. */
  lines: number[];
}

/** Parse CSV text that came from `path`. */
export function parseCsv(path: string, text: string | Buffer): CsvTable {
  const reader = new CsvTableReader(path, UserError);
  try {
    parse(text, { ...CSV_PARSE_OPTIONS, on_record: reader.push });
  } catch (err) {
    if (err instanceof CsvError) throw new UserError(describeCsvParseError(path, err));
    throw err;
  }
  return { path, ...reader.finish() };
}

/** Read and parse the CSV file at `path`. */
export async function readCsv(path: string): Promise<CsvTable> {
  return parseCsv(path, await readInputFile(path, 'a CSV file'));
}

/** Throw unless the table has every column in `needed`; `who` says who needs them, e.g. `'the model'`. */
export function requireColumns(table: CsvTable, needed: readonly string[], who: string): void {
  requireCsvColumns(table.path, table.columns, needed, who, UserError);
}

/**
 * Point an adapter error about row `i` at its file line, e.g.
 * `data.csv: line 7: row 5, column 'amount': expected a number, got 'abc'`.
 */
export function locateRowError(table: CsvTable, err: unknown): unknown {
  const row = (err as { row?: unknown }).row;
  if (!(err instanceof Error) || err.name !== 'AdapterInputError' || typeof row !== 'number') return err;
  const line = table.lines[row];
  return new UserError(`${table.path}: ${line === undefined ? '' : `line ${line}: `}${err.message}`);
}
