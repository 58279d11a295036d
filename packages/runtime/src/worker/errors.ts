/**
 * Errors cross the worker boundary as data (comlink sends name, message and stack). The caller's side
 * rebuilds novae's own error classes by name, so `instanceof` and `err.name` work as without a worker.
 */
import { AdapterInputError } from '@novae/adapters';
import { BackendError } from '../backends.js';
import { DetectorInputError } from '../errors.js';
import { ManifestError } from '../manifest.js';

const CLASSES: Record<string, new (message: string) => Error> = {
  AdapterInputError,
  BackendError,
  DetectorInputError,
  ManifestError,
  RangeError,
  TypeError,
};

/** An Error of the same class (when known), name and message as the one thrown in the worker. */
export function rebuildError(thrown: unknown): Error {
  if (!(thrown instanceof Error) && (typeof thrown !== 'object' || thrown === null)) return new Error(String(thrown));
  const { name, message, stack } = thrown as { name?: string; message?: string; stack?: string };
  const Class = name !== undefined ? CLASSES[name] : undefined;
  const error = Class ? new Class(message ?? '') : new Error(message ?? '');
  if (name !== undefined && error.name !== name) Object.defineProperty(error, 'name', { value: name, configurable: true });
  if (stack) error.stack = `${error.stack ?? ''}\n--- in the worker ---\n${stack}`;
  return error;
}

/** Run `job`, rethrowing any error as a rebuilt one. */
export async function rethrowing<T>(job: () => Promise<T>): Promise<T> {
  try {
    return await job();
  } catch (err) {
    throw rebuildError(err);
  }
}
