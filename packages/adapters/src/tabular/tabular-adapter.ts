/**
 * The tabular adapter: `fitTabular` learns column types, scalers and categories from training
 * records; the fitted adapter encodes records identically at training and scoring time, and
 * `tabularFromJSON` rebuilds it from the state stored in a model manifest.
 */
import { AdapterInputError } from '../errors.js';
import { decodeRow, encodeRecords } from './codec.js';
import { checkRecords, fitColumns, resolveOptions } from './infer-columns.js';
import { compileLayout, type Layout } from './layout.js';
import { requireRecordArray } from './records.js';
import { validateTabularState } from './state-validation.js';
import type {
  ColumnState,
  FeatureGroup,
  FitTabularOptions,
  InvalidValuePolicy,
  TabularAdapter,
  TabularAdapterState,
  TabularRecord,
} from './types.js';

/** A fitted tabular adapter over a validated state. */
class FittedTabularAdapter implements TabularAdapter {
  readonly kind = 'tabular' as const;
  readonly width: number;
  readonly columns: readonly string[];
  readonly featureNames: readonly string[];
  readonly groups: readonly FeatureGroup[];
  readonly #state: TabularAdapterState;
  readonly #layout: Layout;
  readonly #invalid: InvalidValuePolicy;

  constructor(state: TabularAdapterState) {
    this.#state = state;
    this.#invalid = state.invalid;
    this.#layout = compileLayout(state.columns);
    this.width = this.#layout.width;
    this.columns = this.#layout.columns;
    this.featureNames = this.#layout.featureNames;
    this.groups = this.#layout.groups;
  }

  encode(records: readonly TabularRecord[]): Float32Array {
    return encodeRecords(this.#layout, records, this.#invalid);
  }

  decode(encoded: ArrayLike<number>, row = 0): Record<string, number | string | boolean> {
    return decodeRow(this.#layout, encoded, row);
  }

  toJSON(): TabularAdapterState {
    return {
      kind: 'tabular',
      columns: this.#state.columns.map(copyColumn),
      invalid: this.#state.invalid,
    };
  }
}

function copyColumn(column: ColumnState): ColumnState {
  return column.kind === 'categorical'
    ? { ...column, categories: column.categories.slice() }
    : { ...column };
}

/**
 * Fit a tabular adapter on training records (CSV rows of strings, or objects of numbers, booleans,
 * strings and null).
 *
 * Columns: `options.columns`, or every key of the first record, minus `options.ignore`.
 * Types, inferred over non-missing values: numeric when every value is a finite number or a string
 * that parses fully as one; boolean when every value is a boolean or `'true'`/`'false'` (any case);
 * otherwise categorical (`options.categorical` forces it). Missing values are `null`, `undefined`,
 * `NaN`, `''` and, trimmed and in any case, `'NA'`, `'N/A'`, `'NaN'` and `'null'`.
 * Numeric columns are standardised with the training mean and population std (scale 1 when the
 * variance is zero); boolean columns encode 0/1; categorical columns one-hot over at most
 * `maxCategories` (default 64) categories, most frequent first (ties by string), with missing values
 * as the category `''` when they occur in training. Numeric and boolean columns that had missing
 * values in training get a 0/1 `name#missing` indicator feature after the value.
 *
 * Input policy at encode time (training and scoring alike):
 * - A record without one of the adapter's columns throws
 *   `row 3: missing column 'amount'; expected columns: ...; the record has: ...`.
 *   Extra columns are ignored. A row that is not an object throws `row 3: expected a record object`.
 * - Missing values are imputed with the training mean (numeric) or 0 (boolean) and, when the column
 *   had missing values in training, flagged by its `#missing` indicator.
 * - In a numeric column, `±Infinity` or a non-numeric string (`'abc'`, `'-Infinity'`) is invalid;
 *   in a boolean column, anything but a boolean, `'true'`/`'false'`, `'1'`/`'0'`, 1/0 or missing.
 *   With `invalid: 'error'` (default) it throws
 *   `row 12, column 'amount': expected a finite number, got "abc"`; with `invalid: 'missing'` it is
 *   treated as a missing value.
 * - A category not seen in training (or beyond the cap) encodes as all zeros.
 *
 * Throws `AdapterInputError` for empty records, unknown column names in the options, a column with
 * no values at all (`drop it with ignore`), or a bad row.
 */
export function fitTabular(
  records: readonly TabularRecord[],
  options: FitTabularOptions = {},
): TabularAdapter {
  requireRecordArray(records, 'fitTabular');
  if (records.length === 0) {
    throw new AdapterInputError(
      'fitTabular: records is empty; pass at least one training record to fit the adapter on',
    );
  }
  const resolved = resolveOptions(records, options ?? {});
  checkRecords(records, resolved.columns);
  const columns = fitColumns(records, resolved);
  return new FittedTabularAdapter({ kind: 'tabular', columns, invalid: resolved.invalid });
}

/**
 * Rebuild a fitted tabular adapter from its state (`adapter.toJSON()`, possibly through JSON).
 * The state is validated first; a bad field throws `AdapterInputError` naming its path, e.g.
 * `adapter.columns[2].scale: expected a positive finite number, got -1`.
 */
export function tabularFromJSON(state: TabularAdapterState): TabularAdapter {
  return new FittedTabularAdapter(validateTabularState(state));
}
