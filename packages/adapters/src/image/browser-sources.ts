/**
 * Browser image sources (`ImageBitmap`, `HTMLImageElement`, `HTMLCanvasElement`, `OffscreenCanvas`,
 * `HTMLVideoElement`, `VideoFrame`) read as RGBA pixels: drawn at their native size onto one reused
 * canvas (an `OffscreenCanvas`, or a document canvas where there is none) and read back with
 * `getImageData`. Resizing is left to the adapter, so a browser and Node resize with the same code.
 *
 * The classes are looked up on `globalThis` when used, so this module loads in Node (where nothing
 * is drawable and every input must be an `ImageLike`).
 *
 * What the browser does before we see the pixels: a canvas keeps premultiplied alpha, so a fully
 * transparent pixel reads back black and a translucent one loses precision; an `<img>` may be
 * colour-managed. To get the very pixels Node decodes, pass opaque images, or an `ImageBitmap` from
 * `createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' })`.
 */
import { imageError, type ImageWhere } from './pixels.js';
import type { ImageLike } from './types.js';

/** One drawable class: its global name, its native size, and a hint for when it has no pixels. */
interface DrawableKind {
  name: string;
  size(source: Record<string, unknown>): [number, number];
  empty: string;
}

const KINDS: readonly DrawableKind[] = [
  { name: 'ImageBitmap', size: (s) => [s.width as number, s.height as number], empty: 'was it closed?' },
  { name: 'HTMLImageElement', size: (s) => [s.naturalWidth as number, s.naturalHeight as number], empty: 'wait until it has loaded (await image.decode())' },
  { name: 'HTMLCanvasElement', size: (s) => [s.width as number, s.height as number], empty: 'give the canvas a size' },
  { name: 'OffscreenCanvas', size: (s) => [s.width as number, s.height as number], empty: 'give the canvas a size' },
  { name: 'HTMLVideoElement', size: (s) => [s.videoWidth as number, s.videoHeight as number], empty: "wait for its 'loadeddata' event" },
  { name: 'VideoFrame', size: (s) => [s.displayWidth as number, s.displayHeight as number], empty: 'was it closed?' },
];

/** The names of the drawable classes, for messages. */
export const DRAWABLE_NAMES = KINDS.map((k) => k.name);

/** What we use of a 2D context. */
interface Context2D {
  globalCompositeOperation: string;
  clearRect(x: number, y: number, w: number, h: number): void;
  drawImage(source: unknown, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number };
}

interface Surface {
  canvas: { width: number; height: number };
  context: Context2D;
}

type Constructor = new (...args: never[]) => unknown;

/** The global class `name`, when this environment has it. */
function globalClass(name: string): Constructor | undefined {
  const c = (globalThis as Record<string, unknown>)[name];
  return typeof c === 'function' ? (c as Constructor) : undefined;
}

/** The drawable kind `v` is an instance of, if any. */
export function drawableKind(v: unknown): DrawableKind | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  return KINDS.find((k) => {
    const c = globalClass(k.name);
    return c !== undefined && v instanceof c;
  });
}

let surface: Surface | undefined;

/** The reused canvas, sized `width` by `height` and cleared. */
function surfaceOf(width: number, height: number, where: ImageWhere): Surface {
  if (surface === undefined) {
    const Offscreen = globalClass('OffscreenCanvas') as (new (w: number, h: number) => unknown) | undefined;
    const doc = (globalThis as { document?: { createElement(tag: 'canvas'): unknown } }).document;
    const canvas = (Offscreen ? new Offscreen(width, height) : doc?.createElement('canvas')) as
      | { width: number; height: number; getContext(id: '2d', options: object): Context2D | null }
      | undefined;
    const context = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !context) {
      imageError(where, '', 'no 2D canvas to draw the image on (no OffscreenCanvas or document here); pass an ImageLike { data, width, height }');
    }
    surface = { canvas, context };
  }
  const { canvas, context } = surface;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  context.globalCompositeOperation = 'copy';
  context.clearRect(0, 0, width, height);
  return surface;
}

/** Draw a drawable source at its native size and read it back as an RGBA `ImageLike`. */
export function readDrawable(source: object, kind: DrawableKind, where: ImageWhere): ImageLike {
  const [width, height] = kind.size(source as Record<string, unknown>);
  if (!(width > 0 && height > 0)) {
    imageError(where, '', `the ${kind.name} has no pixels (${width}x${height}): ${kind.empty}`);
  }
  const { context } = surfaceOf(width, height, where);
  try {
    context.drawImage(source, 0, 0);
    const pixels = context.getImageData(0, 0, width, height);
    return { data: pixels.data, width, height, channels: 4 };
  } catch (err) {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const hint = err instanceof Error && err.name === 'SecurityError'
      ? ' (a cross-origin image taints the canvas: serve it with CORS headers and set crossOrigin)'
      : '';
    return imageError(where, '', `could not read the ${kind.name}'s pixels: ${reason}${hint}`);
  }
}
