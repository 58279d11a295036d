/** The daily-context input of the NAB bench: its shape from the sampling interval, and its block means. */
import { describe, expect, it } from 'vitest';
import { contextChannels, DailyContext, dailyContextShape, medianSpacing } from '../../src/nab/daily-context.js';

const MINUTE = 60_000;

describe('dailyContextShape', () => {
  it('covers one day with up to maxBlocks blocks when the probationary period holds two days', () => {
    // 5-minute rows: 288 per day, 32 blocks of 9 rows
    expect(dailyContextShape(5 * MINUTE, 750, 32)).toEqual({ blocks: 32, blockRows: 9, span: 288 });
    // hourly rows: 24 per day, one row per block
    expect(dailyContextShape(60 * MINUTE, 750, 32)).toEqual({ blocks: 24, blockRows: 1, span: 24 });
  });

  it('shrinks the blocks, then their number, until two spans fit in the probationary period', () => {
    // 5-minute rows, 400-row period: at most 200 rows, so blocks of 6 rows
    expect(dailyContextShape(5 * MINUTE, 400, 32)).toEqual({ blocks: 32, blockRows: 6, span: 192 });
    // a 40-row period: one row per block, 20 blocks
    expect(dailyContextShape(5 * MINUTE, 40, 32)).toEqual({ blocks: 20, blockRows: 1, span: 20 });
    // never fewer than 4 blocks
    expect(dailyContextShape(5 * MINUTE, 2, 32).blocks).toBe(4);
  });
});

describe('medianSpacing', () => {
  it('is the median gap of the first timestamps, robust to a few irregular ones', () => {
    expect(medianSpacing([0, 300, 600, 5000, 5300, 5600])).toBe(300);
    expect(medianSpacing([7])).toBe(1);
  });
});

describe('DailyContext', () => {
  it('emits nothing until a span has arrived, then the block means of the newest rows, newest first', () => {
    const shape = { blocks: 3, blockRows: 2, span: 6 };
    const context = new DailyContext(shape);
    expect(contextChannels(shape)).toEqual(['c0', 'c1', 'c2']);
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const samples = values.map((v) => context.push(v));
    expect(samples.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(samples[5]).toEqual({ c0: 5.5, c1: 3.5, c2: 1.5 });
    expect(samples[9]).toEqual({ c0: 9.5, c1: 7.5, c2: 5.5 });
  });
});
