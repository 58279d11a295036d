/**
 * The simulated device: an MQTT client that publishes the machine's readings at their sampling
 * rate (or `speed` times faster), one JSON message per reading, QoS 1, then a `done` status with
 * how many readings the broker acknowledged.
 */
import { connectAsync, type MqttClient } from 'mqtt';
import { topics, type ReadingMessage, type StatusMessage } from './messages.js';
import { MachineSignal, type Fault } from './signal.js';

export interface DeviceOptions {
  /** Broker URL (`mqtt://127.0.0.1:<port>`). */
  url: string;
  device?: string;
  seed?: number;
  rateHz?: number;
  /** Device time of the first reading, epoch ms. */
  start?: number;
  /** Device seconds to publish. */
  seconds: number;
  /** Wall-clock speed-up: 2 publishes 20 s of readings in 10 s (default 1, real time). */
  speed?: number;
  faults?: readonly Fault[];
  /** How often the publisher wakes to send the readings that are due, ms (default 10). */
  tickMs?: number;
}

export interface DeviceRun {
  /** Readings the broker acknowledged (PUBACK). */
  published: number;
  /** Readings the device tried to send. */
  attempted: number;
  /** Publish errors (the broker never acknowledged those readings). */
  errors: number;
  /** Wall-clock seconds the run took. */
  seconds: number;
}

export class SimulatedDevice {
  readonly device: string;
  readonly signal: MachineSignal;
  readonly total: number;
  readonly #options: DeviceOptions;
  /** Wall clock (`performance.now()`) at which each reading was handed to the MQTT client. */
  readonly #sentAt: Float64Array;
  #client: MqttClient | null = null;
  #stopped = false;

  constructor(options: DeviceOptions) {
    this.#options = options;
    this.device = options.device ?? 'machine-1';
    this.signal = new MachineSignal({ seed: options.seed ?? 2, rateHz: options.rateHz, start: options.start, faults: options.faults });
    this.total = Math.round(options.seconds * this.signal.rateHz);
    this.#sentAt = new Float64Array(this.total).fill(Number.NaN);
  }

  /** When the reading with this device timestamp was sent (`performance.now()`), or NaN. */
  sentAt(timestamp: number): number {
    const i = Math.round(((timestamp - this.signal.start) * this.signal.rateHz) / 1000);
    return i >= 0 && i < this.total ? this.#sentAt[i]! : Number.NaN;
  }

  /** Connect, publish every reading on schedule, wait for the acknowledgements, say done. */
  async run(): Promise<DeviceRun> {
    const o = this.#options;
    const speed = o.speed ?? 1;
    const tickMs = o.tickMs ?? 10;
    const client = await connectAsync(o.url, { clientId: `device-${this.device}`, clean: true, reconnectPeriod: 0 });
    this.#client = client;
    let failure: Error | undefined;
    client.on('error', (error) => void (failure ??= error));
    const readingsTopic = topics.readings(this.device);
    const status = (message: StatusMessage) => client.publishAsync(topics.status(this.device), JSON.stringify(message), { qos: 1 });
    await status({ state: 'online' });
    let published = 0;
    let errors = 0;
    const acks: Promise<void>[] = [];
    const began = performance.now();
    let sent = 0;
    while (sent < this.total && !this.#stopped) {
      const due = Math.min(this.total, Math.floor(((performance.now() - began) * speed * this.signal.rateHz) / 1000) + 1);
      for (; sent < due; sent++) {
        const reading = this.signal.next();
        const message: ReadingMessage = { seq: sent, ...reading };
        this.#sentAt[sent] = performance.now();
        acks.push(client.publishAsync(readingsTopic, JSON.stringify(message), { qos: 1 }).then(
          () => void published++,
          () => void errors++,
        ));
      }
      if (sent < this.total) await sleep(tickMs);
    }
    await Promise.all(acks);
    if (failure !== undefined) throw new Error(`device ${this.device}: ${failure.message}`);
    await status({ state: 'done', published });
    await client.endAsync();
    this.#client = null;
    return { published, attempted: sent, errors, seconds: (performance.now() - began) / 1000 };
  }

  /** Stop publishing after the current tick (the run still says done). */
  stop(): void {
    this.#stopped = true;
  }

  /** Drop the connection at once (on failure). */
  async close(): Promise<void> {
    this.#stopped = true;
    await this.#client?.endAsync(true);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
