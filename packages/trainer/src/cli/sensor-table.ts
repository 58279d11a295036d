/**
 * A CSV table scored by a sensor model (`novae score`, `novae eval`): the rows are one series in
 * time order, cut into the model's windows; each window is reported at the sample that ends it.
 */
import type { SensorAdapter } from '@novae/adapters';
import type { ScoreResult } from '@novae/runtime';
import { cutWindows } from '../sensor-series.js';
import type { ModelAndData } from './model-input.js';
import { locateRowError } from './read-csv.js';
import type { LeadingColumn } from './score-csv.js';
import { UserError } from './user-error.js';

export interface ScoredWindows {
  result: ScoreResult;
  /** `ends[i]`: the table row (0-based) of window `i`'s last sample. */
  ends: number[];
}

/** Cut the table into the model's windows and score them, pointing adapter errors at their file line. */
export async function scoreSensorTable(
  { detector, table }: ModelAndData, options: { samples?: number; seed?: number } = {},
): Promise<ScoredWindows> {
  const adapter = detector.adapter as SensorAdapter;
  let cut;
  try {
    cut = cutWindows(adapter, table.records);
  } catch (err) {
    throw locateRowError(table, err);
  }
  if (cut.windows.length === 0) {
    const rows = table.records.length;
    const gaps = cut.stats.gaps > 0 ? `, and ${cut.stats.gaps} gap${cut.stats.gaps === 1 ? '' : 's'} restarted the window` : '';
    throw new UserError(
      `${table.path}: no window to score: the model's windows need ${adapter.steps} consecutive samples ` +
        `but the file has ${rows} data row${rows === 1 ? '' : 's'}${gaps}`,
    );
  }
  const result = await detector.score(cut.windows, options);
  return { result, ends: cut.ends };
}

/**
 * The column `novae score` writes first for a sensor model: the timestamp of each window's last
 * sample as written in the file (named after the model's timestamp column), or that sample's
 * 0-based row index (`sample`) for a model without timestamps.
 */
export function windowEndColumn({ detector, table }: ModelAndData, ends: readonly number[]): LeadingColumn {
  const key = detector.manifest.adapter.kind === 'sensor' ? detector.manifest.adapter.timestamp : null;
  if (key === null) return { name: 'sample', values: ends.map(String) };
  return { name: key, values: ends.map((end) => table.records[end]![key] ?? '') };
}
