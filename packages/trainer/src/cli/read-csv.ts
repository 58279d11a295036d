/**
 * Reading a CSV file with a header into records (column name -> string), with one clear line for
 * each kind of bad file: missing, a folder, no data rows, a bad header, ragged rows, bad quoting.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { readInputFile } from './input-file.js';
import { UserError } from './user-error.js';

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

/** Check the header: every column named, no name twice. */
function checkHeader(path: string, header: string[]): string[] {
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') throw new UserError(`${path}: header column ${i + 1} has no name`);
    const before = seen.get(name);
    if (before !== undefined) {
      throw new UserError(`${path}: the header names column '${name}' twice (columns ${before + 1} and ${i + 1})`);
    }
    seen.set(name, i);
  });
  return header;
}

/** One line for a csv-parse error. */
function describeCsvError(path: string, err: CsvError): string {
  const line = typeof err.lines === 'number' ? err.lines : undefined;
  const at = line === undefined ? '' : `line ${line}`;
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const fields = Array.isArray(err.record) ? err.record.length : '?';
      const expected = Array.isArray(err.columns) ? err.columns.length : '?';
      return `${path}: ${at} has ${fields} field${fields === 1 ? '' : 's'}, expected ${expected} (header)`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${path}: a quoted field opened near ${at || 'the end'} is never closed`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${path}: ${at}: unexpected character after a closing quote`;
    case 'INVALID_OPENING_QUOTE':
      return `${path}: ${at}: a quote inside an unquoted field (quote the whole field and double inner quotes)`;
    default:
      return `${path}: ${at ? `${at}: ` : ''}${err.message}`;
  }
}

/** Parse CSV text that came from `path`. */
export function parseCsv(path: string, text: string | Buffer): CsvTable {
  let columns: string[] = [];
  const lines: number[] = [];
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, {
      columns: (header: string[]) => (columns = checkHeader(path, header)),
      trim: true,
      skip_empty_lines: true,
      bom: true,
      on_record: (record, context) => {
        lines.push(context.lines);
        return record;
      },
    });
  } catch (err) {
    if (err instanceof CsvError) throw new UserError(describeCsvError(path, err));
    throw err;
  }
  if (records.length === 0) throw new UserError(`${path}: no data rows`);
  return { path, columns, records, lines };
}

/** Read and parse the CSV file at `path`. */
export async function readCsv(path: string): Promise<CsvTable> {
  return parseCsv(path, await readInputFile(path, 'a CSV file'));
}

/** Up to `max` names, quoted, then how many more. */
export function listColumns(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => `'${n}'`).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Throw unless the table has every column in `needed`; `who` says who needs them, e.g. `'the model'`. */
export function requireColumns(table: CsvTable, needed: readonly string[], who: string): void {
  const have = new Set(table.columns);
  const missing = needed.filter((c) => !have.has(c));
  if (missing.length === 0) return;
  const what = missing.length === 1 ? 'a column' : `${missing.length} columns`;
  throw new UserError(
    `${table.path}: missing ${what} that ${who} needs: ${listColumns(missing, 5)}; the file has ${listColumns(table.columns)}`,
  );
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
