/**
 * The public shape of the image adapter: what the trainer and the runtime rely on.
 * The fitted state (`ImageAdapterState`) is stored verbatim in the model manifest.
 *
 * The browser image sources are declared here as minimal structural types, so that the package's
 * declarations need no DOM lib: a real `HTMLImageElement`, `ImageBitmap`, ... fits them.
 */

/** Channels of an encoded image: 1 (gray) or 3 (RGB). */
export type ImageChannels = 1 | 3;

/**
 * Decoded pixels, interleaved, `channels` values per pixel (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA),
 * row by row from the top left: 8-bit (`Uint8Array` or `Uint8ClampedArray`, 0..255) or float
 * (`Float32Array`, 0..1). `channels` may be omitted when `data.length / (width * height)` tells it;
 * a browser `ImageData` is an `ImageLike` (RGBA).
 */
export interface ImageLike {
  data: Uint8Array | Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
  channels?: 1 | 2 | 3 | 4;
}

/** A browser `ImageBitmap`. */
export interface ImageBitmapLike {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** A browser `HTMLImageElement` (drawn at its natural size, once loaded). */
export interface ImageElementLike {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly complete: boolean;
}

/** A browser `HTMLVideoElement` (its current frame, at the video's own size). */
export interface VideoElementLike {
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly readyState: number;
}

/** A browser `HTMLCanvasElement` or `OffscreenCanvas`. */
export interface CanvasLike {
  width: number;
  height: number;
  getContext(contextId: '2d'): unknown;
}

/** A WebCodecs `VideoFrame` (drawn at its display size). */
export interface VideoFrameLike {
  readonly displayWidth: number;
  readonly displayHeight: number;
  readonly codedWidth: number;
  close(): void;
}

/** A browser image source that `encode()` draws onto a canvas and reads back. */
export type DrawableImage = ImageBitmapLike | ImageElementLike | VideoElementLike | CanvasLike | VideoFrameLike;

/**
 * What `encode()` takes: an `ImageLike` (anywhere; a browser `ImageData` is one), or in browsers and
 * workers an `ImageBitmap`, `HTMLImageElement`, `HTMLCanvasElement`, `OffscreenCanvas`,
 * `HTMLVideoElement` or `VideoFrame`. Those are drawn at their native size and read back as RGBA,
 * then resized by the adapter's own code, so a browser and Node encode the same pixels identically.
 */
export type ImageInput = ImageLike | DrawableImage;

/** The fitted, JSON-serialisable state of an image adapter (lives in the model manifest). */
export interface ImageAdapterState {
  kind: 'image';
  /** Version of the encoding below; a model file records the one it was trained with. */
  version: 1;
  /** Encoded image size in pixels. */
  size: { width: number; height: number };
  channels: ImageChannels;
  /** Area averaging when shrinking an axis, bilinear (half-pixel centres) when enlarging it. */
  resize: 'area-bilinear';
  /** Encoded pixel values lie in this range. */
  range: [0, 1];
}

export interface FitImageOptions {
  /** Encoded width in pixels (a positive integer). */
  width: number;
  /** Encoded height in pixels (a positive integer). */
  height: number;
  /** 1 (gray, the default) or 3 (RGB). */
  channels?: ImageChannels;
}

export interface ImageAdapter {
  readonly kind: 'image';
  /** Encoded floats per image: `channels * height * width` (as for every adapter, features per input). */
  readonly width: number;
  /** Encoded image size in pixels. */
  readonly size: { readonly width: number; readonly height: number };
  readonly channels: ImageChannels;
  /** `[channels, height, width]`: the model's `inputShape`. */
  readonly shape: [number, number, number];
  /** The same as `shape` (every adapter with a shaped input has `inputShape`). */
  readonly inputShape: readonly number[];
  /**
   * Encode images into `images.length * width` floats in [0, 1], NCHW: image, then channel, then
   * row, then column. Throws `AdapterInputError` naming `images[i]` and what was wrong.
   */
  encode(images: readonly ImageInput[]): Float32Array;
  /** Encode one image into `out` from `offset` on (`width` floats), e.g. to stream frames without allocating. */
  encodeInto(image: ImageInput, out: Float32Array, offset: number): void;
  /** The fitted state, for the manifest. `imageFromJSON(adapter.toJSON())` encodes identically. */
  toJSON(): ImageAdapterState;
}
