/**
 * Node side of `npm run bench:runtime`: the same model through raw onnxruntime-node (one
 * InferenceSession.run with the graph's two inputs, all outputs) and through @novae/runtime's
 * `scoreEncoded` (which adds noise, batching, the run queue, p-values and verdicts). Both run in
 * this process, interleaved, so machine noise hits them alike; the report gives their ratios.
 */
import { Worker } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { loadDetector } from '@novae/runtime';
import { wrapDetector } from '@novae/runtime/worker';

export interface NodeTimings {
  /** Rows/s at `batch` rows per call. */
  rawRowsPerSecond: number;
  runtimeRowsPerSecond: number;
  /** Median microseconds per call at batch 1. */
  rawLatencyUs: number;
  runtimeLatencyUs: number;
  /** Median microseconds per batch-1 call through @novae/runtime/worker (worker_threads). */
  workerLatencyUs: number;
  batch: number;
  backend: string;
}

/** Mean milliseconds per call of `calls` sequential calls of `f`. */
async function meanMsPerCall(f: () => Promise<unknown>, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await f();
  return (performance.now() - started) / calls;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Interleave `a` and `b` for `rounds` rounds, alternating which goes first so neither always runs
 * on a warmer machine; the median time per call (ms) of each.
 */
async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>, calls: number, rounds: number): Promise<[number, number]> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      ta.push(await meanMsPerCall(a, calls));
      tb.push(await meanMsPerCall(b, calls));
    } else {
      tb.push(await meanMsPerCall(b, calls));
      ta.push(await meanMsPerCall(a, calls));
    }
  }
  return [median(ta), median(tb)];
}

/** Rows a model expects, filled with standard-normal-ish values (the scale of encoded features). */
function randomRows(rows: number, width: number): Float32Array {
  const x = new Float32Array(rows * width);
  let state = 12345;
  for (let i = 0; i < x.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    x[i] = (state / 2 ** 32 - 0.5) * 3;
  }
  return x;
}

export async function timeNode(modelBytes: Uint8Array, batch: number): Promise<NodeTimings> {
  const detector = await loadDetector(modelBytes, { backend: 'node' });
  const session = await ort.InferenceSession.create(modelBytes);
  const { width } = detector;
  const K = detector.manifest.model.latentDim;
  const shape = detector.manifest.model.inputShape;

  const raw = (x: Float32Array, n: number) => () => session.run({
    x: new ort.Tensor('float32', x, [n, ...shape]),
    eps: new ort.Tensor('float32', new Float32Array(n * K), [1, n, K]),
  });
  const novae = (x: Float32Array, n: number) => () => detector.scoreEncoded(x, n);

  const big = randomRows(batch, width);
  const one = randomRows(1, width);
  // Warm both paths (allocators, JIT) before timing.
  for (let i = 0; i < 20; i++) { await raw(big, batch)(); await novae(big, batch)(); }
  for (let i = 0; i < 2000; i++) { await raw(one, 1)(); await novae(one, 1)(); }

  const [rawBig, novaeBig] = await compare(raw(big, batch), novae(big, batch), 40, 15);
  const [rawOne, novaeOne] = await compare(raw(one, 1), novae(one, 1), 2000, 15);

  const worker = new Worker(new URL('./detector-worker.js', import.meta.url));
  const remote = await wrapDetector(worker, modelBytes, { backend: 'node' });
  // Inputs are transferred (detached), so each call sends a fresh copy, as a caller keeping its rows would.
  const viaWorker = () => remote.scoreEncoded(one.slice(), 1);
  for (let i = 0; i < 500; i++) await viaWorker();
  const [workerOne] = await compare(viaWorker, async () => undefined, 1000, 5);
  await remote.dispose();
  await worker.terminate();
  await detector.dispose();
  await session.release();
  return {
    batch,
    backend: detector.backend,
    rawRowsPerSecond: batch / (rawBig / 1000),
    runtimeRowsPerSecond: batch / (novaeBig / 1000),
    rawLatencyUs: rawOne * 1000,
    runtimeLatencyUs: novaeOne * 1000,
    workerLatencyUs: workerOne * 1000,
  };
}
