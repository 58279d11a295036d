/**
 * Reading a folder of PNG/JPEG images for `novae train --adapter image` and `novae score`: the files
 * in name order, decoded one by one, with errors that name the file.
 */
import { basename, join } from 'node:path';
import type { ImageLike } from '@novae/adapters';
import { listImageFiles, readImage } from '@novae/adapters/node';
import { UserError } from './user-error.js';

export interface ImageFolder {
  /** The folder as given. */
  path: string;
  /** File names (not paths), sorted. */
  files: string[];
}

/** The image files directly in `dir`; a missing folder, a file instead of a folder or no images is a UserError. */
export async function openImageFolder(dir: string): Promise<ImageFolder> {
  try {
    const files = await listImageFiles(dir);
    return { path: dir, files: files.map((f) => basename(f)) };
  } catch (err) {
    if (err instanceof Error && err.name !== 'Error') throw err;
    throw new UserError(`${dir}: ${(err as Error).message}`);
  }
}

/** Decode `folder.files[start..end)` (errors name the file: ImageDecodeError is a user error). */
export async function readImages(folder: ImageFolder, start = 0, end = folder.files.length): Promise<ImageLike[]> {
  const images: ImageLike[] = [];
  for (const file of folder.files.slice(start, end)) images.push(await readImage(join(folder.path, file)));
  return images;
}
