/**
 * The public shape of the tabular adapter: what the trainer and the runtime rely on.
 * The fitted state (`TabularAdapterState`) is stored verbatim in the model manifest.
 */

/** One raw input record: column name -> value (CSV strings, numbers, booleans, null). */
export type TabularRecord = Readonly<Record<string, unknown>>;

/** What to do with a value that cannot be read in a numeric column (`'abc'`, `Infinity`). */
export type InvalidValuePolicy = 'error' | 'missing';

export interface FitTabularOptions {
  /** Columns to use, in this order. Default: every column of the first record, minus `ignore`. */
  columns?: readonly string[];
  /** Columns to force to categorical even if their values look numeric (codes, zip codes). */
  categorical?: readonly string[];
  /** Columns to drop (labels, ids). */
  ignore?: readonly string[];
  /** Keep at most this many categories per categorical column (most frequent first). Default 64. */
  maxCategories?: number;
  /** Policy for unreadable numeric values at encode time. Default `'error'`. */
  invalid?: InvalidValuePolicy;
}

export interface NumericColumnState {
  kind: 'numeric';
  name: string;
  /** Value subtracted before scaling (training mean). */
  center: number;
  /** Divisor after centering (training std; 1 for zero-variance columns). */
  scale: number;
  /** Raw value imputed for a missing entry (training mean). */
  fill: number;
  /** True when training data had missing values: a 0/1 missing-indicator feature follows the value. */
  indicator: boolean;
}

export interface CategoricalColumnState {
  kind: 'categorical';
  name: string;
  /** Known categories, one one-hot feature each. Anything else encodes as all zeros ("unseen"). */
  categories: string[];
}

export interface BooleanColumnState {
  kind: 'boolean';
  name: string;
  /** True when training data had missing values: a 0/1 missing-indicator feature follows the value. */
  indicator: boolean;
}

export type ColumnState = NumericColumnState | CategoricalColumnState | BooleanColumnState;

/** The fitted, JSON-serialisable state of a tabular adapter (lives in the model manifest). */
export interface TabularAdapterState {
  kind: 'tabular';
  columns: ColumnState[];
  invalid: InvalidValuePolicy;
}

/** A contiguous block of encoded features that belongs to one input column. */
export interface FeatureGroup {
  column: string;
  /** First feature index (inclusive). */
  start: number;
  /** Last feature index (exclusive). */
  end: number;
}

export interface TabularAdapter {
  readonly kind: 'tabular';
  /** Number of encoded features per record. */
  readonly width: number;
  /** Names of the input columns the adapter reads, in encoding order. */
  readonly columns: readonly string[];
  /** One name per encoded feature, e.g. `amount`, `amount#missing`, `country=FR`. */
  readonly featureNames: readonly string[];
  /** Feature index ranges per input column, in column order (one-hot groups and indicators included). */
  readonly groups: readonly FeatureGroup[];
  /** Encode records row-major into `records.length * width` floats. Throws `AdapterInputError`. */
  encode(records: readonly TabularRecord[]): Float32Array;
  /**
   * Decode one encoded row (e.g. the model's reconstruction) back to column values:
   * numbers un-scaled, the most likely category, booleans by > 0.5.
   */
  decode(encoded: ArrayLike<number>, row?: number): Record<string, number | string | boolean>;
  /** The fitted state, for the manifest. `tabularFromJSON(adapter.toJSON())` encodes identically. */
  toJSON(): TabularAdapterState;
}
