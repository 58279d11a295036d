/**
 * Resizing one plane of values, as two separable passes (horizontal, then vertical) in Float32,
 * each axis on its own:
 * - shrinking (fewer output than source pixels): exact area averaging. Output pixel `o` covers the
 *   source interval `[o * src / dst, (o + 1) * src / dst)`; it is the mean of the source pixels in
 *   it, each weighted by the length it covers (fractional coverage included). 3 -> 2 gives
 *   `(2a + b) / 3` and `(b + 2c) / 3`.
 * - enlarging: bilinear with half-pixel centres: output pixel `o` samples the source at
 *   `x = (o + 0.5) * src / dst - 0.5`, clamped to `[0, src - 1]` at the edges.
 * - the same size: the values as they are.
 */

/** Per output pixel of one axis: the source pixels it reads and their weights (summing to 1). */
export interface AxisWeights {
  /** Source length. */
  readonly src: number;
  /** Output length. */
  readonly dst: number;
  /** Taps of output `o` are `offsets[o]` up to (not including) `offsets[o + 1]`. */
  readonly offsets: Int32Array;
  /** Source pixel of each tap. */
  readonly index: Int32Array;
  /** Weight of each tap. */
  readonly weight: Float64Array;
}

/** Area-averaging taps: exact overlaps, counted in units of 1 / (src * dst) of a source pixel. */
function areaTaps(src: number, dst: number, index: number[], weight: number[], offsets: Int32Array): void {
  for (let o = 0; o < dst; o++) {
    offsets[o] = index.length;
    // Output o covers [o * src, (o + 1) * src) and source pixel i covers [i * dst, (i + 1) * dst).
    const lo = o * src;
    const hi = lo + src;
    for (let i = Math.floor(lo / dst); i * dst < hi; i++) {
      const overlap = Math.min(hi, (i + 1) * dst) - Math.max(lo, i * dst);
      if (overlap > 0) {
        index.push(i);
        weight.push(overlap / src);
      }
    }
  }
}

/** Bilinear taps with half-pixel centres, clamped at the edges. */
function bilinearTaps(src: number, dst: number, index: number[], weight: number[], offsets: Int32Array): void {
  for (let o = 0; o < dst; o++) {
    offsets[o] = index.length;
    const x = ((2 * o + 1) * src - dst) / (2 * dst);
    if (x <= 0 || x >= src - 1) {
      index.push(x <= 0 ? 0 : src - 1);
      weight.push(1);
      continue;
    }
    const i = Math.floor(x);
    const f = x - i;
    index.push(i);
    weight.push(1 - f);
    if (f > 0) {
      index.push(i + 1);
      weight.push(f);
    }
  }
}

/** The taps of an axis resized from `src` to `dst` pixels. */
export function axisWeights(src: number, dst: number): AxisWeights {
  const offsets = new Int32Array(dst + 1);
  const index: number[] = [];
  const weight: number[] = [];
  if (dst < src) areaTaps(src, dst, index, weight, offsets);
  else if (dst > src) bilinearTaps(src, dst, index, weight, offsets);
  else for (let o = 0; o < dst; o++) {
    offsets[o] = o;
    index.push(o);
    weight.push(1);
  }
  offsets[dst] = index.length;
  return { src, dst, offsets, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/**
 * Resize one `x.src` by `y.src` plane `plane` (row-major) to `x.dst` by `y.dst`, written row-major
 * into `out` from `offset`. `scratch` holds the horizontal pass: at least `y.src * x.dst` floats
 * when both axes change size. Results are clamped to at most 1 (inputs lie in [0, 1]; the weights
 * sum to 1 up to rounding).
 */
export function resizePlane(
  plane: Float32Array, x: AxisWeights, y: AxisWeights, scratch: Float32Array, out: Float32Array, offset: number,
): void {
  const sw = x.src, sh = y.src, dw = x.dst, dh = y.dst;
  if (sw === dw && sh === dh) {
    out.set(plane.subarray(0, sw * sh), offset);
    return;
  }
  // Horizontal pass: sh rows of dw values (the plane itself when the width does not change).
  let rows = plane;
  if (sw !== dw) {
    rows = sh === dh ? out.subarray(offset, offset + sh * dw) : scratch;
    const { offsets, index, weight } = x;
    for (let r = 0; r < sh; r++) {
      const from = r * sw;
      const to = r * dw;
      for (let o = 0; o < dw; o++) {
        let s = 0;
        for (let t = offsets[o]!; t < offsets[o + 1]!; t++) s += weight[t]! * plane[from + index[t]!]!;
        rows[to + o] = s > 1 ? 1 : s;
      }
    }
    if (sh === dh) return;
  }
  // Vertical pass: dh rows of dw values, each a weighted sum of rows of the horizontal pass.
  const { offsets, index, weight } = y;
  for (let o = 0; o < dh; o++) {
    const to = offset + o * dw;
    const t0 = offsets[o]!, t1 = offsets[o + 1]!;
    for (let c = 0; c < dw; c++) {
      let s = 0;
      for (let t = t0; t < t1; t++) s += weight[t]! * rows[index[t]! * dw + c]!;
      out[to + c] = s > 1 ? 1 : s;
    }
  }
}
