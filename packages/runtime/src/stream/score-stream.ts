/**
 * The streaming API: `createScoreStream()` (what `detector.stream()` returns), a WHATWG
 * `TransformStream` from sensor samples to window scores, and `scoreStream()`, the same over an
 * (async) iterable of samples, for `for await` loops.
 */
import type { SensorSample } from '@novae/adapters';
import type { StreamEngine } from './engine.js';
import { resolveStreamOptions } from './options.js';
import { sensorAdapterOf, type StreamScorer } from './scorer.js';
import type { StreamOptions, StreamScore, StreamStats } from './types.js';

/** A TransformStream of samples to scores, with its running counts. */
export interface ScoreStream extends TransformStream<SensorSample, StreamScore> {
  /** A snapshot of the counts (samples, windows, scored, dropped, batches, policy counts, drift). */
  readonly stats: StreamStats;
}

/**
 * Score a sensor series as it arrives: write samples, read one `StreamScore` per window, in order.
 * Windows are micro-batched into one ONNX run each (see `StreamOptions`). Throws
 * `DetectorInputError` for a model that is not a sensor model or a bad option; a sample the adapter
 * cannot read (`AdapterInputError`) or a failed run errors the stream with that error.
 */
export function createScoreStream(detector: StreamScorer, options: StreamOptions = {}): ScoreStream {
  const resolved = resolveStreamOptions(options, detector.manifest);
  const adapter = sensorAdapterOf(detector);
  // The engine (batching, online quantile, drift) loads on first use: pages that never stream skip it.
  let engine: StreamEngine | undefined;
  const stream = new TransformStream<SensorSample, StreamScore>(
    {
      async start(controller) {
        const { StreamEngine } = await import('./engine.js');
        engine = new StreamEngine(detector, resolved, (s) => controller.enqueue(s), (e) => controller.error(e));
      },
      transform: (sample) => engine!.push(sample),
      flush: () => engine!.close(),
    },
    new CountQueuingStrategy({ highWaterMark: resolved.highWaterMark.samples }),
    new CountQueuingStrategy({ highWaterMark: resolved.highWaterMark.scores }),
  );
  const idle = (): StreamStats => ({
    ...adapter.slidingWindow().stats, scored: 0, dropped: 0, batches: 0, largestBatch: 0, queued: 0, maxQueued: 0,
    onlineThreshold: Number.NaN, drift: { statistic: Number.NaN, critical: Number.NaN, drift: false },
  });
  Object.defineProperty(stream, 'stats', { get: () => engine?.stats() ?? idle(), enumerable: true });
  return stream as ScoreStream;
}

/** An async iterable of scores, with the stream's counts. */
export interface ScoreIterable extends AsyncIterable<StreamScore> {
  readonly stats: StreamStats;
}

/**
 * Score an (async) iterable of samples: `for await (const s of scoreStream(detector, samples)) ...`.
 * Samples are pulled only as fast as scores are consumed (backpressure). An error in the source,
 * the adapter or the model ends the loop with that error; breaking out of the loop returns at once,
 * and the source is stopped (its iterator returned) when it next yields.
 */
export function scoreStream(
  detector: StreamScorer, samples: AsyncIterable<SensorSample> | Iterable<SensorSample>, options: StreamOptions = {},
): ScoreIterable {
  const stream = createScoreStream(detector, options);
  let started = false;
  async function pump(): Promise<void> {
    const writer = stream.writable.getWriter();
    try {
      for await (const sample of samples) {
        await writer.ready;
        writer.write(sample).catch(() => undefined); // a failed write also rejects ready / close
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
    }
  }
  async function* iterate(): AsyncGenerator<StreamScore> {
    if (started) throw new TypeError('scoreStream: this iterable can be iterated only once');
    started = true;
    const reader = stream.readable.getReader();
    const pumping = pump();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield value;
      }
    } finally {
      // Not awaiting the pump: a source waiting for its next sample must not hold up a `break`.
      // The pump stops (and returns the source's iterator) when the source next yields.
      await reader.cancel().catch(() => undefined);
      void pumping;
    }
  }
  return {
    [Symbol.asyncIterator]: () => iterate(),
    get stats() { return stream.stats; },
  };
}
