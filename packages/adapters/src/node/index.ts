/**
 * `@novae/adapters/node`: reading and writing image files in Node (pngjs, jpeg-js). The core entry
 * (`@novae/adapters`) has no dependencies and runs anywhere; this entry adds what only Node has.
 *
 *     const files = await listImageFiles('photos');
 *     const x = fitImage({ width: 64, height: 64 }).encode(await Promise.all(files.map(readImage)));
 */
export { ImageDecodeError } from './decode-error.js';
export { decodeImage } from './decode.js';
export { encodePng } from './encode-png.js';
export { listImageFiles, readImage } from './files.js';
export type { ImageLike } from '../image/types.js';
