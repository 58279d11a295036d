/**
 * Writing results atomically: the bytes go to a temporary file beside the target, which is renamed
 * into place only once complete. On any error (or Ctrl-C) the temporary file is removed, so a failed
 * command never leaves a half-written output behind.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UserError } from './user-error.js';

/**
 * Check, before any long work, that `path` can be written: its folder exists and it is not itself
 * a folder.
 */
export async function checkOutputPath(path: string): Promise<void> {
  const folder = dirname(resolve(path));
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat?.isDirectory()) throw new UserError(`${path}: cannot write here, folder ${folder} does not exist`);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw new UserError(`${path}: is a directory, expected a file name`);
}

/** Temporary files being written right now, removed if the process is interrupted. */
const pending = new Set<string>();

function removePendingAndExit(signal: NodeJS.Signals): void {
  for (const path of pending) rmSync(path, { force: true });
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Write `data` to `path` atomically (temporary file + rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  pending.add(temporary);
  process.once('SIGINT', removePendingAndExit);
  process.once('SIGTERM', removePendingAndExit);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`${path}: permission denied`);
    if (code === 'ENOSPC') throw new UserError(`${path}: no space left on the device`);
    throw err;
  } finally {
    pending.delete(temporary);
    process.off('SIGINT', removePendingAndExit);
    process.off('SIGTERM', removePendingAndExit);
  }
}
