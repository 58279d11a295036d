/** The end-of-run summary: each fault's detection, false alarms, and the gateway's counts. */
import type { ScenarioReport } from './scenario.js';
import { DEFAULT_START } from './signal.js';

const seconds = (timestamp: number): string => ((timestamp - DEFAULT_START) / 1000).toFixed(3);
const ms = (v: number): string => (Number.isNaN(v) ? '-' : `${v.toFixed(0)} ms`);

/** Print the summary; returns false when a fault was missed or a reading lost. */
export function printSummary(r: ScenarioReport, log: (line?: string) => void): boolean {
  log();
  log(`faults injected vs detected (window = ${r.window.samples} readings = ${r.window.ms} ms, a new one every ${r.window.stride}):`);
  const rows = [['fault', 'channel', 'onset s', 'alert at s', 'delay', 'wall delay', 'pipeline', 'blamed (alert / episode)']];
  for (const f of r.faults) {
    rows.push([
      f.fault.kind, f.fault.channel, seconds(f.fault.onset), f.alert ? seconds(f.alert.timestamp) : 'MISSED',
      ms(f.delayMs), ms(f.wallDelayMs), ms(f.pipelineMs), f.alert ? `${f.alertChannel} / ${f.episodeChannel}` : '-',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) log(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`);
  log('  delay: device time from the fault\'s first reading to the end of the first alerted window; wall delay: from the');
  log('  device sending that reading to the alert reaching a subscriber; pipeline: from the window\'s last reading to the alert');
  const detected = r.faults.filter((f) => f.alert !== null).length;
  log(`detected ${detected} of ${r.faults.length} faults; false alerts ${r.falseAlerts.length}` +
    `${r.falseAlerts.length ? ` (at ${r.falseAlerts.map((a) => `+${seconds(a.timestamp)} s`).join(', ')})` : ''}; ` +
    `${r.falseWindows} of ${r.normalWindows} windows outside the faults flagged`);
  const g = r.gateway;
  log(`readings: published ${r.device.published}, received ${g.received}, rejected ${g.rejected}, ` +
    `dropped ${g.dropped} (out of order ${g.outOfOrder}, duplicates ${g.duplicates})`);
  log(`windows: ${g.windows} cut, ${g.scored} scored, ${g.droppedWindows} dropped; ${g.batches} ONNX runs ` +
    `(largest batch ${g.largestBatch}); ${g.anomalous} anomalous windows in ${g.alerts} alerts`);
  const lost = r.device.published !== g.received || g.dropped > 0 || g.droppedWindows > 0;
  if (lost) log('READINGS WERE LOST');
  return detected === r.faults.length && !lost;
}
