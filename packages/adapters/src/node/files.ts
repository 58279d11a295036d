/** Image files on disk: listing a folder of them, and reading one. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AdapterInputError } from '../errors.js';
import type { ImageLike } from '../image/types.js';
import { ImageDecodeError } from './decode-error.js';
import { decodeImage } from './decode.js';

/** File names the image helpers read, in any case. */
const IMAGE_FILE = /\.(png|jpe?g)$/i;

/** The system's words for a file error: `ENOENT: no such file or directory`. */
function systemReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Read and decode one PNG or JPEG file (see `decodeImage`) into RGBA pixels. Throws
 * `ImageDecodeError` naming `path` when the file cannot be read or is not a readable image.
 */
export async function readImage(path: string): Promise<ImageLike> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new ImageDecodeError(path, `cannot read the file: ${systemReason(err)}`);
  }
  return decodeImage(bytes, path);
}

/**
 * The paths (`join(dir, name)`) of the `.png`, `.jpg` and `.jpeg` files (any case) directly in
 * `dir`, sorted by name (by UTF-16 code unit, so the order does not depend on the locale);
 * sub-folders are not searched, links to files count. Throws `AdapterInputError` naming `dir` when
 * it is missing, is not a folder, or holds no such file.
 */
export async function listImageFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : systemReason(err);
    throw new AdapterInputError(`${dir}: ${why} (expected a folder of .png or .jpg images)`);
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (!IMAGE_FILE.test(entry.name)) continue;
    const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(join(dir, entry.name)).catch(() => null))?.isFile());
    if (isFile) names.push(entry.name);
  }
  if (names.length === 0) {
    const others = entries.length === 0 ? 'it is empty' : `it holds ${entries.length} other entr${entries.length === 1 ? 'y' : 'ies'}`;
    throw new AdapterInputError(`${dir}: no .png, .jpg or .jpeg files in this folder (${others})`);
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => join(dir, name));
}
