/**
 * One end-to-end run: broker, gateway, an alert monitor and the device, all on loopback in this
 * process; graded against the faults the device injected. `npm run example:iot-gateway` and the
 * end-to-end test both run this.
 */
import { connectAsync } from 'mqtt';
import { loadDetector, type Detector } from '@novae/runtime';
import type { SensorAdapter } from '@novae/adapters';
import { startBroker } from './broker.js';
import { topChannel } from './episodes.js';
import { SimulatedDevice, type DeviceRun } from './device.js';
import { grade, RUN_SECONDS, scheduleFaults, type Flag, type RunGrade } from './faults.js';
import { Gateway } from './gateway.js';
import { topics, type AlertMessage, type AlertsTopicMessage, type GatewayStats, type ResolvedMessage } from './messages.js';
import { DEFAULT_START, type Fault } from './signal.js';

export interface ScenarioOptions {
  /** The model file (or its bytes). */
  model: string | Uint8Array;
  /** Device seconds (default `RUN_SECONDS`). */
  seconds?: number;
  /** Wall-clock speed-up of the device (default 1). */
  speed?: number;
  /** Noise seed of the device (default 2; the model is trained on seed 101). */
  seed?: number;
  /** Faults (default: `FAULT_PLAN`, scheduled from the run's start). */
  faults?: readonly Fault[];
  /** Called once the broker, the gateway and the monitor are up, just before the device starts. */
  onReady?: (info: { url: string; backend: string; device: string }) => void;
  /** Called for every message that reaches the monitor on the alerts topic, as it arrives. */
  onMessage?: (message: AlertsTopicMessage, receivedAt: number) => void;
  /** Give up (reject) when the run has not finished this long after the device's last reading, ms (default 15000). */
  settleTimeoutMs?: number;
}

/** An alert as the monitor received it. */
export interface ReceivedAlert {
  alert: AlertMessage;
  /** `performance.now()` on arrival at the monitor. */
  receivedAt: number;
}

export interface FaultOutcome {
  fault: Fault;
  /** The first alert whose window holds a faulty reading, or null. */
  alert: AlertMessage | null;
  /** Device ms from onset to the end of that alert's window. */
  delayMs: number;
  /** Wall ms from the device sending the onset reading to the monitor receiving the alert. */
  wallDelayMs: number;
  /**
   * Wall ms from the device sending the reading that completed the alert's window to the monitor
   * receiving the alert: two MQTT hops, the stream's micro-batching and one ONNX run.
   */
  pipelineMs: number;
  /** The channel blamed by the alert, and by the episode's resolution. */
  alertChannel: string | null;
  episodeChannel: string | null;
}

export interface ScenarioReport {
  backend: string;
  window: { samples: number; ms: number; stride: number };
  device: DeviceRun;
  gateway: GatewayStats;
  /** What the monitor saw on the alerts topic. */
  alerts: ReceivedAlert[];
  resolved: ResolvedMessage[];
  faults: FaultOutcome[];
  /** Alerts whose window holds no faulty reading. */
  falseAlerts: AlertMessage[];
  /** Windows scored outside every fault (each window overlapping no fault), and how many were anomalous. */
  normalWindows: number;
  falseWindows: number;
  /** The grade of flagged windows (not just episode starts), for the false-alarm rate. */
  windowGrade: RunGrade;
  /** Every window the gateway scored, in order. */
  scores: { timestamp: number; score: number; isAnomaly: boolean }[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error(`iot-gateway: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const seconds = options.seconds ?? RUN_SECONDS;
  const faults = options.faults ?? scheduleFaults(DEFAULT_START);
  const settle = options.settleTimeoutMs ?? 15_000;
  const broker = await startBroker();
  let detector: Detector | undefined;
  let gateway: Gateway | undefined;
  let device: SimulatedDevice | undefined;
  const monitor = await connectAsync(broker.url, { clientId: 'alert-monitor', clean: true, reconnectPeriod: 0 });
  monitor.on('error', () => undefined); // a lost monitor shows up as alerts that never arrive (a timeout)
  try {
    detector = await loadDetector(options.model);
    const adapter = detector.adapter as SensorAdapter;
    const flagged: Flag[] = [];
    const scores: ScenarioReport['scores'] = [];
    let normalWindows = 0;
    const isFaulty = (f: Flag) => faults.some((fault) => f.timestamp >= fault.onset && f.start < fault.end);
    gateway = new Gateway({
      url: broker.url, detector,
      // Every scored window passes through here too: the false-alarm rate is counted per window.
      onScore: (s) => {
        scores.push({ timestamp: s.timestamp, score: s.score, isAnomaly: s.isAnomaly });
        if (!isFaulty(s)) normalWindows++;
        if (s.isAnomaly) flagged.push({ start: s.start, timestamp: s.timestamp, channel: topChannel(s.channels) });
      },
    });
    const alerts: ReceivedAlert[] = [];
    const resolved: ResolvedMessage[] = [];
    monitor.on('message', (_topic, payload) => {
      const receivedAt = performance.now();
      const message = JSON.parse(payload.toString()) as AlertsTopicMessage;
      if (message.type === 'alert') alerts.push({ alert: message, receivedAt });
      else resolved.push(message);
      options.onMessage?.(message, receivedAt);
    });
    await monitor.subscribeAsync(topics.alerts(gateway.device), { qos: 1 });
    await gateway.start();
    options.onReady?.({ url: broker.url, backend: detector.backend, device: gateway.device });
    device = new SimulatedDevice({ url: broker.url, seconds, speed: options.speed, seed: options.seed, faults });
    const deviceRun = await device.run();
    const finished = gateway.finished();
    const stats = await Promise.race([
      finished,
      sleep(settle).then(() => {
        throw new Error(`iot-gateway: the gateway did not finish within ${settle} ms of the device's last reading ` +
          `(published ${deviceRun.published}, received ${gateway!.stats.received})`);
      }),
    ]);
    await waitFor(() => alerts.length + resolved.length >= stats.alerts * 2, settle, 'the alerts to reach the monitor');

    const ms = adapter.window * (adapter.toJSON().interval ?? Number.NaN);
    const byTime = [...alerts].sort((a, b) => a.alert.timestamp - b.alert.timestamp);
    const alertGrade = grade(faults, byTime.map(({ alert }) => ({ start: alert.start, timestamp: alert.timestamp, channel: alert.channel })));
    const outcomes: FaultOutcome[] = alertGrade.faults.map((g) => {
      const hit = g.detectedBy === null ? undefined : byTime.find(({ alert }) => alert.timestamp === g.detectedBy!.timestamp);
      const episode = hit === undefined ? undefined : resolved.find((r) => r.id === hit.alert.id);
      return {
        fault: g.fault, alert: hit?.alert ?? null, delayMs: g.delayMs,
        wallDelayMs: hit === undefined ? Number.NaN : hit.receivedAt - device!.sentAt(g.fault.onset),
        pipelineMs: hit === undefined ? Number.NaN : hit.receivedAt - device!.sentAt(hit.alert.timestamp),
        alertChannel: hit?.alert.channel ?? null, episodeChannel: episode?.channel ?? null,
      };
    });
    const falseAlertFlags = new Set(alertGrade.falseAlarms.map((f) => f.timestamp));
    const windowGrade = grade(faults, flagged);
    return {
      backend: detector.backend,
      window: { samples: adapter.window, ms, stride: adapter.stride },
      device: deviceRun, gateway: stats, alerts, resolved, faults: outcomes,
      falseAlerts: byTime.filter(({ alert }) => falseAlertFlags.has(alert.timestamp)).map(({ alert }) => alert),
      normalWindows, falseWindows: windowGrade.falseAlarms.length, windowGrade, scores,
    };
  } finally {
    await device?.close().catch(() => undefined);
    await gateway?.close().catch(() => undefined);
    await monitor.endAsync().catch(() => undefined);
    await detector?.dispose();
    await broker.close();
  }
}
