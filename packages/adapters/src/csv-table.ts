/**
 * CSV files with a header as tables of records (column name -> string), checked the same way
 * wherever novae reads one (the `novae` CLI, the browser example), with one message per kind of bad
 * file that names the file and the line: no data rows, a bad header, ragged rows, bad quoting, a
 * column that is needed but missing.
 *
 * No dependency: the caller parses the text with csv-parse (its Node or browser build) using
 * `CSV_PARSE_OPTIONS` and hands each row to a `CsvTableReader` as it is parsed, so the first problem
 * in the file is the one reported:
 *
 *     const reader = new CsvTableReader('data.csv', UserError);
 *     try {
 *       parse(text, { ...CSV_PARSE_OPTIONS, on_record: reader.push });
 *     } catch (err) {
 *       if (err instanceof CsvError) throw new UserError(describeCsvParseError('data.csv', err));
 *       throw err;
 *     }
 *     const { columns, records, lines } = reader.finish();
 */

/**
 * The csv-parse options of every novae CSV reader: a UTF-8 BOM dropped, fields trimmed, blank lines
 * skipped, and rows of any length passed on, so that `CsvTableReader` can word the ragged-row error.
 */
export const CSV_PARSE_OPTIONS = Object.freeze({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });

/** An error class to throw: the caller's own (e.g. the CLI's `UserError`). */
export type ErrorClass = new (message: string) => Error;

/** A CSV file's content once read. */
export interface CsvRecords {
  /** Header names, in file order. */
  columns: string[];
  /** One record per data row, in file order. */
  records: Record<string, string>[];
  /** The file line (1-based) each record ends on, for error messages. */
  lines: number[];
}

/** Collects the rows of one file (header first) as csv-parse emits them, checking each. */
export class CsvTableReader {
  readonly #source: string;
  readonly #error: ErrorClass;
  #columns: string[] | undefined;
  readonly #records: Record<string, string>[] = [];
  readonly #lines: number[] = [];

  /** `source` names the file in messages; problems throw `error` (default `Error`). */
  constructor(source: string, error: ErrorClass = Error) {
    this.#source = source;
    this.#error = error;
  }

  /**
   * Take the next row and the line it ends on (csv-parse's `on_record`; returns nothing, so
   * csv-parse keeps no copy). Throws for a bad header or a row whose length is not the header's.
   */
  readonly push = (record: readonly string[], info: { readonly lines: number }): undefined => {
    if (this.#columns === undefined) {
      this.#columns = this.#checkHeader(record);
      return undefined;
    }
    const columns = this.#columns;
    if (record.length !== columns.length) {
      const fields = record.length;
      throw new this.#error(
        `${this.#source}: line ${info.lines} has ${fields} field${fields === 1 ? '' : 's'}, expected ${columns.length} (header)`,
      );
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = record[i]!;
    this.#records.push(row);
    this.#lines.push(info.lines);
    return undefined;
  };

  /** The table; throws when the file has no data rows. */
  finish(): CsvRecords {
    if (this.#records.length === 0) throw new this.#error(`${this.#source}: no data rows`);
    return { columns: this.#columns!, records: this.#records, lines: this.#lines };
  }

  /** Every column named, no name twice. */
  #checkHeader(header: readonly string[]): string[] {
    const seen = new Map<string, number>();
    header.forEach((name, i) => {
      if (name === '') throw new this.#error(`${this.#source}: header column ${i + 1} has no name`);
      const before = seen.get(name);
      if (before !== undefined) {
        throw new this.#error(`${this.#source}: the header names column '${name}' twice (columns ${before + 1} and ${i + 1})`);
      }
      seen.set(name, i);
    });
    return [...header];
  }
}

/** What `describeCsvParseError` reads of a csv-parse `CsvError`. */
export interface CsvParseErrorLike {
  code: string;
  message: string;
  lines?: unknown;
}

/** One line, naming the file and the line, for an error csv-parse threw on bad quoting. */
export function describeCsvParseError(source: string, err: CsvParseErrorLike): string {
  const at = typeof err.lines === 'number' ? `line ${err.lines}` : '';
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${source}: a quoted field opened near ${at || 'the end'} is never closed`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${source}: ${at}: unexpected character after a closing quote`;
    case 'INVALID_OPENING_QUOTE':
      return `${source}: ${at}: a quote inside an unquoted field (quote the whole field and double inner quotes)`;
    default:
      return `${source}: ${at ? `${at}: ` : ''}${err.message}`;
  }
}

/** Up to `max` names, quoted, then how many more: `'a', 'b' and 3 more`. */
export function listColumns(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => `'${n}'`).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/**
 * Throw `error` (default `Error`) unless `columns`, the header of file `source`, has every name in
 * `needed`; `who` says who needs them, e.g. `'the model'`.
 */
export function requireCsvColumns(
  source: string, columns: readonly string[], needed: readonly string[], who: string, error: ErrorClass = Error,
): void {
  const have = new Set(columns);
  const missing = needed.filter((c) => !have.has(c));
  if (missing.length === 0) return;
  const what = missing.length === 1 ? 'a column' : `${missing.length} columns`;
  throw new error(`${source}: missing ${what} that ${who} needs: ${listColumns(missing, 5)}; the file has ${listColumns(columns)}`);
}
