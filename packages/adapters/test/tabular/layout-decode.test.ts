import { describe, it, expect } from 'vitest';
import { AdapterInputError, fitTabular } from '../../src/index.js';

const rows = [
  { amount: '12.5', country: 'FR', is_foreign: 'false', label: '0' },
  { amount: '', country: 'DE', is_foreign: 'true', label: '0' },
  { amount: '40', country: 'FR', is_foreign: '', label: '1' },
  { amount: '7.25', country: 'US', is_foreign: 'false', label: '0' },
];

describe('featureNames, groups and columns', () => {
  it('describes every feature and groups them per column', () => {
    const a = fitTabular(rows, { ignore: ['label'] });
    expect(a.kind).toBe('tabular');
    expect(a.columns).toEqual(['amount', 'country', 'is_foreign']);
    expect(a.featureNames).toEqual([
      'amount',
      'amount#missing',
      'country=FR',
      'country=DE',
      'country=US',
      'is_foreign',
      'is_foreign#missing',
    ]);
    expect(a.width).toBe(7);
    expect(a.groups).toEqual([
      { column: 'amount', start: 0, end: 2 },
      { column: 'country', start: 2, end: 5 },
      { column: 'is_foreign', start: 5, end: 7 },
    ]);
  });
});

describe('decode', () => {
  const a = fitTabular(rows, { ignore: ['label'] });

  it('inverts encode for numeric, categorical and boolean columns', () => {
    const probe = [
      { amount: '33.75', country: 'US', is_foreign: 'true' },
      { amount: -4, country: 'DE', is_foreign: false },
    ];
    const encoded = a.encode(probe);
    const first = a.decode(encoded);
    expect(first.amount).toBeCloseTo(33.75, 4);
    expect(first.country).toBe('US');
    expect(first.is_foreign).toBe(true);
    const second = a.decode(encoded, 1);
    expect(second.amount).toBeCloseTo(-4, 4);
    expect(second.country).toBe('DE');
    expect(second.is_foreign).toBe(false);
  });

  it('decodes a missing numeric to the fill value', () => {
    const decoded = a.decode(a.encode([{ amount: null, country: 'FR', is_foreign: true }]));
    expect(decoded.amount).toBeCloseTo((12.5 + 40 + 7.25) / 3, 4);
  });

  it('picks the largest feature of a soft reconstruction and thresholds booleans at 0.5', () => {
    const decoded = a.decode([0, 0, 0.2, 0.7, 0.1, 0.4, 0]);
    expect(decoded.country).toBe('DE');
    expect(decoded.is_foreign).toBe(false);
    expect(a.decode([0, 0, 0.2, 0.1, 0.1, 0.6, 0]).is_foreign).toBe(true);
  });

  it('rejects a row outside the input', () => {
    expect(() => a.decode(new Float32Array(7), 1)).toThrow(AdapterInputError);
    expect(() => a.decode(new Float32Array(3))).toThrow(/out of range/);
  });
});
