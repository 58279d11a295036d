/**
 * `npm run example:iot-gateway`: train a sensor model on a healthy machine, then run an MQTT broker,
 * the machine (publishing readings with four injected faults) and the gateway (scoring them as a
 * stream and publishing alerts) for about 20 s, print each alert as it arrives, and grade the run.
 *
 * Options: `--speed N` publishes N times faster than real time (default 1).
 */
import { fileURLToPath } from 'node:url';
import { useTrainingBackend } from '@novae/trainer';
import { FAULT_PLAN, RUN_SECONDS } from './faults.js';
import { topics, type AlertsTopicMessage } from './messages.js';
import { ADAPTER_OPTIONS, trainGatewayModel } from './model.js';
import { printSummary } from './report.js';
import { runScenario } from './scenario.js';
import { CHANNELS, DEFAULT_RATE_HZ, DEFAULT_START } from './signal.js';

const MODEL_PATH = fileURLToPath(new URL('../model.onnx', import.meta.url));
const log = (line = ''): void => void process.stdout.write(`${line}\n`);
/** Device time as seconds into the run. */
const at = (timestamp: number): string => `+${((timestamp - DEFAULT_START) / 1000).toFixed(3)} s`;

function speedArgument(): number {
  const i = process.argv.indexOf('--speed');
  if (i < 0) return 1;
  const speed = Number(process.argv[i + 1]);
  if (!(speed > 0 && speed <= 20)) throw new Error(`--speed: expected a number in (0, 20], got ${process.argv[i + 1]}`);
  return speed;
}

function shares(channels: Record<string, number>): string {
  return Object.entries(channels).sort((a, b) => b[1] - a[1]).map(([c, s]) => `${c} ${(100 * s).toFixed(0)}%`).join(', ');
}

function printMessage(m: AlertsTopicMessage): void {
  if (m.type === 'alert') {
    log(`  ${at(m.timestamp)}  ALERT #${m.id}  ${m.channel.padEnd(11)} score ${m.score.toFixed(1)} ` +
      `(threshold ${m.threshold.toFixed(1)}), p = ${m.pValue.toPrecision(2)}; ${shares(m.channels)}; ` +
      `sent ${m.latencyMs} ms after its last reading arrived`);
  } else {
    log(`  ${at(m.timestamp)}  resolved #${m.id}  ${m.channel.padEnd(11)} ${m.windows} anomalous windows from ` +
      `${at(m.start)}, peak ${m.peakScore.toFixed(1)} at ${at(m.peakTimestamp)}`);
  }
}

async function main(): Promise<void> {
  const speed = speedArgument();
  log(`novae IoT gateway: a machine (${CHANNELS.join(', ')} at ${DEFAULT_RATE_HZ} Hz) -> MQTT -> gateway -> alerts`);
  const backend = await useTrainingBackend('auto');
  log(`training on 50 s of healthy readings (windows of ${ADAPTER_OPTIONS.window} readings, stride ${ADAPTER_OPTIONS.stride}) with TF.js '${backend}'...`);
  const started = performance.now();
  const model = await trainGatewayModel();
  await model.trained.save(MODEL_PATH);
  const { calibration } = model.trained.manifest;
  log(`  ${model.windows} windows, ${((performance.now() - started) / 1000).toFixed(1)} s; threshold ` +
    `${calibration.threshold.toFixed(1)} (the ${100 * calibration.q}th percentile of held-out healthy windows); ` +
    `${(model.trained.bytes.length / 1024).toFixed(0)} KB -> examples/iot-gateway/model.onnx`);
  log(`faults to inject: ${FAULT_PLAN.map((f) => `${f.kind} on ${f.channel} at +${f.at} s`).join(', ')}`);

  const report = await runScenario({
    model: MODEL_PATH, speed,
    onReady: ({ url, backend: runtime, device }) => {
      log(`broker: aedes on ${url}; gateway scoring on ONNX Runtime '${runtime}'`);
      log(`device publishing ${RUN_SECONDS} s of readings to ${topics.readings(device)}` +
        `${speed === 1 ? '' : ` at ${speed}x real time`}; alerts on ${topics.alerts(device)}:`);
    },
    onMessage: printMessage,
  });
  const ok = printSummary(report, log);
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`iot-gateway: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
