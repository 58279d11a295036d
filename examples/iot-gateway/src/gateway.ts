/**
 * The gateway: subscribes to a device's readings over MQTT, writes them into a score stream (what
 * `detector.stream()` returns: micro-batched ONNX runs, a bounded queue with backpressure), turns anomalous windows into alert
 * episodes, and publishes them. It finishes when the device says `done` and every reading it
 * announced has arrived and been scored.
 *
 * Backpressure: the MQTT client hands over one message at a time (`handleMessage`) and takes the
 * next only once the stream's writer is `ready`; a QoS 1 message is acknowledged only after it was
 * written. A slow model therefore slows the gateway's socket, and the broker holds the messages
 * (its QoS 1 inflight queue) instead of anyone dropping them.
 */
import { connectAsync, type IPublishPacket, type MqttClient } from 'mqtt';
import type { SensorAdapter, SensorSample } from '@novae/adapters';
import { createScoreStream, type ScoreStream, type StreamOptions, type StreamScore, type StreamScorer } from '@novae/runtime';
import { EpisodeTracker } from './episodes.js';
import { topics, type AlertsTopicMessage, type GatewayStats, type StatusMessage } from './messages.js';

export interface GatewayOptions {
  url: string;
  /** A loaded sensor model: a `Detector`, or a worker's `RemoteDetector` to score off the main thread. */
  detector: StreamScorer;
  /** The device to listen to (default `machine-1`). */
  device?: string;
  gateway?: string;
  /** Options of `detector.stream()` (default: batches of up to 32 windows, 10 ms delay, backpressure). */
  stream?: StreamOptions;
  /** Normal windows in a row that close an alert episode (default: one window's worth of windows). */
  clearAfter?: number;
  /** Called for every message the gateway publishes on the alerts topic. */
  onPublish?: (message: AlertsTopicMessage) => void;
  /** Called for every scored window, in order. */
  onScore?: (score: StreamScore) => void;
}

/** Remembers when recent readings arrived, to time alerts from the reading that completed their window. */
class ArrivalLog {
  readonly #times = new Map<number, number>();
  constructor(readonly capacity: number) {}
  add(timestamp: number, at: number): void {
    this.#times.set(timestamp, at);
    if (this.#times.size > this.capacity) this.#times.delete(this.#times.keys().next().value!);
  }
  get(timestamp: number): number | undefined {
    return this.#times.get(timestamp);
  }
}

export class Gateway {
  readonly device: string;
  readonly gateway: string;
  readonly #o: GatewayOptions;
  readonly #stream: ScoreStream;
  readonly #writer: WritableStreamDefaultWriter<SensorSample>;
  readonly #episodes: EpisodeTracker;
  readonly #arrivals = new ArrivalLog(4096);
  readonly #publishes: Promise<unknown>[] = [];
  /** Keys every reading must have: the timestamp, then the channels. */
  readonly #columns: readonly string[];
  readonly #timestampKey: string | null;
  #client: MqttClient | null = null;
  #received = 0;
  #rejected = 0;
  #anomalous = 0;
  #expected: number | null = null;
  #closing: Promise<void> | null = null;
  #finished!: Promise<GatewayStats>;

  constructor(options: GatewayOptions) {
    this.#o = options;
    this.device = options.device ?? 'machine-1';
    this.gateway = options.gateway ?? 'gateway-1';
    this.#stream = createScoreStream(options.detector, { maxBatch: 32, maxDelayMs: 10, onOverflow: 'backpressure', ...options.stream });
    this.#writer = this.#stream.writable.getWriter();
    const adapter = options.detector.adapter as SensorAdapter;
    this.#columns = adapter.columns;
    this.#timestampKey = adapter.toJSON().timestamp;
    const perWindow = Math.ceil(adapter.window / adapter.stride);
    this.#episodes = new EpisodeTracker(options.clearAfter ?? perWindow);
  }

  /** Counts so far (see `GatewayStats`). */
  get stats(): GatewayStats {
    const s = this.#stream.stats;
    return {
      received: this.#received, rejected: this.#rejected, outOfOrder: s.outOfOrder, duplicates: s.duplicates,
      dropped: this.#rejected + s.outOfOrder + s.duplicates,
      windows: s.windows, scored: s.scored, droppedWindows: s.dropped, maxQueued: s.maxQueued,
      batches: s.batches, largestBatch: s.largestBatch,
      anomalous: this.#anomalous, alerts: this.#episodes.episodes,
    };
  }

  /** Connect and subscribe. Resolves once the subscriptions are granted. */
  async start(): Promise<void> {
    const client = await connectAsync(this.#o.url, { clientId: this.gateway, clean: true, reconnectPeriod: 0 });
    this.#client = client;
    // A connection or protocol error ends the run: the stream errors, and so does finished().
    client.on('error', (error) => void this.#writer.abort(error).catch(() => undefined));
    client.handleMessage = (packet, done) => {
      this.#onMessage(packet).then(() => done(), (error: Error) => done(error));
    };
    this.#finished = this.#score(client);
    await client.subscribeAsync([topics.readings(this.device), topics.status(this.device)], { qos: 1 });
  }

  /** Resolves with the final counts once the device is done and every reading was scored. */
  finished(): Promise<GatewayStats> {
    return this.#finished;
  }

  async #onMessage(packet: IPublishPacket): Promise<void> {
    const isStatus = packet.topic === topics.status(this.device);
    const body = parse(packet.payload.toString(), isStatus ? [] : this.#columns, isStatus ? null : this.#timestampKey);
    if (isStatus) {
      const status = body as StatusMessage | undefined;
      if (status?.state === 'done') this.#expected = status.published;
    } else {
      this.#received++;
      if (body === undefined) this.#rejected++;
      else {
        this.#arrivals.add(Number((body as { timestamp?: unknown }).timestamp), performance.now());
        await this.#writer.ready; // backpressure: wait for room before taking the next message
        this.#writer.write(body).catch(() => undefined); // a failed write also rejects ready and close
      }
    }
    if (this.#expected !== null && this.#received >= this.#expected) this.#close();
  }

  /** End the input: the stream scores what is queued, then the readable side ends. */
  #close(): void {
    this.#closing ??= this.#writer.close().catch(() => undefined);
  }

  async #score(client: MqttClient): Promise<GatewayStats> {
    const reader = this.#stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      this.#onScore(client, value);
    }
    const last = this.#episodes.flush();
    if (last) this.#publish(client, { ...last, device: this.device });
    const stats = this.stats;
    this.#publishes.push(client.publishAsync(topics.gatewayStats(this.gateway), JSON.stringify(stats), { qos: 1, retain: true }));
    await Promise.all(this.#publishes);
    return stats;
  }

  #onScore(client: MqttClient, s: StreamScore): void {
    this.#o.onScore?.(s);
    if (s.isAnomaly) this.#anomalous++;
    const event = this.#episodes.push(s);
    if (event === null) return;
    if (event.type === 'alert') {
      const arrived = this.#arrivals.get(s.timestamp);
      const latencyMs = arrived === undefined ? Number.NaN : performance.now() - arrived;
      this.#publish(client, { ...event, device: this.device, latencyMs: Math.round(latencyMs * 10) / 10 });
    } else {
      this.#publish(client, { ...event, device: this.device });
    }
  }

  /**
   * Not awaited here: a QoS 1 PUBACK arrives as an incoming packet, which the client reads only
   * after the current `handleMessage`, which may be waiting for this very loop to read scores.
   */
  #publish(client: MqttClient, message: AlertsTopicMessage): void {
    this.#o.onPublish?.(message);
    this.#publishes.push(client.publishAsync(topics.alerts(this.device), JSON.stringify(message), { qos: 1 }));
  }

  /** Disconnect (after `finished()`, or to abandon a run). */
  async close(): Promise<void> {
    await this.#writer.abort(new Error('gateway closed')).catch(() => undefined);
    await this.#client?.endAsync();
    this.#client = null;
  }
}

/**
 * A JSON object with every key in `required` and a finite number at `timestamp`, or undefined (a
 * rejected reading). The stream would fail on a reading without a readable timestamp or without a
 * channel (`AdapterInputError`): one bad message must
 * not stop the gateway. A key present with a bad value (`null`, `"abc"`) is the adapter's to repair
 * (carried forward and counted in the stream's `filled`).
 */
function parse(text: string, required: readonly string[], timestamp: string | null): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (!required.every((key) => Object.hasOwn(o, key))) return undefined;
  return timestamp === null || Number.isFinite(o[timestamp]) ? o : undefined;
}
