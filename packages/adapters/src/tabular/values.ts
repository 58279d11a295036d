/**
 * Reading one raw cell value, the same way at fit time and at encode time: what counts as missing,
 * what counts as a number or a boolean, the string key of a category, and how a value is quoted in
 * an error message.
 */

/** Marker: the cell is missing (null, undefined, '', 'NA', 'N/A', 'NaN', 'null', NaN). */
export const MISSING = Symbol('missing');
/** Marker: the cell is present but cannot be read as the column's type. */
export const INVALID = Symbol('invalid');

export type Missing = typeof MISSING;
export type Invalid = typeof INVALID;

/** Lower-cased, trimmed string tokens that mean "no value". */
const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'na', 'n/a', 'nan', 'null']);
/** Length of the longest missing token: longer strings skip the lower-casing and lookup. */
const MAX_TOKEN_LENGTH = Math.max(...[...MISSING_TOKENS].map((t) => t.length));

/** True when an already trimmed string is a missing token, in any case. */
function isMissingToken(trimmed: string): boolean {
  return trimmed.length <= MAX_TOKEN_LENGTH && MISSING_TOKENS.has(trimmed.toLowerCase());
}

/** True when a string is one of the missing tokens, ignoring case and surrounding whitespace. */
export function isMissingString(s: string): boolean {
  return isMissingToken(s.trim());
}

/** True when a raw value counts as missing in any column. */
export function isMissingValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  if (typeof v === 'string') return isMissingString(v);
  return false;
}

/**
 * Read a numeric cell: a finite number, `MISSING`, or `INVALID` (±Infinity, a non-numeric string
 * such as `'abc'`, `'1e'` or `'12abc'`, a boolean, an object).
 */
export function readNumber(v: unknown): number | Missing | Invalid {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    return Number.isNaN(v) ? MISSING : INVALID;
  }
  if (typeof v === 'string') {
    // Number() trims the same whitespace as String.prototype.trim, but reads '' and '  ' as 0.
    const n = Number(v);
    if (Number.isFinite(n)) return n === 0 && v.trim() === '' ? MISSING : n;
    return isMissingString(v) ? MISSING : INVALID;
  }
  return v === null || v === undefined ? MISSING : INVALID;
}

/**
 * Read a boolean cell: `true`/`false`, `'true'`/`'false'` (any case), and, when `digits` is set
 * (encode time), also `'1'`/`'0'` and the numbers 1/0. Anything else present is `INVALID`.
 */
export function readBoolean(v: unknown, digits: boolean): boolean | Missing | Invalid {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (digits && t === '1') return true;
    if (digits && t === '0') return false;
    return isMissingToken(t) ? MISSING : INVALID;
  }
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return MISSING;
    if (digits && v === 1) return true;
    if (digits && v === 0) return false;
    return INVALID;
  }
  return v === null || v === undefined ? MISSING : INVALID;
}

/**
 * The category key of a cell: the trimmed string form (numbers and booleans through `String()`),
 * or `''` for a missing value.
 */
export function categoryKey(v: unknown): string {
  if (typeof v === 'string') {
    const t = v.trim();
    return isMissingToken(t) ? '' : t;
  }
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  try {
    return String(v).trim();
  } catch {
    // Objects without a prototype cannot be converted with String().
    return Object.prototype.toString.call(v);
  }
}

/** Quote a raw value for an error message: strings in JSON quotes, numbers as written. */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string': {
      const s = JSON.stringify(v);
      return s.length > 60 ? `${s.slice(0, 56)}..."` : s;
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(v);
    case 'bigint':
      return `${v}n`;
    case 'symbol':
      return v.toString();
    case 'function':
      return 'a function';
    default:
      if (v === null) return 'null';
      return Array.isArray(v) ? `an array (length ${v.length})` : 'an object';
  }
}

/** Quote a list of column names for an error message, at most `max` of them. */
export function listNames(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).map((n) => `'${n}'`);
  if (names.length > max) shown.push(`... (${names.length - max} more)`);
  return shown.length === 0 ? '(none)' : shown.join(', ');
}
