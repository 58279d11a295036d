/** Loading the image support on demand (its own chunk in bundles; see `index.ts`). */
import type { ImageSupport } from './index.js';

/** Load the image support for `kind` models (undefined for other kinds). */
export async function loadImageSupport(kind: string): Promise<ImageSupport | undefined> {
  return kind === 'image' ? import('./index.js') : undefined;
}
