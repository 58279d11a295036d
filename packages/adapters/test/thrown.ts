/** The adapter tests' way to look at an error: call `fn`, expect an `AdapterInputError`, return it. */
import { expect } from 'vitest';
import { AdapterInputError } from '../src/index.js';

export function thrown(fn: () => unknown): AdapterInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterInputError);
    return e as AdapterInputError;
  }
  throw new Error('expected an AdapterInputError, nothing was thrown');
}
