/**
 * `npm run bench:stream`: the streaming targets of a sensor model — a 1-channel, window-64 model
 * (stride 1, the default network for that width) scored through `scoreStream`:
 *   - throughput: samples/s when samples arrive as fast as the stream takes them;
 *   - latency: samples paced at 1 kHz; per window, the time from the arrival of its last sample to
 *     its score, p50 / p99 / max.
 * Run it pinned to one core to measure "one core": `taskset -c 0 node bench/dist/stream.js`
 * (the npm script does); ONNX Runtime then has one core for all its threads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDetector, scoreStream, type Detector } from '@novae/runtime';
import { train } from '@novae/trainer';

const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results');
const WINDOW = 64;
const THROUGHPUT_SAMPLES = 200_000;
const PACED_SECONDS = 5;
const RATE_HZ = 1000;
/** The latency run's micro-batch delay: at 1 kHz a window waits at most this long for company. */
const LATENCY_MAX_DELAY_MS = 1;

/** A 1-channel sensor at `RATE_HZ`: a slow cycle, a fast ripple and seeded noise. */
function reading(i: number, noise: () => number): { timestamp: number; value: number } {
  const t = i / RATE_HZ;
  return { timestamp: i, value: Math.sin(2 * Math.PI * t / 2) + 0.3 * Math.sin(2 * Math.PI * 37 * t) + 0.05 * noise() };
}

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function throughput(detector: Detector): Promise<number> {
  const noise = lcg(2);
  function* samples(): Generator<{ timestamp: number; value: number }> {
    for (let i = 0; i < THROUGHPUT_SAMPLES; i++) yield reading(i, noise);
  }
  const started = performance.now();
  let scored = 0;
  for await (const _ of scoreStream(detector, samples(), { maxBatch: 256 })) scored++;
  const seconds = (performance.now() - started) / 1000;
  if (scored !== THROUGHPUT_SAMPLES - WINDOW + 1) throw new Error(`expected ${THROUGHPUT_SAMPLES - WINDOW + 1} scores, got ${scored}`);
  return THROUGHPUT_SAMPLES / seconds;
}

/** Paced at RATE_HZ: each sample is written when its time comes; latency is measured per window. */
async function pacedLatency(detector: Detector): Promise<{ p50: number; p99: number; max: number; windows: number }> {
  const noise = lcg(3);
  const total = PACED_SECONDS * RATE_HZ;
  const arrival = new Float64Array(total);
  const latencies: number[] = [];
  const stream = detector.stream({ maxDelayMs: LATENCY_MAX_DELAY_MS });
  const writer = stream.writable.getWriter();
  const reading$ = (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      latencies.push(performance.now() - arrival[value.timestamp]!);
    }
  })();
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE_HZ;
    while (performance.now() < due) await new Promise((r) => setImmediate(r));
    arrival[i] = performance.now();
    await writer.ready;
    void writer.write(reading(i, noise));
  }
  await writer.close();
  await reading$;
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1]!, windows: sorted.length };
}

async function main(): Promise<void> {
  const noise = lcg(1);
  const training = Array.from({ length: 20_000 }, (_, i) => reading(i, noise));
  const trained = await train(training, { adapter: { kind: 'sensor', window: WINDOW, stride: 1 }, seed: 0, epochs: 5 });
  const detector = await loadDetector(trained.bytes);
  await trained.dispose();
  const rate = await throughput(detector);
  const latency = await pacedLatency(detector);
  await detector.dispose();
  const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log([
    `## Streaming, 1 channel, window ${WINDOW}, stride 1 (backend ${detector.backend})`,
    '',
    '| measure | value | target |',
    '|---|---:|---|',
    `| throughput, samples as fast as the stream takes them (${fmt(THROUGHPUT_SAMPLES, 0)}) | ${fmt(rate, 0)} samples/s | >= 50,000 on one core |`,
    `| latency at ${RATE_HZ} Hz (maxDelayMs ${LATENCY_MAX_DELAY_MS}), last sample -> score, p50 (${latency.windows} windows) | ${fmt(latency.p50, 2)} ms | |`,
    `| latency at ${RATE_HZ} Hz, p99 | ${fmt(latency.p99, 2)} ms | < 5 ms |`,
    `| latency at ${RATE_HZ} Hz, max | ${fmt(latency.max, 2)} ms | |`,
  ].join('\n'));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'stream-latest.json'), JSON.stringify({
    date: new Date().toISOString(), window: WINDOW, samplesPerSecond: rate, latencyMs: latency, backend: detector.backend,
  }, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(`bench:stream: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
