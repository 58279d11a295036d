/** Unit tests of the CLI's CSV reader: records, line numbers, and one clear line per bad file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameList } from '../../src/cli/arguments.js';
import { locateRowError, parseCsv, readCsv, requireColumns } from '../../src/cli/read-csv.js';
import { AdapterInputError } from '@novae/adapters';

function csvError(text: string): string {
  try {
    parseCsv('d.csv', text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected parseCsv to throw');
}

describe('parseCsv', () => {
  it('reads records in order with the line each ends on (BOM, blanks and spaces handled)', () => {
    const t = parseCsv('d.csv', '\ufeffa, b\n1, x\n\n2,"y, z"\n');
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.records).toEqual([{ a: '1', b: 'x' }, { a: '2', b: 'y, z' }]);
    expect(t.lines).toEqual([2, 4]);
  });

  it('names the file and the line for each kind of bad file', () => {
    expect(csvError('')).toBe('d.csv: no data rows');
    expect(csvError('a,b\n\n')).toBe('d.csv: no data rows');
    expect(csvError('a,b\n1,2\n1,2,3\n')).toBe('d.csv: line 3 has 3 fields, expected 2 (header)');
    expect(csvError('a,b\n1\n')).toBe('d.csv: line 2 has 1 field, expected 2 (header)');
    expect(csvError('a,b\n1,"2\n')).toMatch(/^d\.csv: a quoted field .* is never closed$/);
    expect(csvError('a,b\n1,"2"x\n')).toBe('d.csv: line 2: unexpected character after a closing quote');
    expect(csvError('a,a\n1,2\n')).toBe("d.csv: the header names column 'a' twice (columns 1 and 2)");
    expect(csvError('a,,c\n1,2,3\n')).toBe('d.csv: header column 2 has no name');
  });

  it('reports a missing file and a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novae-csv-'));
    try {
      await expect(readCsv(join(dir, 'nope.csv'))).rejects.toThrow(`${join(dir, 'nope.csv')}: no such file`);
      await expect(readCsv(dir)).rejects.toThrow(`${dir}: is a directory, expected a CSV file`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('lists missing columns and points adapter errors at their line', () => {
    const t = parseCsv('d.csv', 'a,b\n1,2\n\n3,4\n');
    expect(() => requireColumns(t, ['a', 'c'], 'the model')).toThrow(
      "d.csv: missing a column that the model needs: 'c'; the file has 'a', 'b'",
    );
    const located = locateRowError(t, new AdapterInputError("row 1, column 'a': expected a number", { row: 1 }));
    expect((located as Error).message).toBe("d.csv: line 4: row 1, column 'a': expected a number");
  });
});

describe('nameList', () => {
  it('accepts comma-separated and repeated names', () => {
    expect(nameList('id, label', nameList('ts'))).toEqual(['ts', 'id', 'label']);
    expect(() => nameList(' , ')).toThrow(/column names/);
  });
});
