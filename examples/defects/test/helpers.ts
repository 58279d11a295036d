/** Mask arithmetic for the tests: square (Chebyshev) dilation and erosion on 64x64 masks. */
export function dilate(mask: Uint8Array, radius: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 64; x++) {
      let hit = 0;
      for (let yy = Math.max(0, y - radius); yy <= Math.min(63, y + radius) && !hit; yy++) {
        for (let xx = Math.max(0, x - radius); xx <= Math.min(63, x + radius); xx++) {
          if (mask[yy * 64 + xx]) {
            hit = 1;
            break;
          }
        }
      }
      out[y * 64 + x] = hit;
    }
  }
  return out;
}

export function erode(mask: Uint8Array, radius: number): Uint8Array {
  return dilate(mask.map((v) => 1 - v), radius).map((v) => 1 - v);
}

export function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}
