/**
 * Encoding records into a row-major Float32Array and decoding an encoded row back to column values,
 * following a compiled `Layout`. The scoring-time input policy lives here.
 */
import { AdapterInputError } from '../errors.js';
import type { Layout } from './layout.js';
import { isRecord, missingColumnError, notARecordError, requireRecordArray } from './records.js';
import type { InvalidValuePolicy, TabularRecord } from './types.js';
import { INVALID, MISSING, categoryKey, describeValue, readBoolean, readNumber } from './values.js';

function invalidValueError(
  row: number,
  column: string,
  expected: string,
  value: unknown,
): AdapterInputError {
  return new AdapterInputError(
    `row ${row}, column '${column}': expected ${expected}, got ${describeValue(value)}`,
    { row, column },
  );
}

/**
 * Encode `records` into `records.length * layout.width` floats, row-major.
 * Throws `AdapterInputError` for a non-record row, a missing column, or (with `invalid: 'error'`)
 * an unreadable numeric or boolean value.
 */
export function encodeRecords(
  layout: Layout,
  records: readonly TabularRecord[],
  invalid: InvalidValuePolicy,
): Float32Array {
  requireRecordArray(records, 'encode');
  const { width, plans } = layout;
  const strict = invalid === 'error';
  const out = new Float32Array(records.length * width);
  for (let row = 0; row < records.length; row++) {
    const record: unknown = records[row];
    if (!isRecord(record)) throw notARecordError(record, row, '');
    const base = row * width;
    for (let c = 0; c < plans.length; c++) {
      const plan = plans[c];
      const raw = record[plan.name];
      if (raw === undefined && !Object.hasOwn(record, plan.name)) {
        throw missingColumnError(record, plan.name, row, layout.columns, '');
      }
      const at = base + plan.offset;
      switch (plan.kind) {
        case 'numeric': {
          let v = readNumber(raw);
          if (v === INVALID) {
            if (strict) throw invalidValueError(row, plan.name, 'a finite number', raw);
            v = MISSING;
          }
          if (v === MISSING) {
            out[at] = plan.filled;
            if (plan.indicator) out[at + 1] = 1;
          } else {
            out[at] = (v - plan.center) / plan.scale;
          }
          break;
        }
        case 'boolean': {
          let v = readBoolean(raw, true);
          if (v === INVALID) {
            if (strict) {
              throw invalidValueError(row, plan.name, "a boolean (true/false/'1'/'0')", raw);
            }
            v = MISSING;
          }
          if (v === MISSING) {
            if (plan.indicator) out[at + 1] = 1;
          } else if (v) {
            out[at] = 1;
          }
          break;
        }
        case 'categorical': {
          const hot = plan.index.get(categoryKey(raw));
          if (hot !== undefined) out[at + hot] = 1;
          break;
        }
      }
    }
  }
  return out;
}

/** Define an own enumerable property, safe for any column name (including `__proto__`). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Decode encoded row `row` of `encoded`: numeric features un-scaled (`value * scale + center`),
 * categorical blocks to the category with the largest feature (`''` when there are none),
 * boolean features to `feature > 0.5`.
 */
export function decodeRow(
  layout: Layout,
  encoded: ArrayLike<number>,
  row: number,
): Record<string, number | string | boolean> {
  const { width, plans } = layout;
  if (encoded === null || typeof encoded !== 'object' || typeof encoded.length !== 'number') {
    throw new AdapterInputError(`decode: expected an array of numbers, got ${describeValue(encoded)}`);
  }
  const rows = width === 0 ? 0 : Math.floor(encoded.length / width);
  if (!Number.isInteger(row) || row < 0 || (width > 0 && row >= rows)) {
    throw new AdapterInputError(
      `decode: row ${describeValue(row)} is out of range; the input holds ${rows} row(s) of ` +
        `${width} features (length ${encoded.length})`,
      Number.isInteger(row) ? { row } : {},
    );
  }
  const base = row * width;
  const out: Record<string, number | string | boolean> = {};
  for (const plan of plans) {
    const at = base + plan.offset;
    switch (plan.kind) {
      case 'numeric':
        setOwn(out, plan.name, encoded[at] * plan.scale + plan.center);
        break;
      case 'boolean':
        setOwn(out, plan.name, encoded[at] > 0.5);
        break;
      case 'categorical': {
        let best = -1;
        let bestValue = -Infinity;
        for (let k = 0; k < plan.categories.length; k++) {
          const v = encoded[at + k];
          if (best < 0 || v > bestValue) {
            best = k;
            bestValue = v;
          }
        }
        setOwn(out, plan.name, best < 0 ? '' : plan.categories[best]);
        break;
      }
    }
  }
  return out;
}
