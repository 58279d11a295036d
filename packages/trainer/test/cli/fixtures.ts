/**
 * Test fixtures for the CLI: seeded synthetic CSV files, a tiny ONNX model that is not a novae
 * model, and a helper that runs the built `novae` command and captures its output.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GraphBuilder } from '../../src/onnx/graph-builder.js';
import { encodeModel } from '../../src/onnx/onnx-proto.js';

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

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
