/**
 * Entry point of the `novae` command (`bin/novae.js` imports this module, which runs the program).
 * Known errors end with one `novae: <message>` line on stderr and exit code 1; anything else is an
 * internal error, with its stack when `NOVAE_DEBUG=1`.
 */
import { CommanderError } from 'commander';
import { createProgram } from './program.js';
import { formatError } from './user-error.js';

/** Run the program on `argv` (as in `process.argv`); resolves to the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  try {
    await createProgram().parseAsync([...argv]);
    return 0;
  } catch (err) {
    // Commander has already printed its usage error (or the help / version text).
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(formatError(err, process.env.NOVAE_DEBUG === '1'));
    return 1;
  }
}

// `novae score ... | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await main();
