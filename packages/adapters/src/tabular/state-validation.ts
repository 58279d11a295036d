/**
 * Validation of a tabular adapter state read from JSON (a model manifest). Every error names the
 * bad field by its path, e.g. `adapter.columns[2].scale: expected a positive finite number, got -1`.
 */
import { AdapterInputError } from '../errors.js';
import { bool, fail, finite, isObject, oneOf, positive, uniqueNamedList } from '../state-checks.js';
import type { ColumnState, InvalidValuePolicy, TabularAdapterState } from './types.js';
import { describeValue } from './values.js';

function categories(obj: Record<string, unknown>, path: string): string[] {
  const v = obj.categories;
  if (!Array.isArray(v)) fail(`${path}.categories`, 'an array of strings', v);
  const seen = new Set<string>();
  return v.map((c: unknown, i: number) => {
    if (typeof c !== 'string') fail(`${path}.categories[${i}]`, 'a string', c);
    if (seen.has(c)) {
      throw new AdapterInputError(`${path}.categories[${i}]: duplicate category ${describeValue(c)}`);
    }
    seen.add(c);
    return c;
  });
}

/** Validate one column state at `path` and return a fresh copy of it. */
function validateColumn(raw: unknown, path: string): ColumnState {
  if (!isObject(raw)) fail(path, 'a column object', raw);
  const name = raw.name;
  if (typeof name !== 'string') fail(`${path}.name`, 'a string', name);
  switch (raw.kind) {
    case 'numeric': {
      const center = finite(raw, 'center', path);
      const scale = positive(raw, 'scale', path);
      const fill = finite(raw, 'fill', path);
      return { kind: 'numeric', name, center, scale, fill, indicator: bool(raw, 'indicator', path) };
    }
    case 'boolean':
      return { kind: 'boolean', name, indicator: bool(raw, 'indicator', path) };
    case 'categorical':
      return { kind: 'categorical', name, categories: categories(raw, path) };
    default:
      return fail(`${path}.kind`, "'numeric', 'categorical' or 'boolean'", raw.kind);
  }
}

/**
 * Validate a tabular adapter state (e.g. `manifest.adapter` after `JSON.parse`) and return a deep
 * copy that later changes to `raw` cannot affect. Throws `AdapterInputError` naming the bad field.
 */
export function validateTabularState(raw: unknown): TabularAdapterState {
  const root = 'adapter';
  if (!isObject(raw)) fail(root, 'a tabular adapter state object', raw);
  if (raw.kind !== 'tabular') fail(`${root}.kind`, "'tabular'", raw.kind);
  const invalid = oneOf<InvalidValuePolicy>(raw, 'invalid', ['error', 'missing'], root);
  const columns = uniqueNamedList(raw, 'columns', 'column', root, validateColumn);
  return { kind: 'tabular', columns, invalid };
}
