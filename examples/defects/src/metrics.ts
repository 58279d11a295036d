/**
 * Pixel-level localisation metrics for per-pixel anomaly maps (64*64, higher = more anomalous):
 * does each defective image's hottest spot land on its defect, and how well do the map's values
 * rank defect pixels above the rest.
 */
import { SIZE } from './image.js';

/** How far (px, in x and y: a 5x5 square) a hit may land outside the mask and still count. */
export const HIT_TOLERANCE = 2;

export class MetricsInputError extends Error {
  override readonly name = 'MetricsInputError';
}

const PIXELS = SIZE * SIZE;

function checkMap(map: Float32Array, i: number): void {
  if (map.length !== PIXELS) throw new MetricsInputError(`maps[${i}]: expected ${PIXELS} values (a ${SIZE}x${SIZE} map), got ${map.length}`);
  for (let p = 0; p < PIXELS; p++) {
    if (!Number.isFinite(map[p]!)) throw new MetricsInputError(`maps[${i}]: expected finite values, got ${map[p]} at pixel ${p}`);
  }
}

function checkMask(mask: Uint8Array | null, i: number, required: boolean): void {
  if (mask === null) {
    if (required) throw new MetricsInputError(`masks[${i}]: expected a mask for a defective image (labels[${i}] is 1), got null`);
    return;
  }
  if (mask.length !== PIXELS) throw new MetricsInputError(`masks[${i}]: expected ${PIXELS} values (a ${SIZE}x${SIZE} mask), got ${mask.length}`);
}

function checkLengths(maps: readonly Float32Array[], masks: readonly (Uint8Array | null)[], labels?: readonly number[]): void {
  if (masks.length !== maps.length) throw new MetricsInputError(`masks: expected ${maps.length} masks (one per map), got ${masks.length}`);
  if (labels && labels.length !== maps.length) throw new MetricsInputError(`labels: expected ${maps.length} labels (one per map), got ${labels.length}`);
}

/** The 3x3 box blur of a map (edge pixels average the neighbours that exist). */
export function boxBlur3(map: Float32Array): Float32Array {
  const out = new Float32Array(PIXELS);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= SIZE) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= SIZE) continue;
          sum += map[yy * SIZE + xx]!;
          n++;
        }
      }
      out[y * SIZE + x] = sum / n;
    }
  }
  return out;
}

/** Whether pixel `p` is within `radius` px (Chebyshev distance) of a mask pixel. */
function nearMask(mask: Uint8Array, p: number, radius: number): boolean {
  const x = p % SIZE;
  const y = Math.floor(p / SIZE);
  for (let yy = Math.max(0, y - radius); yy <= Math.min(SIZE - 1, y + radius); yy++) {
    for (let xx = Math.max(0, x - radius); xx <= Math.min(SIZE - 1, x + radius); xx++) {
      if (mask[yy * SIZE + xx]) return true;
    }
  }
  return false;
}

/** Index of the largest value (the first one on ties). */
function argmax(values: Float32Array): number {
  let best = 0;
  for (let p = 1; p < values.length; p++) if (values[p]! > values[best]!) best = p;
  return best;
}

/**
 * Over the defective images (labels 1): the fraction whose hottest pixel, after a 3x3 box blur of
 * the map (so one noisy pixel cannot win), lies in the defect mask dilated by HIT_TOLERANCE px.
 * NaN when there is no defective image.
 */
export function pixelHitRate(maps: readonly Float32Array[], masks: readonly (Uint8Array | null)[], labels: readonly number[]): number {
  checkLengths(maps, masks, labels);
  let defective = 0;
  let hits = 0;
  for (let i = 0; i < maps.length; i++) {
    if (labels[i] !== 1) continue;
    checkMap(maps[i]!, i);
    checkMask(masks[i]!, i, true);
    defective++;
    if (nearMask(masks[i]!, argmax(boxBlur3(maps[i]!)), HIT_TOLERANCE)) hits++;
  }
  return defective === 0 ? Number.NaN : hits / defective;
}

/**
 * Per-pixel ROC-AUC over every pixel of the images that have a mask (the defective ones; null masks
 * are skipped): defect pixels are the positives, the other pixels of those images the negatives.
 * Ties count half (the Mann-Whitney U statistic). NaN when there are no positive or no negative pixels.
 */
export function pixelAuroc(maps: readonly Float32Array[], masks: readonly (Uint8Array | null)[]): number {
  checkLengths(maps, masks);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < maps.length; i++) {
    const mask = masks[i]!;
    if (mask === null) continue;
    checkMap(maps[i]!, i);
    checkMask(mask, i, false);
    for (let p = 0; p < PIXELS; p++) mask[p] ? pos++ : neg++;
  }
  if (pos === 0 || neg === 0) return Number.NaN;
  const positives = new Float64Array(pos);
  const negatives = new Float64Array(neg);
  pos = 0;
  neg = 0;
  for (let i = 0; i < maps.length; i++) {
    const mask = masks[i]!;
    if (mask === null) continue;
    const map = maps[i]!;
    for (let p = 0; p < PIXELS; p++) {
      if (mask[p]) positives[pos++] = map[p]!;
      else negatives[neg++] = map[p]!;
    }
  }
  positives.sort();
  negatives.sort();
  // For each positive: the negatives strictly below it count 1, those equal to it count 1/2.
  let u = 0;
  let below = 0;
  let upTo = 0;
  for (let k = 0; k < pos; k++) {
    const s = positives[k]!;
    while (below < neg && negatives[below]! < s) below++;
    if (upTo < below) upTo = below;
    while (upTo < neg && negatives[upTo]! <= s) upTo++;
    u += below + (upTo - below) / 2;
  }
  return u / (pos * neg);
}
