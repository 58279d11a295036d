/**
 * Fitting: which columns to read, what type each one is, and its fitted state (scaler, categories,
 * missing indicator), all from the training records.
 */
import { AdapterInputError } from '../errors.js';
import { isRecord, notARecordError, readCell } from './records.js';
import type {
  ColumnState,
  FitTabularOptions,
  InvalidValuePolicy,
  TabularRecord,
} from './types.js';
import {
  INVALID,
  MISSING,
  categoryKey,
  describeValue,
  isMissingValue,
  listNames,
  readBoolean,
  readNumber,
} from './values.js';

const PREFIX = 'fitTabular: ';
/** Default cap on the number of categories kept per categorical column. */
export const DEFAULT_MAX_CATEGORIES = 64;
/** Standard deviations below this are treated as zero variance (scale 1). */
const MIN_STD = 1e-12;

/** The fit options after checking, with defaults filled in. */
export interface ResolvedOptions {
  columns: string[];
  categorical: ReadonlySet<string>;
  maxCategories: number;
  invalid: InvalidValuePolicy;
}

/** Check a list-of-names option and that each name is a column of the first record. */
function checkNames(
  value: unknown,
  option: string,
  available: readonly string[],
): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((n) => typeof n === 'string')) {
    throw new AdapterInputError(
      `${PREFIX}options.${option}: expected an array of column names, got ${describeValue(value)}`,
    );
  }
  for (const name of value as string[]) {
    if (!available.includes(name)) {
      throw new AdapterInputError(
        `${PREFIX}column '${name}' in options.${option} is not in the first record; ` +
          `available columns: ${listNames(available)}`,
        { column: name },
      );
    }
  }
  return value as string[];
}

/**
 * Check the options against the first record and resolve the columns to encode:
 * `options.columns` (or the first record's keys) minus `options.ignore`.
 */
export function resolveOptions(
  records: readonly TabularRecord[],
  options: FitTabularOptions,
): ResolvedOptions {
  const first: unknown = records[0];
  if (!isRecord(first)) throw notARecordError(first, 0, PREFIX);
  const available = Object.keys(first);

  const listed = checkNames(options.columns, 'columns', available);
  const ignore = new Set(checkNames(options.ignore, 'ignore', available));
  const categorical = new Set(checkNames(options.categorical, 'categorical', available));
  const seen = new Set<string>();
  for (const name of listed) {
    if (seen.has(name)) {
      throw new AdapterInputError(`${PREFIX}options.columns lists '${name}' twice`, {
        column: name,
      });
    }
    seen.add(name);
  }

  const base = options.columns === undefined ? available : listed;
  const columns = base.filter((name) => !ignore.has(name));
  if (columns.length === 0) {
    throw new AdapterInputError(
      `${PREFIX}no columns left to encode (columns: ${listNames(base)}; ` +
        `ignored: ${listNames([...ignore])})`,
    );
  }

  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  if (!Number.isInteger(maxCategories) || maxCategories < 1) {
    throw new AdapterInputError(
      `${PREFIX}options.maxCategories: expected a positive integer, got ${describeValue(maxCategories)}`,
    );
  }
  const invalid = options.invalid ?? 'error';
  if (invalid !== 'error' && invalid !== 'missing') {
    throw new AdapterInputError(
      `${PREFIX}options.invalid: expected 'error' or 'missing', got ${describeValue(invalid)}`,
    );
  }
  return { columns, categorical, maxCategories, invalid };
}

/** Throw unless every record is an object holding every column. */
export function checkRecords(records: readonly TabularRecord[], columns: readonly string[]): void {
  for (let row = 0; row < records.length; row++) {
    const record: unknown = records[row];
    if (!isRecord(record)) throw notARecordError(record, row, PREFIX);
    for (const column of columns) readCell(record, column, row, columns, PREFIX);
  }
}

type Kind = ColumnState['kind'];

/** Infer a column's kind from its non-missing values; throws if it has none. */
function inferKind(records: readonly TabularRecord[], name: string, forced: boolean): Kind {
  let present = 0;
  let numeric = true;
  let boolean = true;
  for (const record of records) {
    const v = record[name];
    if (isMissingValue(v)) continue;
    present++;
    if (numeric && readNumber(v) === INVALID) numeric = false;
    if (boolean && readBoolean(v, false) === INVALID) boolean = false;
  }
  if (present === 0) {
    throw new AdapterInputError(
      `${PREFIX}column '${name}' has no values in the training records; drop it with ignore`,
      { column: name },
    );
  }
  if (forced) return 'categorical';
  return numeric ? 'numeric' : boolean ? 'boolean' : 'categorical';
}

/** Mean and population standard deviation (Welford), plus whether any value was missing. */
function fitNumeric(records: readonly TabularRecord[], name: string): ColumnState {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let sawMissing = false;
  for (const record of records) {
    const v = readNumber(record[name]);
    if (typeof v !== 'number') {
      sawMissing = true; // inferKind guarantees no INVALID values here
      continue;
    }
    n++;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
  }
  if (!Number.isFinite(mean)) {
    throw new AdapterInputError(
      `${PREFIX}column '${name}': values are too large to standardise (mean overflows)`,
      { column: name },
    );
  }
  const std = Math.sqrt(m2 / n);
  const scale = Number.isFinite(std) && std >= MIN_STD ? std : 1;
  // `mean + 0` turns a -0 into 0, so the state survives JSON unchanged.
  return { kind: 'numeric', name, center: mean + 0, scale, fill: mean + 0, indicator: sawMissing };
}

/** A boolean column: a 0/1 feature, plus an indicator if training had missing values. */
function fitBoolean(records: readonly TabularRecord[], name: string): ColumnState {
  const sawMissing = records.some((record) => readBoolean(record[name], false) === MISSING);
  return { kind: 'boolean', name, indicator: sawMissing };
}

/**
 * Categories ordered by frequency (descending) then by string (ascending), at most `max` of them.
 * Missing values form the category `''` when they occur.
 */
function fitCategorical(
  records: readonly TabularRecord[],
  name: string,
  max: number,
): ColumnState {
  const counts = new Map<string, number>();
  for (const record of records) {
    const key = categoryKey(record[name]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const categories = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, max)
    .map(([key]) => key);
  return { kind: 'categorical', name, categories };
}

/** Fit the state of every resolved column. Records must have passed `checkRecords`. */
export function fitColumns(
  records: readonly TabularRecord[],
  options: ResolvedOptions,
): ColumnState[] {
  return options.columns.map((name) => {
    const kind = inferKind(records, name, options.categorical.has(name));
    switch (kind) {
      case 'numeric':
        return fitNumeric(records, name);
      case 'boolean':
        return fitBoolean(records, name);
      case 'categorical':
        return fitCategorical(records, name, options.maxCategories);
    }
  });
}
