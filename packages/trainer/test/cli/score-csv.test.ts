/** Unit tests of the `novae score` output format: quoting and explanation text. */
import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '@novae/runtime';
import { csvField, describeContribution, scoresToCsv } from '../../src/cli/score-csv.js';

function fakeResult(): ScoreResult {
  const columns = [
    { column: 'amount', score: 5, share: 0.62, seen: '9120', expected: 48.21 },
    { column: 'hour', score: 1.6, share: 0.2, seen: '3', expected: 14.04 },
    { column: 'country', score: 1.4, share: 0.18, seen: 'FR', expected: 'DE' },
    { column: 'age', score: -1, share: 0, seen: '', expected: 40 },
  ];
  return {
    length: 2,
    scores: Float32Array.of(45.123456789, 3.5),
    nll: Float32Array.of(30, 2),
    kl: Float32Array.of(10.123456789, 1),
    marginal: Float32Array.of(5, 0.5),
    pValues: Float64Array.of(0.001, 0.5),
    isAnomaly: [true, false],
    threshold: 20,
    explain: (row: number) => ({ row, score: 0, pValue: 0, isAnomaly: false, columns: row === 0 ? columns : [columns[3]!] }),
  } as unknown as ScoreResult;
}

describe('score CSV', () => {
  it('quotes fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('describes a column as name, share, seen and expected', () => {
    expect(describeContribution({ column: 'amount', score: 5, share: 0.62, seen: '9120', expected: 48.21 }))
      .toBe('amount 62% (seen 9120, expected 48.21)');
    expect(describeContribution({ column: 'x', score: 1, share: 0.5, seen: '', expected: 'a' })).toBe('x 50% (seen missing, expected a)');
  });

  it('writes the header, one line per row and the top 3 positive columns', () => {
    const lines = scoresToCsv(fakeResult(), { explain: true }).trimEnd().split('\n');
    expect(lines).toEqual([
      'score,nll,kl,p_value,is_anomaly,explanation',
      '45.12346,30,10.12346,0.001,1,"amount 62% (seen 9120, expected 48.21); hour 20% (seen 3, expected 14.04); country 18% (seen FR, expected DE)"',
      '3.5,2,1,0.5,0,',
    ]);
    expect(scoresToCsv(fakeResult()).split('\n')[0]).toBe('score,nll,kl,p_value,is_anomaly');
  });

  it('adds the marginal column after kl for models whose score has the marginal term', () => {
    const lines = scoresToCsv(fakeResult(), { marginal: true, lead: { name: 'id', values: ['a', 'b'] } }).trimEnd().split('\n');
    expect(lines).toEqual(['id,score,nll,kl,marginal,p_value,is_anomaly', 'a,45.12346,30,10.12346,5,0.001,1', 'b,3.5,2,1,0.5,0.5,0']);
  });
});
