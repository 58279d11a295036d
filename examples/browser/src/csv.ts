/**
 * A CSV file with a header into records (column name -> string), parsed with the same library,
 * options and checks (@novae/adapters' `CsvTableReader`) as `novae score`, so the page reads a file
 * exactly like the CLI does. Each kind of bad file gets one message that names the file and the
 * line: no data rows, a bad header, ragged rows, bad quoting, a column the model needs that the file
 * lacks.
 */
import { CSV_PARSE_OPTIONS, CsvTableReader, describeCsvParseError, requireCsvColumns } from '@novae/adapters';
import { CsvError, parse } from 'csv-parse/browser/esm/sync';

export interface CsvTable {
  /** The file name, for messages. */
  name: string;
  /** Header names, in file order. */
  columns: string[];
  /** One record per data row, in file order. */
  records: Record<string, string>[];
  /** The file line (1-based) each record ends on. */
  lines: number[];
}

/** A problem with the CSV file that the user can fix; the message says what and where. */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
}

/** Parse the CSV text of file `name`. */
export function parseCsv(name: string, text: string): CsvTable {
  const reader = new CsvTableReader(name, CsvFileError);
  try {
    parse(text, { ...CSV_PARSE_OPTIONS, on_record: reader.push });
  } catch (err) {
    if (err instanceof CsvError) throw new CsvFileError(describeCsvParseError(name, err));
    throw err;
  }
  return { name, ...reader.finish() };
}

/** Throw unless the table has every column the model needs. */
export function requireColumns(table: CsvTable, needed: readonly string[]): void {
  requireCsvColumns(table.name, table.columns, needed, 'the model', CsvFileError);
}

/** Columns of the file that the model does not read (labels, ids): shown beside the scores. */
export function otherColumns(table: CsvTable, modelColumns: readonly string[]): string[] {
  const used = new Set(modelColumns);
  return table.columns.filter((c) => !used.has(c));
}
