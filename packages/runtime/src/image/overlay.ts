/**
 * Heat-map overlays of anomaly maps: the map coloured (transparent where normal, through red to
 * yellow where most anomalous) and blended over the image as the model saw it.
 */

/** RGBA pixels with the shape of the DOM's `ImageData` (a real `ImageData` where the platform has one). */
export interface OverlayImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface OverlayOptions {
  /**
   * Excess NLL (nats per pixel) drawn at full strength. Default: the model's `calibration.mapScale`
   * (a high quantile of normal images' per-pixel excess), else the map's own maximum.
   */
  max?: number;
  /** Opacity of the heat colour at full strength, 0..1. Default 0.7. */
  alpha?: number;
}

/** Colour stops from faint red to yellow-white (values in 0..1 of `max`). */
const STOPS: readonly (readonly [number, number, number])[] = [
  [128, 0, 0], [220, 30, 0], [255, 140, 0], [255, 230, 60], [255, 255, 220],
];

function heat(t: number): readonly [number, number, number] {
  const pos = t * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/**
 * Blend `map` (H×W, see `anomalyMapOf`) over `background` (the encoded image, NCHW in 0..1 with
 * `channels` 1 or 3, or none for black). Pixels at or below 0 excess keep the background.
 */
export function renderOverlay(
  map: Float32Array, width: number, height: number,
  background: { pixels: Float32Array; channels: number } | undefined, options: OverlayOptions & { max: number },
): OverlayImage {
  const plane = width * height;
  if (map.length !== plane) throw new RangeError(`overlay: the map has ${map.length} pixels, expected ${width}x${height}`);
  const alpha = Math.min(1, Math.max(0, options.alpha ?? 0.7));
  const max = options.max > 0 && Number.isFinite(options.max) ? options.max : 1;
  const data = new Uint8ClampedArray(plane * 4);
  for (let p = 0; p < plane; p++) {
    let r = 0;
    let g = 0;
    let b = 0;
    if (background !== undefined) {
      const { pixels, channels } = background;
      r = pixels[p]! * 255;
      g = channels === 3 ? pixels[plane + p]! * 255 : r;
      b = channels === 3 ? pixels[2 * plane + p]! * 255 : r;
    }
    const t = Math.min(1, map[p]! / max);
    if (t > 0) {
      const [hr, hg, hb] = heat(t);
      const a = alpha * t;
      r += (hr - r) * a;
      g += (hg - g) * a;
      b += (hb - b) * a;
    }
    data[p * 4] = r;
    data[p * 4 + 1] = g;
    data[p * 4 + 2] = b;
    data[p * 4 + 3] = 255;
  }
  const ImageDataClass = (globalThis as { ImageData?: new (d: Uint8ClampedArray, w: number, h: number) => OverlayImage }).ImageData;
  return ImageDataClass !== undefined ? new ImageDataClass(data, width, height) : { data, width, height };
}
