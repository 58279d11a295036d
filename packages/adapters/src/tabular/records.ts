/**
 * Record-level checks shared by fitting and encoding: the records argument is an array, each record
 * is an object, and each record has every column the adapter reads.
 */
import { AdapterInputError } from '../errors.js';
import type { TabularRecord } from './types.js';
import { describeValue, listNames } from './values.js';

/** Throw unless `records` is an array. `where` prefixes the message, e.g. `'encode'`. */
export function requireRecordArray(
  records: unknown,
  where: string,
): asserts records is readonly TabularRecord[] {
  if (!Array.isArray(records)) {
    throw new AdapterInputError(
      `${where}: expected an array of records, got ${describeValue(records)}`,
    );
  }
}

/** True when `v` can be read as a record (a non-null, non-array object). */
export function isRecord(v: unknown): v is TabularRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The error for a row that is not a record object. `prefix` is `''` or e.g. `'fitTabular: '`. */
export function notARecordError(v: unknown, row: number, prefix: string): AdapterInputError {
  return new AdapterInputError(
    `${prefix}row ${row}: expected a record object (column name -> value), got ${describeValue(v)}`,
    { row },
  );
}

/** The error for a record that lacks one of the adapter's columns. */
export function missingColumnError(
  record: TabularRecord,
  column: string,
  row: number,
  expected: readonly string[],
  prefix: string,
): AdapterInputError {
  return new AdapterInputError(
    `${prefix}row ${row}: missing column '${column}'; expected columns: ${listNames(expected)}; ` +
      `the record has: ${listNames(Object.keys(record))}`,
    { row, column },
  );
}

/**
 * Read `record[column]`, throwing when the record has no such key at all (a key present with the
 * value `undefined` counts as a missing value, not a missing column).
 */
export function readCell(
  record: TabularRecord,
  column: string,
  row: number,
  expected: readonly string[],
  prefix: string,
): unknown {
  const v = record[column];
  if (v === undefined && !Object.hasOwn(record, column)) {
    throw missingColumnError(record, column, row, expected, prefix);
  }
  return v;
}
