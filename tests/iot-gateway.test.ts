/**
 * The IoT gateway example (examples/iot-gateway) end to end: an aedes broker on loopback, the
 * simulated machine publishing 22 s of readings (at 4x real time) with four injected faults, and
 * the gateway scoring them through detector.stream() and publishing alerts, which a subscriber
 * receives. Seeded: the same readings, windows and scores on every run.
 *
 * Bounds asserted:
 * - every reading the device published is received and scored: received == published, nothing
 *   rejected or dropped, one score per window, equal to the batch scores of the same readings;
 * - each fault is alerted by a window holding a faulty reading, within one window (32 readings =
 *   160 ms of device time) of its onset for the abrupt faults (spike, stuck, noise burst) and
 *   within 1 s for the drift (2.5 °C/s: an offset of at most 2.5 °C), and the alert reaches a
 *   subscriber within 0.5 s (wall clock) of the device sending the reading that completed its
 *   window; the alert episode blames the faulty channel;
 * - outside the faults, at most 2 alerts and at most 1% of windows flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import type { SensorAdapter } from '@novae/adapters';
import { loadDetector, type Detector, type StreamScorer } from '@novae/runtime';
import { startBroker } from '../examples/iot-gateway/src/broker.js';
import { RUN_SECONDS, scheduleFaults } from '../examples/iot-gateway/src/faults.js';
import { SimulatedDevice } from '../examples/iot-gateway/src/device.js';
import { Gateway, type GatewayOptions } from '../examples/iot-gateway/src/gateway.js';
import { topics, type AlertsTopicMessage } from '../examples/iot-gateway/src/messages.js';
import { trainGatewayModel } from '../examples/iot-gateway/src/model.js';
import { runScenario, type ScenarioReport } from '../examples/iot-gateway/src/scenario.js';
import { DEFAULT_START, readings } from '../examples/iot-gateway/src/signal.js';

const SPEED = 4;
const RATE_HZ = 200;
const WINDOW_MS = (32 * 1000) / RATE_HZ;
const DELAY_BOUND_MS = { spike: WINDOW_MS, stuck: WINDOW_MS, 'noise-burst': WINDOW_MS, drift: 1000 } as const;
const PIPELINE_BOUND_MS = 500;

const dir = mkdtempSync(join(tmpdir(), 'novae-iot-gateway-'));
const MODEL = join(dir, 'model.onnx');
let report: ScenarioReport;
const messages: AlertsTopicMessage[] = [];

beforeAll(async () => {
  const model = await trainGatewayModel();
  await model.trained.save(MODEL);
  report = await runScenario({ model: MODEL, speed: SPEED, onMessage: (m) => messages.push(m) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/iot-gateway: broker, device and gateway', () => {
  it('scores every reading the device published: none lost, rejected or dropped', async () => {
    const total = RUN_SECONDS * RATE_HZ;
    expect(report.device).toMatchObject({ attempted: total, published: total, errors: 0 });
    const g = report.gateway;
    expect(g.received).toBe(report.device.published);
    expect({ rejected: g.rejected, outOfOrder: g.outOfOrder, duplicates: g.duplicates, dropped: g.dropped, droppedWindows: g.droppedWindows })
      .toEqual({ rejected: 0, outOfOrder: 0, duplicates: 0, dropped: 0, droppedWindows: 0 });
    // The same readings scored in one batch: one streamed score per window, in order, equal.
    const detector = await loadDetector(MODEL);
    try {
      const windows = (detector.adapter as SensorAdapter).windows(
        readings(total, { seed: 2, faults: scheduleFaults(DEFAULT_START) }),
      );
      const batch = await detector.score(windows);
      expect(g.windows).toBe(windows.length);
      expect(g.scored).toBe(windows.length);
      expect(report.scores.map((s) => s.timestamp)).toEqual(windows.map((w) => w.timestamp));
      report.scores.forEach((s, i) => expect(s.score).toBeCloseTo(batch.scores[i]!, 3));
    } finally {
      await detector.dispose();
    }
  });

  it('alerts each injected fault within its bound and blames the faulty channel', () => {
    for (const f of report.faults) {
      const label = `${f.fault.kind} on ${f.fault.channel}`;
      expect(f.alert, `${label}: no alert`).not.toBeNull();
      expect(f.delayMs, `${label}: device-time delay`).toBeGreaterThanOrEqual(0);
      expect(f.delayMs, `${label}: device-time delay`).toBeLessThanOrEqual(DELAY_BOUND_MS[f.fault.kind]);
      expect(f.pipelineMs, `${label}: reading to alert, wall clock`).toBeLessThanOrEqual(PIPELINE_BOUND_MS);
      expect(f.episodeChannel, `${label}: channel blamed by the episode`).toBe(f.fault.channel);
    }
  });

  it('raises few false alarms outside the faults', () => {
    expect(report.normalWindows).toBeGreaterThan(700);
    expect(report.falseAlerts.length).toBeLessThanOrEqual(2);
    expect(report.falseWindows / report.normalWindows).toBeLessThanOrEqual(0.01);
  });

  it('publishes one alert and one resolution per episode, with timestamp, score, p-value, channel shares and a guess', () => {
    const alerts = messages.filter((m) => m.type === 'alert');
    const resolved = messages.filter((m) => m.type === 'resolved');
    expect(alerts.length).toBe(report.gateway.alerts);
    expect(resolved.map((m) => m.id).sort((a, b) => a - b)).toEqual(alerts.map((m) => m.id).sort((a, b) => a - b));
    for (const a of alerts) {
      expect(a.device).toBe('machine-1');
      expect(a.timestamp - a.start).toBe(WINDOW_MS - 1000 / RATE_HZ);
      expect(a.score).toBeGreaterThan(a.threshold);
      expect(a.pValue).toBeGreaterThan(0);
      expect(a.pValue).toBeLessThanOrEqual(0.01);
      expect(Object.keys(a.channels).sort()).toEqual(['current', 'temperature', 'vibration']);
      expect(Object.values(a.channels).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
      expect(a.channel).toBe(Object.entries(a.channels).sort((x, y) => y[1] - x[1])[0]![0]);
      expect(Number.isFinite(a.latencyMs)).toBe(true);
    }
  });
});

/** The detector, with every ONNX run slowed down by `delayMs`. */
function slowed(detector: Detector, delayMs: number): StreamScorer {
  return {
    manifest: detector.manifest, adapter: detector.adapter,
    async scoreEncoded(encoded, n, options) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return detector.scoreEncoded(encoded, n, options);
    },
  };
}

/** A device publishing 2 s of readings at 10x real time to a gateway whose model is too slow for it. */
async function overwhelm(stream: GatewayOptions['stream']) {
  const broker = await startBroker();
  const detector = await loadDetector(MODEL);
  const gateway = new Gateway({ url: broker.url, detector: slowed(detector, 25), stream });
  try {
    await gateway.start();
    const device = await new SimulatedDevice({ url: broker.url, seconds: 2, speed: 10, seed: 7 }).run();
    return { device, stats: await gateway.finished() };
  } finally {
    await gateway.close();
    await detector.dispose();
    await broker.close();
  }
}

describe('examples/iot-gateway: the gateway under load and on bad input', () => {
  // 400 readings in 0.2 s are 93 windows; batches of at most 4 taking 25 ms each need about 0.6 s.
  it('applies backpressure through MQTT when scoring falls behind: the queue fills, nothing is lost', async () => {
    const { device, stats } = await overwhelm({ maxBatch: 4, maxQueue: 8 });
    expect(device.published).toBe(400);
    expect(stats).toMatchObject({ received: 400, dropped: 0, windows: 93, scored: 93, droppedWindows: 0, maxQueued: 8 });
  });

  it("with onOverflow 'drop-oldest' it keeps up by dropping windows, and counts every one", async () => {
    const { device, stats } = await overwhelm({ maxBatch: 4, maxQueue: 8, onOverflow: 'drop-oldest' });
    expect(stats.received).toBe(device.published);
    expect(stats.windows).toBe(93);
    expect(stats.droppedWindows).toBeGreaterThan(0);
    expect(stats.scored + stats.droppedWindows).toBe(93);
  });

  it('counts a malformed reading and a redelivered one instead of failing or scoring them, and still finishes', async () => {
    const broker = await startBroker();
    const detector = await loadDetector(MODEL);
    const gateway = new Gateway({ url: broker.url, detector });
    const device = await connectAsync(broker.url, { clientId: 'test-device', reconnectPeriod: 0 });
    try {
      await gateway.start();
      const good = readings(40, { seed: 5 });
      const send = (body: string) => device.publishAsync(topics.readings('machine-1'), body, { qos: 1 });
      for (const r of good.slice(0, 20)) await send(JSON.stringify(r));
      await send('not json');
      await send(JSON.stringify({ timestamp: good[20]!.timestamp, temperature: 1 })); // no vibration, no current
      await send(JSON.stringify(good[19])); // a QoS 1 redelivery: same timestamp again
      for (const r of good.slice(20)) await send(JSON.stringify(r));
      await device.publishAsync(topics.status('machine-1'), JSON.stringify({ state: 'done', published: 43 }), { qos: 1 });
      const stats = await gateway.finished();
      expect(stats).toMatchObject({ received: 43, rejected: 2, duplicates: 1, outOfOrder: 0, dropped: 3 });
      // 40 good readings in order: windows of 32, a new one every 4.
      expect(stats.windows).toBe(3);
      expect(stats.scored).toBe(3);
    } finally {
      await device.endAsync();
      await gateway.close();
      await detector.dispose();
      await broker.close();
    }
  });
});
