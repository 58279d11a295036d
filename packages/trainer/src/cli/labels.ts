/** Reading 0/1 (or true/false) anomaly labels from a CSV column for `novae eval`. */
import { listColumns, type CsvTable } from './read-csv.js';
import { UserError } from './user-error.js';

const LABEL_VALUES: Readonly<Record<string, 0 | 1>> = { '0': 0, '1': 1, false: 0, true: 1 };

/** The labels in `column` (1 = anomaly); any other value is an error naming its line. */
export function readLabels(table: CsvTable, column: string): Uint8Array {
  if (!table.columns.includes(column)) {
    throw new UserError(`--label: no column '${column}' in ${table.path}; the file has ${listColumns(table.columns)}`);
  }
  const labels = new Uint8Array(table.records.length);
  table.records.forEach((record, i) => {
    const raw = record[column] ?? '';
    const label = LABEL_VALUES[raw.toLowerCase()];
    if (label === undefined) {
      throw new UserError(
        `${table.path}: line ${table.lines[i]}: label column '${column}' has ${JSON.stringify(raw)}; expected 0/1 or true/false`,
      );
    }
    labels[i] = label;
  });
  return labels;
}
