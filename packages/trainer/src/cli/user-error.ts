/**
 * Errors the user can fix from the message alone, and how the CLI reports any error: one line
 * `novae: <message>` on stderr for known errors, `novae: internal error: ...` (plus the stack with
 * `NOVAE_DEBUG=1`) for everything else.
 */

/** A problem with the command line or its inputs, raised by the CLI itself. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/**
 * Error classes (by `name`, so duplicate module copies still match) whose messages are written for
 * users: bad data, bad options, bad model files, an unavailable backend.
 */
const USER_ERROR_NAMES: ReadonlySet<string> = new Set([
  'UserError',
  'AdapterInputError',
  'ManifestError',
  'DetectorInputError',
  'TrainInputError',
  'TrainingBackendError',
  'MetricsInputError',
  'BackendError',
]);

/** True for errors whose message is meant for the user (no stack trace needed). */
export function isUserError(err: unknown): err is Error {
  return err instanceof Error && USER_ERROR_NAMES.has(err.name);
}

/** Collapse a message onto one line. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** The stderr text for an error that ended the command (always ends with a newline). */
export function formatError(err: unknown, debug: boolean): string {
  if (isUserError(err)) {
    const text = `novae: ${oneLine(err.message)}\n`;
    return debug && err.stack ? `${text}${err.stack}\n` : text;
  }
  const message = err instanceof Error ? err.message : String(err);
  const text = `novae: internal error: ${oneLine(message)}\n`;
  if (debug && err instanceof Error && err.stack) return `${text}${err.stack}\n`;
  return `${text}novae: run again with NOVAE_DEBUG=1 for the stack trace\n`;
}
