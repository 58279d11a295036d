/** Small seeded tabular data for trainer tests: two correlated numbers, a category, a boolean. */
/** mulberry32 from @novae/runtime (the PRNG behind its `eps`): floats in [0, 1). */
import { mulberry32 } from '@novae/runtime';
export { mulberry32 };

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
