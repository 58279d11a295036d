/**
 * Field checks for adapter states read from JSON (a model manifest), shared by the tabular and the
 * sensor validators. Each throws `AdapterInputError` naming the field by its path and saying what
 * was expected, e.g. `adapter.channels[1].scale: expected a positive finite number, got 0`.
 */
import { AdapterInputError } from './errors.js';
import { describeValue } from './tabular/values.js';

/** Throw `${path}: expected ${expected}, got ${value}`. */
export function fail(path: string, expected: string, got: unknown): never {
  throw new AdapterInputError(`${path}: expected ${expected}, got ${describeValue(got)}`);
}

/** A plain object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `obj[key]` as a finite number. */
export function finite(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}.${key}`, 'a finite number', v);
  return v;
}

/** `obj[key]` as a finite number > 0. */
export function positive(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`${path}.${key}`, 'a positive finite number', v);
  return v;
}

/** `obj[key]` as an integer >= 1. */
export function positiveInteger(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(`${path}.${key}`, 'a positive integer', v);
  return v;
}

/** `obj[key]` as a boolean. */
export function bool(obj: Record<string, unknown>, key: string, path: string): boolean {
  const v = obj[key];
  if (typeof v !== 'boolean') fail(`${path}.${key}`, 'a boolean', v);
  return v;
}

/** `obj[key]` as one of `options` (the message lists them: `'a' or 'b'`). */
export function oneOf<T extends string>(obj: Record<string, unknown>, key: string, options: readonly T[], path: string): T {
  const v = obj[key];
  if (!options.includes(v as T)) fail(`${path}.${key}`, options.map((o) => `'${o}'`).join(' or '), v);
  return v as T;
}

/**
 * `obj[key]` as a non-empty array of `what` states with distinct names, each checked by `validate`
 * at its path (`${path}.${key}[i]`). A repeated name throws naming both places, e.g.
 * `adapter.columns[3].name: duplicate column name "a" (also adapter.columns[0].name)`.
 */
export function uniqueNamedList<T extends { name: string }>(
  obj: Record<string, unknown>, key: string, what: string, path: string, validate: (raw: unknown, path: string) => T,
): T[] {
  const list = obj[key];
  const listPath = `${path}.${key}`;
  if (!Array.isArray(list) || list.length === 0) fail(listPath, `a non-empty array of ${what} states`, list);
  const firstIndex = new Map<string, number>();
  return list.map((raw: unknown, i: number) => {
    const itemPath = `${listPath}[${i}]`;
    const item = validate(raw, itemPath);
    const previous = firstIndex.get(item.name);
    if (previous !== undefined) {
      throw new AdapterInputError(
        `${itemPath}.name: duplicate ${what} name ${describeValue(item.name)} (also ${listPath}[${previous}].name)`,
      );
    }
    firstIndex.set(item.name, i);
    return item;
  });
}
