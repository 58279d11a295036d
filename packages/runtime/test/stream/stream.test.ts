import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterInputError, type SensorAdapter, type SensorSample } from '@novae/adapters';
import {
  createScoreStream, DetectorInputError, ksStatistic, loadDetector, RecentQuantile, scoreStream,
  type Detector, type StreamOptions, type StreamScore, type StreamScorer,
} from '../../src/platform/node.js';
import { tinySensorSeries, TINY_MODEL_PATH, TINY_SENSOR_MODEL_PATH, type SensorFixtureSample } from '../helpers.js';

/** Windows in n samples (window 8, stride 2). */
const windowsIn = (n: number): number => Math.floor((n - 8) / 2) + 1;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let detector: Detector;
let adapter: SensorAdapter;
beforeAll(async () => {
  detector = await loadDetector(TINY_SENSOR_MODEL_PATH);
  adapter = detector.adapter as SensorAdapter;
});
afterAll(async () => { await detector.dispose(); });

/** The real detector, recording each scoreEncoded batch size and optionally slowed down. */
function spy(delayMs = 0): StreamScorer & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls, manifest: detector.manifest, adapter: detector.adapter,
    async scoreEncoded(encoded, n, options) {
      calls.push(n);
      if (delayMs > 0) await sleep(delayMs);
      return detector.scoreEncoded(encoded, n, options);
    },
  };
}

/** Write every sample (awaiting `ready`, as a well-behaved producer does) and close. */
async function writeAll(stream: TransformStream<SensorSample, StreamScore>, samples: readonly SensorSample[]): Promise<number> {
  const writer = stream.writable.getWriter();
  let waits = 0;
  for (const s of samples) {
    if ((writer.desiredSize ?? 0) <= 0) waits++;
    await writer.ready;
    writer.write(s).catch(() => undefined); // a failed write also rejects ready and close
  }
  await writer.close();
  return waits;
}

async function readAll(readable: ReadableStream<StreamScore>): Promise<StreamScore[]> {
  const out: StreamScore[] = [];
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

async function run(stream: TransformStream<SensorSample, StreamScore>, samples: readonly SensorSample[]) {
  const [waits, out] = await Promise.all([writeAll(stream, samples), readAll(stream.readable)]);
  return { waits, out };
}

function expectIncreasing(out: StreamScore[]): void {
  for (let i = 1; i < out.length; i++) expect(out[i]!.timestamp).toBeGreaterThan(out[i - 1]!.timestamp);
}

describe('detector.stream()', () => {
  it('emits one score per window, in order, as score() gives for the same windows, with channel shares and the newest sample\'s NLL', async () => {
    const samples = tinySensorSeries(300, { seed: 5, from: 3000 });
    for (let i = 151; i < 154; i++) samples[i]!.load += 2;
    const stream = detector.stream({ maxBatch: 16 });
    const { out } = await run(stream, samples);
    const windows = adapter.windows(samples);
    const r = await detector.score(windows);
    expect(out.length).toBe(windows.length);
    const baseline = detector.manifest.calibration.featureBaseline!;
    out.forEach((s, i) => {
      expect([s.timestamp, s.start]).toEqual([windows[i]!.timestamp, windows[i]!.start]);
      expect(s.score).toBeCloseTo(r.scores[i]!, 4);
      expect(s.pValue).toBeCloseTo(r.pValues[i]!, 10);
      expect(s.isAnomaly).toBe(r.isAnomaly[i]);
      expect(s.threshold).toBe(detector.manifest.calibration.threshold);
      // shares of the positive excess NLL over the baseline, summed over time steps per channel
      const excess = [0, 0];
      for (let f = 0; f < 16; f++) excess[f % 2]! += r.featureScores[i * 16 + f]! - baseline[f]!;
      const positive = Math.max(0, excess[0]!) + Math.max(0, excess[1]!);
      expect(s.channels.temp).toBeCloseTo(positive > 0 ? Math.max(0, excess[0]!) / positive : 0, 4);
      expect(s.channels.load).toBeCloseTo(positive > 0 ? Math.max(0, excess[1]!) / positive : 0, 4);
      // the newest sample's NLL: the last time step's two channels (features 14 and 15)
      expect(s.latest).toBeCloseTo(r.featureScores[i * 16 + 14]! + r.featureScores[i * 16 + 15]!, 3);
    });
    // The window whose newest sample is the first spiked one has a larger latest NLL than every
    // window whose newest sample is not spiked.
    const arrival = out.find((s) => s.timestamp === samples[151]!.timestamp)!;
    const spiked = new Set([151, 152, 153].map((i) => samples[i]!.timestamp));
    const others = out.filter((s) => !spiked.has(s.timestamp)).map((s) => s.latest);
    expect(arrival.latest).toBeGreaterThan(Math.max(...others));
    const spike = out.find((s) => s.timestamp === samples[153]!.timestamp)!;
    expect(spike.isAnomaly).toBe(true);
    expect(spike.channels.load).toBeGreaterThan(0.5);
    expect(stream.stats).toMatchObject({ samples: 300, windows: windows.length, scored: windows.length, dropped: 0, queued: 0 });
  });

  it('micro-batches: one scoreEncoded call per batch of at most maxBatch windows', async () => {
    const scorer = spy();
    const stream = createScoreStream(scorer, { maxBatch: 8 });
    const { out } = await run(stream, tinySensorSeries(200));
    expect(out.length).toBe(windowsIn(200));
    expect(scorer.calls.reduce((a, b) => a + b, 0)).toBe(windowsIn(200));
    expect(Math.max(...scorer.calls)).toBe(8);
    expect(scorer.calls.length).toBeLessThanOrEqual(Math.ceil(windowsIn(200) / 8) + 2);
    expect(stream.stats).toMatchObject({ batches: scorer.calls.length, largestBatch: 8 });
  });

  it('scores a partial batch after maxDelayMs without waiting for more input or the end', async () => {
    const scorer = spy();
    const stream = createScoreStream(scorer, { maxBatch: 64, maxDelayMs: 20 });
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    for (const s of tinySensorSeries(10)) await writer.write(s);
    const first = await Promise.race([reader.read(), sleep(5000).then(() => 'timeout' as const)]);
    expect(first).not.toBe('timeout');
    expect(scorer.calls).toEqual([2]);
    await writer.close();
  });

  it('holds a partial batch until maxDelayMs, then the end of input flushes it', async () => {
    const scorer = spy();
    const stream = createScoreStream(scorer, { maxBatch: 64, maxDelayMs: 60_000 });
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    for (const s of tinySensorSeries(10)) await writer.write(s);
    const firstRead = reader.read();
    const early = await Promise.race([firstRead, sleep(200).then(() => 'nothing yet' as const)]);
    expect(early).toBe('nothing yet');
    expect(scorer.calls).toEqual([]);
    const closing = writer.close();
    const rest: StreamScore[] = [(await firstRead).value!];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest.push(value);
    }
    await closing;
    expect(rest.length).toBe(2);
    expect(scorer.calls).toEqual([2]);
  });

  it('backpressure: when the model is slower than the input, writes wait; the queue stays bounded; nothing is dropped', async () => {
    const scorer = spy(15);
    const stream = createScoreStream(scorer, { maxBatch: 4, maxQueue: 8, highWaterMark: { samples: 2 } });
    const samples = tinySensorSeries(8 + 2 * 60);
    const { waits, out } = await run(stream, samples);
    expect(out.length).toBe(61);
    expectIncreasing(out);
    expect(out.at(-1)!.timestamp).toBe(samples.at(-1)!.timestamp);
    expect(waits).toBeGreaterThan(0);
    expect(stream.stats.maxQueued).toBeLessThanOrEqual(8);
    expect(stream.stats).toMatchObject({ windows: 61, scored: 61, dropped: 0 });
  });

  it("onOverflow 'drop-oldest': writes never wait for the model; drops are counted and the newest windows kept", async () => {
    const scorer = spy(15);
    const stream = createScoreStream(scorer, { maxBatch: 2, maxQueue: 4, onOverflow: 'drop-oldest' });
    const samples = tinySensorSeries(8 + 2 * 60);
    const writer = stream.writable.getWriter();
    const reading = readAll(stream.readable);
    for (const s of samples) await writer.write(s); // each write resolves once transform has taken it
    const atEndOfInput = stream.stats;
    expect(atEndOfInput.windows).toBe(61);
    expect(atEndOfInput.scored).toBeLessThan(61); // the model is still busy: nobody waited for it
    await writer.close();
    const out = await reading;
    const { dropped, scored, maxQueued } = stream.stats;
    expect(dropped).toBeGreaterThan(0);
    expect(scored + dropped).toBe(61);
    expect(out.length).toBe(scored);
    expect(maxQueued).toBeLessThanOrEqual(4);
    expectIncreasing(out);
    expect(out.at(-1)!.timestamp).toBe(samples.at(-1)!.timestamp);
  });

  it("threshold 'online': the calibrated threshold during warm-up, then a streaming quantile of the scores before", async () => {
    const options: StreamOptions = { threshold: 'online', online: { q: 0.5, warmup: 20, window: 100 } };
    const stream = detector.stream(options);
    const { out } = await run(stream, tinySensorSeries(600, { seed: 9, from: 8000 }));
    const calibrated = detector.manifest.calibration.threshold;
    const replay = new RecentQuantile(0.5, 100);
    out.forEach((s, i) => {
      expect(s.threshold).toBe(i < 20 ? calibrated : replay.value());
      expect(s.isAnomaly).toBe(s.score > s.threshold);
      replay.add(s.score);
    });
    // Against a running median about half of the windows are flagged; against the 0.99 threshold few are.
    const flagged = out.slice(20).filter((s) => s.isAnomaly).length / (out.length - 20);
    expect(flagged).toBeGreaterThan(0.3);
    expect(flagged).toBeLessThan(0.7);
    expect(out.filter((s) => s.score > calibrated).length / out.length).toBeLessThan(0.1);
    expect(stream.stats.onlineThreshold).toBe(replay.value());
  });

  it('a fixed threshold option replaces the calibrated one', async () => {
    const { out } = await run(detector.stream({ threshold: -1e9 }), tinySensorSeries(20));
    expect(out.every((s) => s.isAnomaly && s.threshold === -1e9)).toBe(true);
  });

  it('flags drift when recent scores move away from the calibration scores, and not on normal data', async () => {
    const normal = detector.stream({ drift: { window: 100, alpha: 0.01 } });
    const quiet = await run(normal, tinySensorSeries(500, { seed: 3, from: 20_000 }));
    expect(quiet.out.some((s) => s.drift)).toBe(false);
    expect(normal.stats.drift.statistic).toBeLessThan(normal.stats.drift.critical);

    const shifted = tinySensorSeries(500, { seed: 4, from: 30_000 }).map((s, i) => (i >= 200 ? { ...s, load: s.load + 0.08 } : s));
    const drifting = detector.stream({ drift: { window: 100, alpha: 0.01 } });
    const { out } = await run(drifting, shifted);
    expect(out.at(-1)!.drift).toBe(true);
    expect(out.slice(0, 96).some((s) => s.drift)).toBe(false); // window 100 not yet full
    const last100 = out.slice(-100).map((s) => s.score).sort((a, b) => a - b);
    const { statistic, critical } = drifting.stats.drift;
    expect(statistic).toBeCloseTo(ksStatistic(detector.manifest.calibration.normalScores, last100), 4);
    expect(statistic).toBeGreaterThan(critical);
  });

  it("applies the adapter's input policy and counts it in stats", async () => {
    const samples: SensorSample[] = tinySensorSeries(40);
    const messy = [...samples.slice(0, 20), samples[5]!, samples[19]!, { ...samples[20]!, temp: 'NaN' }, ...samples.slice(21)];
    const stream = detector.stream();
    const { out } = await run(stream, messy);
    expect(out.length).toBe(windowsIn(40));
    expect(stream.stats).toMatchObject({ samples: 42, outOfOrder: 1, duplicates: 1, filled: 1, filledByChannel: { temp: 1, load: 0 } });
  });

  it('errors the stream with an AdapterInputError naming a channel that goes missing', async () => {
    const samples: SensorSample[] = tinySensorSeries(12);
    samples[10] = { timestamp: samples[10]!.timestamp, temp: 1 };
    const stream = detector.stream();
    const err = await run(stream, samples).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdapterInputError);
    expect((err as Error).message).toBe("sample 10: missing channel 'load'; expected channels: 'temp', 'load'; the sample has: 'timestamp', 'temp'");
  });

  it('is only for sensor models, and names a bad option', async () => {
    const tabular = await loadDetector(TINY_MODEL_PATH);
    try {
      expect(() => tabular.stream()).toThrow(DetectorInputError);
      expect(() => tabular.stream()).toThrow("stream: the model's adapter is 'tabular'; stream() scores sensor models");
    } finally {
      await tabular.dispose();
    }
    expect(() => detector.stream({ maxBatch: 0 })).toThrow('stream: maxBatch: expected an integer >= 1, got 0');
    expect(() => detector.stream({ onOverflow: 'drop' as never })).toThrow(
      "stream: onOverflow: expected 'backpressure' or 'drop-oldest', got \"drop\"",
    );
    expect(() => detector.stream({ threshold: 'auto' as never })).toThrow("stream: threshold: expected 'calibrated', 'online' or a finite number");
    expect(() => detector.stream({ online: { q: 1 } })).toThrow('stream: online.q: expected a number in (0, 1), got 1');
  });
});

describe('scoreStream over an async iterable', () => {
  async function* source(samples: readonly SensorFixtureSample[], state: { pulled: number; finished: boolean }) {
    try {
      for (const s of samples) { state.pulled++; await Promise.resolve(); yield s; }
    } finally {
      state.finished = true;
    }
  }

  it('yields the same scores as the TransformStream, and exposes the counts', async () => {
    const samples = tinySensorSeries(100, { seed: 2, from: 500 });
    const state = { pulled: 0, finished: false };
    const iterable = scoreStream(detector, source(samples, state), { maxBatch: 8 });
    const out: StreamScore[] = [];
    for await (const s of iterable) out.push(s);
    const expected = (await run(detector.stream({ maxBatch: 8 }), samples)).out;
    expect(out.map((s) => s.timestamp)).toEqual(expected.map((s) => s.timestamp));
    out.forEach((s, i) => expect(s.score).toBeCloseTo(expected[i]!.score, 4));
    expect(iterable.stats).toMatchObject({ samples: 100, scored: windowsIn(100) });
    expect(state.finished).toBe(true);
  });

  it('stops pulling the source when the loop breaks', async () => {
    const state = { pulled: 0, finished: false };
    for await (const s of scoreStream(detector, source(tinySensorSeries(10_000), state), { maxBatch: 4 })) {
      expect(s.score).toBeGreaterThan(0);
      break;
    }
    await sleep(10);
    expect(state.finished).toBe(true);
    expect(state.pulled).toBeLessThan(2000);
  });

  it('returns from a break even while the source is waiting for its next sample', async () => {
    async function* stalled() {
      yield* tinySensorSeries(20);
      await new Promise(() => undefined); // a sensor that went quiet
    }
    let got = 0;
    for await (const s of scoreStream(detector, stalled(), { maxDelayMs: 5 })) {
      got += s.score > 0 ? 1 : 0;
      break;
    }
    expect(got).toBe(1);
  });

  it('ends the loop with the error of a failing source', async () => {
    async function* failing() {
      yield* tinySensorSeries(20);
      throw new Error('sensor bus down');
    }
    const seen: StreamScore[] = [];
    const err = await (async () => { for await (const s of scoreStream(detector, failing())) seen.push(s); })().catch((e: unknown) => e);
    expect((err as Error).message).toBe('sensor bus down');
  });
});
