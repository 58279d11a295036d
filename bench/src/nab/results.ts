/**
 * NAB's results layout (`<detector>/<category>/<detector>_<file>.csv`, columns
 * timestamp,value,anomaly_score,label) under bench/results/nab/, and the summary JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NabSeries } from './data.js';

export const DETECTOR = 'novae';

/** Write one series' results file; returns its path. */
export function writeSeriesCsv(root: string, series: NabSeries, anomalyScores: ArrayLike<number>): string {
  const dir = join(root, DETECTOR, series.category);
  mkdirSync(dir, { recursive: true });
  const lines = ['timestamp,value,anomaly_score,label'];
  for (let i = 0; i < series.values.length; i++) {
    lines.push(`${series.timestamps[i]},${series.values[i]},${anomalyScores[i]},${series.labels[i]}`);
  }
  const path = join(dir, `${DETECTOR}_${series.file}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
