/** Small seeded tabular data for trainer tests: two correlated numbers, a category, a boolean. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalRecords(n: number, seed: number): Record<string, string | number | boolean>[] {
  const random = mulberry32(seed);
  const shops = ['food', 'fuel', 'books'];
  return Array.from({ length: n }, () => {
    const x = random() * 4 - 2;
    return { x, y: 3 * x + 0.2 * (random() - 0.5), shop: shops[Math.floor(random() * 3)]!, member: random() < 0.5, id: Math.floor(random() * 1e6) };
  });
}

/** Rows that break the x–y relation: each marginal is normal, the pair is not. */
export function anomalousRecords(n: number, seed: number): Record<string, string | number | boolean>[] {
  return normalRecords(n, seed).map((r) => ({ ...r, y: -(r.y as number) + (r.y as number > 0 ? -1 : 1) }));
}
