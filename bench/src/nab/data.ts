/**
 * Loading the NAB corpus from `../shared/data/nab/nab_all.csv.gz` (or `$NOVAE_DATA/nab`): long format
 * `series,timestamp,value,is_anomaly_point,label`, one series after another, rows in time order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { dataRoot } from '../data.js';

export interface NabSeries {
  /** NAB path without `.csv`, e.g. `realKnownCause/nyc_taxi`. */
  name: string;
  /** The folder: `realKnownCause`, `artificialWithAnomaly`, ... */
  category: string;
  /** File name without the folder. */
  file: string;
  /** Timestamps as written in NAB (`2014-04-01 00:00:00`, UTC). */
  timestamps: string[];
  /** The same, as epoch milliseconds. */
  times: Float64Array;
  values: Float64Array;
  /** 1 inside an NAB anomaly window. */
  labels: Uint8Array;
}

export function nabDir(root = dataRoot()): string {
  return join(root, 'nab');
}

export function nabFile(dir = nabDir()): string | undefined {
  for (const file of ['nab_all.csv.gz', 'nab_all.csv']) {
    const path = join(dir, file);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** NAB timestamps carry no zone; NAB treats them as UTC. */
export function parseNabTime(ts: string): number {
  const ms = Date.parse(`${ts.replace(' ', 'T')}Z`);
  if (!Number.isFinite(ms)) throw new Error(`nab: cannot read timestamp '${ts}'`);
  return ms;
}

/** Every series of the corpus, in file order (optionally only those whose name is in `only`). */
export function loadNab(dir = nabDir(), only?: readonly string[]): NabSeries[] {
  const path = nabFile(dir);
  if (!path) throw new Error(`nab: no nab_all.csv.gz in ${dir} (set NOVAE_DATA or put the data in ../shared/data/nab)`);
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const groups = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    if (only && !only.includes(row.series!)) continue;
    let g = groups.get(row.series!);
    if (!g) groups.set(row.series!, (g = []));
    g.push(row);
  }
  if (only) {
    const missing = only.filter((n) => !groups.has(n));
    if (missing.length > 0) throw new Error(`nab: no series named ${missing.join(', ')} in ${path}`);
  }
  return [...groups].map(([name, g]) => {
    const slash = name.indexOf('/');
    return {
      name, category: name.slice(0, slash), file: name.slice(slash + 1),
      timestamps: g.map((r) => r.timestamp!),
      times: Float64Array.from(g, (r) => parseNabTime(r.timestamp!)),
      values: Float64Array.from(g, (r) => Number(r.value)),
      labels: Uint8Array.from(g, (r) => (r.label === '1' ? 1 : 0)),
    };
  });
}
