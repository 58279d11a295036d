/**
 * Per-column explanations for tabular rows: the encoded features' score terms (NLL, plus the
 * marginal term's part for `elbo-marginal` models), minus what is typical for
 * normal rows (the calibration baseline), summed back to their input column (one-hot groups and
 * missing indicators included), with the value seen and the value the model expected.
 */
import type { TabularAdapter, TabularRecord } from '@novae/adapters';

export interface ColumnContribution {
  column: string;
  /** Score terms of the column's features above the normal-row baseline, in nats (may be negative). */
  score: number;
  /** Fraction of the row's positive excess NLL that this column carries (0..1). */
  share: number;
  /** The value in the input row (decoded from the encoded row when no raw record is at hand). */
  seen: unknown;
  /** What the model reconstructed for this column. */
  expected: number | string | boolean;
  /**
   * Sensor windows only: the channel's excess NLL per time step, oldest first (`column` is the
   * channel; `seen` and `expected` are its reading at the last step, or its last first difference).
   */
  steps?: number[];
}

export interface Explanation {
  row: number;
  score: number;
  pValue: number;
  isAnomaly: boolean;
  /** Columns, most anomalous first. */
  columns: ColumnContribution[];
}

export interface ExplainInput {
  adapter: TabularAdapter;
  row: number;
  featureNll: Float32Array;
  recon: Float32Array;
  encoded: Float32Array;
  baseline: readonly number[] | undefined;
  record: TabularRecord | undefined;
}

/** Rank the columns of one row by how much they add to its score. */
export function explainColumns(input: ExplainInput): ColumnContribution[] {
  const { adapter, row, featureNll, recon, encoded, baseline, record } = input;
  const width = adapter.width;
  const offset = row * width;
  const expected = adapter.decode(recon, row);
  const seenDecoded = record === undefined ? adapter.decode(encoded, row) : undefined;
  const columns = adapter.groups.map((group) => {
    let score = 0;
    for (let f = group.start; f < group.end; f++) score += featureNll[offset + f]! - (baseline?.[f] ?? 0);
    const seen = record !== undefined ? record[group.column] : seenDecoded![group.column];
    return { column: group.column, score, share: 0, seen, expected: expected[group.column]! };
  });
  const positive = columns.reduce((sum, c) => sum + Math.max(0, c.score), 0);
  for (const c of columns) c.share = positive > 0 ? Math.max(0, c.score) / positive : 0;
  return columns.sort((a, b) => b.score - a.score);
}
