/** Reading an input file (data or model) with one clear line for each way it can fail. */
import { readFile } from 'node:fs/promises';
import { UserError } from './user-error.js';

/** Read `path` whole; `expected` names what it should be, e.g. `'a CSV file'`. */
export async function readInputFile(path: string, expected: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: no such file`);
    if (code === 'EISDIR') throw new UserError(`${path}: is a directory, expected ${expected}`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`${path}: permission denied`);
    throw new UserError(`${path}: cannot read (${(err as Error).message})`);
  }
}
