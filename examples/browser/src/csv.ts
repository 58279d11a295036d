/**
 * A CSV file with a header into records (column name -> string), parsed with the same library and
 * options as `novae score`, so the page reads a file exactly like the CLI does. Each kind of bad
 * file gets one message that names the file and the line: no data rows, a bad header, ragged rows,
 * bad quoting, a column the model needs that the file lacks.
 */
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

function checkHeader(name: string, header: string[]): string[] {
  const seen = new Map<string, number>();
  header.forEach((column, i) => {
    if (column === '') throw new CsvFileError(`${name}: header column ${i + 1} has no name`);
    const before = seen.get(column);
    if (before !== undefined) {
      throw new CsvFileError(`${name}: the header names column '${column}' twice (columns ${before + 1} and ${i + 1})`);
    }
    seen.set(column, i);
  });
  return header;
}

function describeCsvError(name: string, err: CsvError): string {
  const { lines, record, columns } = err as CsvError & { lines?: number; record?: unknown; columns?: unknown };
  const at = typeof lines === 'number' ? `line ${lines}` : '';
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const fields = Array.isArray(record) ? record.length : '?';
      const expected = Array.isArray(columns) ? columns.length : '?';
      return `${name}: ${at} has ${fields} field${fields === 1 ? '' : 's'}, expected ${expected} (header)`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${name}: a quoted field opened near ${at || 'the end'} is never closed`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${name}: ${at}: unexpected character after a closing quote`;
    case 'INVALID_OPENING_QUOTE':
      return `${name}: ${at}: a quote inside an unquoted field (quote the whole field and double inner quotes)`;
    default:
      return `${name}: ${at ? `${at}: ` : ''}${err.message}`;
  }
}

/** Parse the CSV text of file `name`. */
export function parseCsv(name: string, text: string): CsvTable {
  let columns: string[] = [];
  const lines: number[] = [];
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, {
      columns: (header: string[]) => (columns = checkHeader(name, header)),
      trim: true,
      skip_empty_lines: true,
      bom: true,
      on_record: (record, context) => {
        lines.push(context.lines);
        return record;
      },
    });
  } catch (err) {
    if (err instanceof CsvError) throw new CsvFileError(describeCsvError(name, err));
    throw err;
  }
  if (records.length === 0) throw new CsvFileError(`${name}: no data rows`);
  return { name, columns, records, lines };
}

function quoted(names: readonly string[], max: number): string {
  const shown = names.slice(0, max).map((n) => `'${n}'`).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Throw unless the table has every column the model needs. */
export function requireColumns(table: CsvTable, needed: readonly string[]): void {
  const have = new Set(table.columns);
  const missing = needed.filter((c) => !have.has(c));
  if (missing.length === 0) return;
  const what = missing.length === 1 ? 'a column' : `${missing.length} columns`;
  throw new CsvFileError(
    `${table.name}: missing ${what} that the model needs: ${quoted(missing, 5)}; the file has ${quoted(table.columns, 12)}`,
  );
}

/** Columns of the file that the model does not read (labels, ids): shown beside the scores. */
export function otherColumns(table: CsvTable, modelColumns: readonly string[]): string[] {
  const used = new Set(modelColumns);
  return table.columns.filter((c) => !used.has(c));
}
