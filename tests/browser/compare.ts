/** What a browser test page sends back, and the 1e-4 relative comparison against Node's scores. */
import { expect } from 'vitest';
import { relativeDifference } from '@novae/trainer';

export interface PageScores {
  backend: string;
  scores: number[];
  nll: number[];
  kl: number[];
  pValues: number[];
  /** The most anomalous column of row 0's explanation. */
  topColumn: string;
}

/** Every score, NLL and KL within 1e-4 relative; p-values within one calibration step; same top column. */
export function expectScoresClose(got: PageScores, expected: PageScores): void {
  expect(got.scores).toHaveLength(expected.scores.length);
  let worst = 0;
  for (const key of ['scores', 'nll', 'kl'] as const) {
    for (let i = 0; i < expected[key].length; i++) {
      worst = Math.max(worst, relativeDifference(got[key][i]!, expected[key][i]!));
    }
  }
  expect(worst).toBeLessThanOrEqual(1e-4);
  // A score a hair from a calibration score may move its p-value by one step, 1/(n+1) with n <= 1000.
  for (let i = 0; i < expected.pValues.length; i++) expect(Math.abs(got.pValues[i]! - expected.pValues[i]!)).toBeLessThanOrEqual(1.1e-3);
  expect(got.topColumn).toBe(expected.topColumn);
}
