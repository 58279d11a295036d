/**
 * Loading the ADBench CSV files from `../shared/data/adbench` (or `$NOVAE_DATA/adbench`).
 * Rows keep their file order: the protocol depends on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { TabularRecord } from '@novae/adapters';

/** The ten ADBench datasets, in the order of the data README. */
export const DATASETS = [
  'annthyroid', 'cardio', 'cardiotocography', 'mammography', 'mnist',
  'pendigits', 'satellite', 'shuttle', 'spambase', 'thyroid',
] as const;

export type DatasetName = (typeof DATASETS)[number];

export interface Dataset {
  name: string;
  /** Every row in file order, features as numbers, `label` included. */
  records: TabularRecord[];
  /** 1 = anomaly, 0 = normal, per row. */
  labels: number[];
  features: number;
}

/** `$NOVAE_DATA`, else `../shared/data` beside the repository root (resolved from this file). */
export function dataRoot(): string {
  if (process.env.NOVAE_DATA) return resolve(process.env.NOVAE_DATA);
  const here = dirname(fileURLToPath(import.meta.url)); // bench/src or bench/dist
  return resolve(here, '..', '..', '..', 'shared', 'data');
}

export function adbenchDir(root = dataRoot()): string {
  return join(root, 'adbench');
}

/** The file of `name` in `dir` (`.csv` or `.csv.gz`), or undefined when absent. */
export function datasetFile(name: string, dir = adbenchDir()): string | undefined {
  for (const file of [`${name}.csv`, `${name}.csv.gz`]) {
    const path = join(dir, file);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Read one dataset; throws naming the file when it is missing or has no `label` column. */
export function loadDataset(name: string, dir = adbenchDir()): Dataset {
  const path = datasetFile(name, dir);
  if (!path) throw new Error(`dataset '${name}': no ${name}.csv or ${name}.csv.gz in ${dir}`);
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  if (rows.length === 0 || !('label' in rows[0]!)) throw new Error(`${path}: expected a header with a 'label' column`);
  const names = Object.keys(rows[0]!);
  const records: TabularRecord[] = [];
  const labels: number[] = [];
  for (const row of rows) {
    const record: Record<string, number> = {};
    for (const key of names) record[key] = Number(row[key]);
    records.push(record);
    labels.push(record.label === 1 ? 1 : 0);
  }
  return { name, records, labels, features: names.length - 1 };
}
