import { describe, it, expect } from 'vitest';
import { fitTabular } from '../../src/index.js';
import type { ColumnState, TabularRecord } from '../../src/index.js';
import { thrown } from '../thrown.js';

function column(records: TabularRecord[], name: string, options = {}): ColumnState {
  const state = fitTabular(records, options).toJSON();
  const found = state.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe('fitTabular type inference', () => {
  it('reads numbers written as strings (CSV) as numeric', () => {
    const rows = [{ a: '1.5' }, { a: ' 2 ' }, { a: '-3e2' }, { a: '' }];
    expect(column(rows, 'a').kind).toBe('numeric');
  });

  it('reads JS numbers as numeric', () => {
    expect(column([{ a: 1 }, { a: 2.5 }, { a: null }], 'a').kind).toBe('numeric');
  });

  it('rejects partial numbers like 1e and 12abc (column becomes categorical)', () => {
    expect(column([{ a: '1' }, { a: '1e' }], 'a').kind).toBe('categorical');
    expect(column([{ a: '1' }, { a: '12abc' }], 'a').kind).toBe('categorical');
    expect(column([{ a: 1 }, { a: 'Infinity' }], 'a').kind).toBe('categorical');
  });

  it('reads booleans and true/false strings (any case) as boolean', () => {
    expect(column([{ b: true }, { b: false }], 'b').kind).toBe('boolean');
    expect(column([{ b: 'TRUE' }, { b: 'false' }, { b: 'True' }, { b: 'NULL' }], 'b').kind).toBe(
      'boolean',
    );
  });

  it('reads other strings as categorical', () => {
    expect(column([{ c: 'FR' }, { c: 'DE' }], 'c').kind).toBe('categorical');
    expect(column([{ c: 'yes' }, { c: 'no' }], 'c').kind).toBe('categorical');
  });

  it('forces categorical with options.categorical', () => {
    const rows = [{ zip: '75001', n: '1' }, { zip: '10115', n: '2' }];
    expect(column(rows, 'zip', { categorical: ['zip'] })).toEqual({
      kind: 'categorical',
      name: 'zip',
      categories: ['10115', '75001'],
    });
    expect(column(rows, 'n', { categorical: ['zip'] }).kind).toBe('numeric');
  });

  it('orders categories by frequency then string, caps them, and keeps missing as ""', () => {
    const rows = ['b', 'a', 'b', 'c', 'a', 'b', ' d ', '', 'NA', null, ' Null ', 'b'].map((c) => ({ c }));
    expect(column(rows, 'c')).toEqual({
      kind: 'categorical',
      name: 'c',
      categories: ['', 'b', 'a', 'c', 'd'],
    });
    expect(column(rows, 'c', { maxCategories: 2 })).toMatchObject({ categories: ['', 'b'] });
  });
});

describe('fitTabular columns and options', () => {
  const rows = [
    { id: '1', amount: '10', label: '0' },
    { id: '2', amount: '20', label: '1' },
  ];

  it('uses the first record keys minus ignore, in order', () => {
    expect(fitTabular(rows, { ignore: ['label', 'id'] }).columns).toEqual(['amount']);
    expect(fitTabular(rows).columns).toEqual(['id', 'amount', 'label']);
  });

  it('uses options.columns in the given order', () => {
    expect(fitTabular(rows, { columns: ['label', 'amount'] }).columns).toEqual(['label', 'amount']);
  });

  it('names an unknown ignored or listed column and lists the available ones', () => {
    const e = thrown(() => fitTabular(rows, { ignore: ['lable'] }));
    expect(e.message).toContain("'lable'");
    expect(e.message).toContain("available columns: 'id', 'amount', 'label'");
    expect(e.column).toBe('lable');
    expect(thrown(() => fitTabular(rows, { columns: ['amt'] })).message).toContain("'amt'");
  });

  it('rejects empty records', () => {
    expect(thrown(() => fitTabular([])).message).toMatch(/^fitTabular: records is empty/);
  });

  it('rejects a column with no values, naming it', () => {
    const e = thrown(() => fitTabular([{ a: 1, x: '' }, { a: 2, x: null }]));
    expect(e.message).toContain("column 'x' has no values in the training records");
    expect(e.message).toContain('ignore');
    expect(e.column).toBe('x');
  });

  it('rejects a bad maxCategories and a bad invalid policy', () => {
    expect(thrown(() => fitTabular(rows, { maxCategories: 0 })).message).toContain(
      'options.maxCategories',
    );
    expect(
      thrown(() => fitTabular(rows, { invalid: 'skip' as unknown as 'error' })).message,
    ).toContain('options.invalid');
  });

  it('rejects a training row that is not an object or lacks a column, naming the row', () => {
    const e = thrown(() => fitTabular([{ a: 1 }, null as unknown as TabularRecord]));
    expect(e.message).toContain('row 1');
    expect(e.row).toBe(1);
    const m = thrown(() => fitTabular([{ a: 1, b: 2 }, { a: 1 }]));
    expect(m.message).toContain("row 1: missing column 'b'");
  });
});
