/** The manifest part of `novae inspect`: who made the model, how it reads input, how it was trained. */
import type { ColumnState, SensorAdapterState } from '@novae/adapters';
import type { Manifest } from '@novae/runtime';
import { formatCount, formatNumber } from './format.js';

/** Columns listed one by one before the rest are summarised in a count. */
const MAX_COLUMNS_SHOWN = 30;
const MAX_CATEGORIES_SHOWN = 6;

function describeColumn(column: ColumnState): string {
  switch (column.kind) {
    case 'numeric':
      return `numeric      mean ${formatNumber(column.center)}, std ${formatNumber(column.scale)}` +
        (column.indicator ? ', + missing indicator' : '');
    case 'categorical': {
      const shown = column.categories.slice(0, MAX_CATEGORIES_SHOWN).join(', ');
      const more = column.categories.length > MAX_CATEGORIES_SHOWN ? ', ...' : '';
      return `categorical  ${column.categories.length} categories: ${shown}${more}`;
    }
    case 'boolean':
      return `boolean${column.indicator ? '      + missing indicator' : ''}`;
  }
}

/** A sensor adapter: its window, clock and input policy, then one line per channel. */
function sensorLines(adapter: SensorAdapterState): string[] {
  const clock = adapter.timestamp === null
    ? 'no timestamp (sample order is the clock)'
    : `timestamp '${adapter.timestamp}', interval ${adapter.interval === null ? 'unknown' : formatNumber(adapter.interval)} ` +
      '(median between samples, in timestamp units: ms for dates)';
  const gap = adapter.maxGap === null ? 'gaps never restart the window' : `a gap over ${adapter.maxGap} intervals restarts the window`;
  const width = Math.max(...adapter.channels.slice(0, MAX_COLUMNS_SHOWN).map((c) => c.name.length), 4);
  const lines = [
    `adapter      sensor, ${adapter.channels.length} channel${adapter.channels.length === 1 ? '' : 's'}, window ${adapter.window} steps, ` +
      `stride ${adapter.stride}, ${adapter.differences ? 'first differences' : 'levels'}, ${adapter.scaling} scaling`,
    `  ${clock}; ${gap}; invalid readings: ${adapter.invalid}, out-of-order samples: ${adapter.outOfOrder}`,
  ];
  for (const channel of adapter.channels.slice(0, MAX_COLUMNS_SHOWN)) {
    lines.push(`  ${channel.name.padEnd(width)}  center ${formatNumber(channel.center)}, scale ${formatNumber(channel.scale)}, ` +
      `fill ${formatNumber(channel.fill)}`);
  }
  if (adapter.channels.length > MAX_COLUMNS_SHOWN) {
    lines.push(`  ... and ${adapter.channels.length - MAX_COLUMNS_SHOWN} more (novae inspect --json lists all)`);
  }
  return lines;
}

function adapterLines(adapter: Manifest['adapter']): string[] {
  if (adapter.kind === 'sensor') return sensorLines(adapter);
  if (adapter.kind === 'image') {
    return [
      `adapter      image, ${adapter.size.width}x${adapter.size.height} ${adapter.channels === 1 ? 'grayscale' : 'RGB'}, ` +
        `resized by area averaging (shrinking) or bilinear (enlarging), scaled to [${adapter.range.join(', ')}]`,
    ];
  }
  if (adapter.kind !== 'tabular') return [`adapter      ${String((adapter as { kind: unknown }).kind)}`];
  const width = Math.max(...adapter.columns.slice(0, MAX_COLUMNS_SHOWN).map((c) => c.name.length), 4);
  const lines = [`adapter      tabular, ${adapter.columns.length} columns (invalid values: ${adapter.invalid})`];
  for (const column of adapter.columns.slice(0, MAX_COLUMNS_SHOWN)) {
    lines.push(`  ${column.name.padEnd(width)}  ${describeColumn(column)}`);
  }
  if (adapter.columns.length > MAX_COLUMNS_SHOWN) {
    lines.push(`  ... and ${adapter.columns.length - MAX_COLUMNS_SHOWN} more (novae inspect --json lists all)`);
  }
  return lines;
}

/** Human-readable lines describing `manifest`. */
export function manifestLines(manifest: Manifest): string[] {
  const { producer, model, score, calibration: cal, training } = manifest;
  return [
    `producer     ${producer.name} ${producer.version}, created ${manifest.createdAt}`,
    `format       ${manifest.format}, schema version ${manifest.schemaVersion}`,
    ...adapterLines(manifest.adapter),
    `model        ${model.architecture}, inputShape [${model.inputShape.join(', ')}], latentDim ${model.latentDim}, ` +
      `${model.likelihood} likelihood, beta ${model.beta}` + (model.hidden ? `, hidden [${model.hidden.join(', ')}]` : ''),
    `score        ${score.default}, ${score.samples} sample${score.samples === 1 ? '' : 's'}` +
      (score.marginal ? `; marginal term weight ${formatNumber(score.marginal.weight)}, ` +
        `${formatCount(Math.max(...score.marginal.features.map((f) => f.at.length)))} knots per feature at most` : ''),
    `calibration  threshold ${formatNumber(cal.threshold, 6)} (${cal.method} q = ${cal.q} of ` +
      `${formatCount(cal.normalScores.length)} normal scores)`,
    `training     ${formatCount(training.rows)} ${manifest.adapter.kind === 'sensor' ? 'windows' : 'rows'}, ${training.epochs} epochs, ${training.backend} backend, ` +
      `${training.seconds} s, seed ${training.seed}; final loss ${formatNumber(training.finalLoss)}, ` +
      `validation loss ${formatNumber(training.validationLoss)}`,
  ];
}
