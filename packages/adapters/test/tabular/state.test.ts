import { describe, it, expect } from 'vitest';
import { AdapterInputError, adapterFromJSON, fitTabular, tabularFromJSON } from '../../src/index.js';
import type { TabularAdapterState, TabularRecord } from '../../src/index.js';

function rows(n: number): TabularRecord[] {
  const out: TabularRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      amount: i % 7 === 0 ? '' : String(Math.sin(i) * 1000 + 0.1 / (i + 1)),
      ratio: (i * 0.37) % 1.3,
      country: ['FR', 'DE', 'US', 'NA', 'ES'][i % 5],
      is_foreign: i % 3 === 0,
    });
  }
  return out;
}

function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

function fitted(): TabularAdapterState {
  return fitTabular(rows(50)).toJSON();
}

function fromJSONError(mutate: (s: Record<string, any>) => void): string {
  const state = JSON.parse(JSON.stringify(fitted()));
  mutate(state);
  try {
    tabularFromJSON(state);
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterInputError);
    return (e as Error).message;
  }
  throw new Error('expected tabularFromJSON to throw');
}

describe('toJSON / tabularFromJSON', () => {
  it('round-trips through JSON.stringify and encodes bit-identically', () => {
    const a = fitTabular(rows(200), { invalid: 'missing' });
    const b = tabularFromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const probe = rows(300);
    probe.push({ amount: 'abc', ratio: null, country: 'JP', is_foreign: 'x' });
    expect(bits(b.encode(probe))).toEqual(bits(a.encode(probe)));
    expect(b.featureNames).toEqual(a.featureNames);
    expect(b.groups).toEqual(a.groups);
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it('returns a plain copy that does not alias the adapter', () => {
    const a = fitTabular(rows(20));
    const state = a.toJSON();
    const before = Array.from(a.encode(rows(20)));
    (state.columns[0] as { center: number }).center = 1e6;
    expect(Array.from(a.encode(rows(20)))).toEqual(before);
  });

  it('adapterFromJSON dispatches on kind', () => {
    const a = fitTabular(rows(20));
    expect(adapterFromJSON(a.toJSON()).featureNames).toEqual(a.featureNames);
  });

  it('names the bad field path', () => {
    expect(
      fromJSONError((s) => {
        s.columns[0].scale = -1;
      }),
    ).toBe('adapter.columns[0].scale: expected a positive finite number, got -1');
    expect(
      fromJSONError((s) => {
        s.columns[1].center = 'x';
      }),
    ).toBe('adapter.columns[1].center: expected a finite number, got "x"');
    expect(
      fromJSONError((s) => {
        s.columns[2].categories[1] = 3;
      }),
    ).toBe('adapter.columns[2].categories[1]: expected a string, got 3');
    expect(
      fromJSONError((s) => {
        s.columns[3].name = 'amount';
      }),
    ).toContain('adapter.columns[3].name: duplicate column name "amount"');
    expect(
      fromJSONError((s) => {
        s.kind = 'image';
      }),
    ).toBe(`adapter.kind: expected 'tabular', got "image"`);
    expect(
      fromJSONError((s) => {
        s.columns[3].kind = 'text';
      }),
    ).toContain('adapter.columns[3].kind');
    expect(
      fromJSONError((s) => {
        s.invalid = 'skip';
      }),
    ).toContain('adapter.invalid');
    expect(
      fromJSONError((s) => {
        delete s.columns[0].indicator;
      }),
    ).toBe('adapter.columns[0].indicator: expected a boolean, got undefined');
  });

  it('rejects a non-object state', () => {
    expect(() => tabularFromJSON(null as unknown as TabularAdapterState)).toThrow(/^adapter: /);
  });
});
