import { describe, it, expect } from 'vitest';
import { fitTabular } from '../../src/index.js';
import type { TabularRecord } from '../../src/index.js';
import { thrown } from '../thrown.js';

describe('numeric standardisation', () => {
  it('centers on the mean and scales by the population std', () => {
    const rows = [{ x: '2' }, { x: '4' }, { x: '4' }, { x: '4' }, { x: '5' }, { x: '5' }, { x: '7' }, { x: '9' }];
    const a = fitTabular(rows);
    // mean 5, population std 2
    expect(a.toJSON().columns[0]).toEqual({
      kind: 'numeric',
      name: 'x',
      center: 5,
      scale: 2,
      fill: 5,
      indicator: false,
    });
    expect(a.width).toBe(1);
    expect(Array.from(a.encode(rows))).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
    expect(a.encode([{ x: 8 }])[0]).toBeCloseTo(1.5, 6);
  });

  it('gives finite zeros for a zero-variance column', () => {
    const a = fitTabular([{ x: 3 }, { x: '3' }, { x: 3 }]);
    expect(a.toJSON().columns[0]).toMatchObject({ center: 3, scale: 1 });
    const out = a.encode([{ x: 3 }, { x: 3 }]);
    expect(Array.from(out)).toEqual([0, 0]);
    expect(a.encode([{ x: 5 }])[0]).toBe(2);
  });
});

describe('missing values', () => {
  const rows = [{ x: 1 }, { x: 3 }, { x: null }, { x: 'NA' }];

  it('imputes the training mean and adds an indicator when training had missing values', () => {
    const a = fitTabular(rows);
    expect(a.featureNames).toEqual(['x', 'x#missing']);
    expect(a.toJSON().columns[0]).toMatchObject({ center: 2, scale: 1, fill: 2, indicator: true });
    const out = a.encode([{ x: 3 }, { x: '' }, { x: undefined }, { x: ' n/a ' }, { x: 'null' }]);
    expect(Array.from(out)).toEqual([1, 0, 0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('treats NaN (number and string) as missing', () => {
    const a = fitTabular(rows);
    expect(Array.from(a.encode([{ x: Number.NaN }, { x: 'NaN' }]))).toEqual([0, 1, 0, 1]);
  });

  it('imputes without an indicator when training had no missing values', () => {
    const a = fitTabular([{ x: 1 }, { x: 3 }]);
    expect(a.width).toBe(1);
    expect(Array.from(a.encode([{ x: null }, { x: Number.NaN }]))).toEqual([0, 0]);
  });

  it('encodes missing booleans as 0 with an indicator', () => {
    const a = fitTabular([{ b: true }, { b: 'false' }, { b: '' }]);
    expect(a.featureNames).toEqual(['b', 'b#missing']);
    expect(Array.from(a.encode([{ b: 'TRUE' }, { b: false }, { b: null }, { b: '1' }, { b: 0 }]))).toEqual([
      1, 0, 0, 0, 0, 1, 1, 0, 0, 0,
    ]);
  });
});

describe('categorical encoding', () => {
  const rows = [{ c: 'FR' }, { c: 'DE' }, { c: 'FR' }, { c: 1 }];

  it('one-hot encodes known categories (numbers compared as trimmed strings)', () => {
    const a = fitTabular(rows);
    expect(a.featureNames).toEqual(['c=FR', 'c=1', 'c=DE']);
    expect(Array.from(a.encode([{ c: ' DE ' }, { c: '1' }]))).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it('encodes an unseen category, or one beyond the cap, as all zeros', () => {
    const a = fitTabular(rows);
    expect(Array.from(a.encode([{ c: 'US' }, { c: null }]))).toEqual([0, 0, 0, 0, 0, 0]);
    const capped = fitTabular(rows, { maxCategories: 1 });
    expect(Array.from(capped.encode([{ c: 'DE' }, { c: 'FR' }]))).toEqual([0, 1]);
  });
});

describe('scoring-time input policy', () => {
  const rows = [
    { amount: '10', country: 'FR', is_foreign: 'false' },
    { amount: '30', country: 'DE', is_foreign: 'true' },
  ];
  const a = fitTabular(rows);

  it('names the missing column, the row and the expected columns', () => {
    const batch: TabularRecord[] = [rows[0], rows[1], rows[0], { amount: '1', is_foreign: 'true' }];
    const e = thrown(() => a.encode(batch));
    expect(e.message).toContain("row 3: missing column 'country'");
    expect(e.message).toContain("expected columns: 'amount', 'country', 'is_foreign'");
    expect(e.row).toBe(3);
    expect(e.column).toBe('country');
  });

  it('ignores extra columns', () => {
    const extra = { ...rows[1], label: '1', note: 'x' };
    expect(Array.from(a.encode([extra]))).toEqual(Array.from(a.encode([rows[1]])));
  });

  it.each([
    ['abc', '"abc"'],
    ['-Infinity', '"-Infinity"'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('rejects %s in a numeric column, naming row and column', (value, shown) => {
    const batch = [rows[0], { ...rows[0], amount: value }];
    const e = thrown(() => a.encode(batch));
    expect(e.message).toBe(`row 1, column 'amount': expected a finite number, got ${shown}`);
    expect(e.row).toBe(1);
    expect(e.column).toBe('amount');
  });

  it('rejects an unreadable boolean', () => {
    const e = thrown(() => a.encode([{ ...rows[0], is_foreign: 'maybe' }]));
    expect(e.message).toMatch(/^row 0, column 'is_foreign': expected a boolean .*got "maybe"$/);
  });

  it("treats invalid values as missing with invalid: 'missing'", () => {
    const lenient = fitTabular(rows, { invalid: 'missing' });
    const out = lenient.encode([
      { ...rows[0], amount: 'abc', is_foreign: 'maybe' },
      { ...rows[0], amount: Number.POSITIVE_INFINITY },
    ]);
    // amount imputed with the mean (encoded 0); is_foreign missing -> 0 (no indicator in training)
    expect(out[0]).toBe(0);
    expect(out[3]).toBe(0);
    expect(out[lenient.width]).toBe(0);
    expect(lenient.toJSON().invalid).toBe('missing');
  });

  it('rejects a row that is not an object, naming the row', () => {
    const e = thrown(() => a.encode([rows[0], 'oops' as unknown as TabularRecord]));
    expect(e.message).toContain('row 1');
    expect(e.row).toBe(1);
  });

  it('returns records.length * width floats, row-major', () => {
    const out = a.encode(rows);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(2 * a.width);
    expect(Array.from(out)).toEqual([-1, 0, 1, 0, 1, 1, 0, 1]);
  });

  it('encodes a large batch quickly', () => {
    const big: TabularRecord[] = [];
    for (let i = 0; i < 100_000; i++) {
      big.push({ amount: String(i % 97), country: i % 3 ? 'FR' : 'DE', is_foreign: i % 2 === 0 });
    }
    const t0 = performance.now();
    const out = a.encode(big);
    const seconds = (performance.now() - t0) / 1000;
    expect(out.length).toBe(100_000 * a.width);
    expect(seconds).toBeLessThan(2); // 300k cells; ~1M cells/s would take 0.3 s
  });
});
