/** Parsers for option values: commander reports their errors as one usage line naming the option. */
import { InvalidArgumentError } from 'commander';

/** An integer >= 1. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer.');
  }
  return n;
}

/** An integer >= 0. */
export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a non-negative integer.');
  }
  return n;
}

/** A number strictly between 0 and 1. */
export function openUnitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n < 1)) {
    throw new InvalidArgumentError('expected a number between 0 and 1 (exclusive).');
  }
  return n;
}

/** Comma-separated names, accumulated over repeated uses of the option. */
export function nameList(value: string, previous: string[] = []): string[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new InvalidArgumentError('expected one or more column names.');
  return [...previous, ...names];
}
