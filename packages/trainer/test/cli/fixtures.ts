/**
 * Test fixtures for the CLI: seeded synthetic CSV files, a tiny ONNX model that is not a novae
 * model, helpers that run the built `novae` command and capture its output, and the checks every
 * CLI test makes of a run that must fail cleanly and of what a command printed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { GraphBuilder } from '../../src/onnx/graph-builder.js';
import { encodeModel } from '../../src/onnx/onnx-proto.js';
import { mulberry32 } from '../data.js';

/** The committed bin wrapper; it imports `dist/`, so tests need `npm run build` first. */
export const NOVAE_BIN = fileURLToPath(new URL('../../bin/novae.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `novae ...args` in `cwd`. */
export function runNovae(args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NOVAE_BIN, ...args], { cwd, env: { ...process.env, NOVAE_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A run in a fresh folder, with the folder and the `--out` path it was given. */
export type BadRun = RunResult & { folder: string; out: string };

/** Run `novae` in a fresh folder under `parent` holding `files`, with an empty `out/` folder for the `--out` path. */
export async function runInFreshFolder(
  parent: string, args: (out: string) => string[], files: Record<string, string | Uint8Array> = {},
): Promise<BadRun> {
  const folder = mkdtempSync(join(parent, 'bad-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  mkdirSync(join(folder, 'out'));
  const out = join(folder, 'out', 'result');
  return { ...(await runNovae(args(out), folder)), folder, out };
}

/** One `novae: ...` line matching `pattern`, no stack, exit != 0, and nothing in the output folder. */
export function expectCleanFailure(r: BadRun, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^novae: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).toBe('');
  expect(existsSync(r.out)).toBe(false);
  expect(readdirSync(join(r.folder, 'out'))).toEqual([]);
  expect(readdirSync(r.folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

/** The records of CSV text (a data file, or the CSV that `novae score` wrote). */
export function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true }) as Record<string, string>[];
}

/** The number on the line `${name}  <number>` of a report (e.g. `novae eval`'s `ROC-AUC`). */
export function reportedNumber(stdout: string, name: string): number {
  return Number(new RegExp(`^${name}\\s+([\\d.]+)`, 'm').exec(stdout)?.[1]);
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export const HEADER = 'id,amount,hour,ratio,score2,channel,label';
const CHANNELS = ['web', 'app', 'store'];

/** One normal row: four correlated numeric columns and a categorical one. */
function normalRow(rand: () => number, id: number): (string | number)[] {
  const a = normal(rand);
  const amount = 50 + 10 * a;
  const hour = 12 + 3 * normal(rand);
  const ratio = 0.5 * a + 0.2 * normal(rand);
  const score2 = 2 * ratio + 0.1 * normal(rand);
  const channel = CHANNELS[Math.floor(rand() * CHANNELS.length)]!;
  return [id, amount.toFixed(3), hour.toFixed(3), ratio.toFixed(4), score2.toFixed(4), channel, 0];
}

/** `rows` normal rows, all labelled 0. */
export function trainingCsv(rows: number, seed = 1): string {
  const rand = mulberry32(seed);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(normalRow(rand, i).join(','));
  return `${lines.join('\n')}\n`;
}

/** Normal rows with an obvious outlier (a huge `amount`, labelled 1) every `every`-th row. */
export function labelledCsv(rows: number, every: number, seed = 2): { csv: string; outliers: number[] } {
  const rand = mulberry32(seed);
  const lines = [HEADER];
  const outliers: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = normalRow(rand, i);
    if (i % every === every - 1) {
      row[1] = (500 + 100 * rand()).toFixed(3);
      row[6] = 1;
      outliers.push(i);
    }
    lines.push(row.join(','));
  }
  return { csv: `${lines.join('\n')}\n`, outliers };
}

/** The bytes of a valid ONNX model (y = Identity(x)) without the `novae.manifest` metadata entry. */
export function plainOnnx(): Uint8Array {
  const b = new GraphBuilder('plain');
  b.addInput('x', ['N', 3]);
  b.addOutput('y', ['N', 3]);
  b.op('Identity', ['x'], undefined, 'y');
  return encodeModel(b.toModel({ irVersion: 8, opsetVersion: 17 }));
}
