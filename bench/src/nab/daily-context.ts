/**
 * The daily-context model's input. A 32-row window sees minutes to hours; many NAB anomalies only
 * stand out against the shape of a whole day (a daily peak that does not come, a flat afternoon).
 * So each row t gets one sample whose channels are the means of the last `blocks` blocks of
 * `blockRows` rows each (channel c0 the newest block), covering about a day, and the model reads
 * one such sample per window (`window: 1`). Everything is computed from rows up to t.
 */
import type { SensorSample } from '@novae/adapters';

const DAY_MS = 86_400_000;
/** Rows of the median spacing looked at to tell the sampling interval. */
const SPACING_ROWS = 500;
/** The fewest blocks a context keeps when the probationary period is short. */
const MIN_BLOCKS = 4;

export interface DailyContextShape {
  /** Channels: one block mean each. */
  blocks: number;
  /** Rows averaged into one block. */
  blockRows: number;
  /** Rows a sample covers (`blocks · blockRows`): the first sample ends at row `span − 1`. */
  span: number;
}

/** The median spacing of the first timestamps, in ms (1 when the series has fewer than two rows). */
export function medianSpacing(times: ArrayLike<number>, rows = SPACING_ROWS): number {
  const gaps: number[] = [];
  for (let i = 1; i < Math.min(times.length, rows); i++) gaps.push(times[i]! - times[i - 1]!);
  if (gaps.length === 0) return 1;
  gaps.sort((a, b) => a - b);
  return Math.max(1, gaps[gaps.length >> 1]!);
}

/**
 * The context for a series sampled every `spacingMs` with a probationary period of `probation`
 * rows: up to `maxBlocks` blocks covering one day, shrunk (coarser blocks first go to one row,
 * then fewer blocks) until the probationary period holds at least two spans, so that the model has
 * training samples that do not all overlap.
 */
export function dailyContextShape(spacingMs: number, probation: number, maxBlocks: number): DailyContextShape {
  const rowsPerDay = Math.max(1, Math.round(DAY_MS / spacingMs));
  let blocks = Math.min(maxBlocks, rowsPerDay);
  let blockRows = Math.max(1, Math.round(rowsPerDay / blocks));
  while (blocks * blockRows > probation / 2 && blockRows > 1) blockRows--;
  while (blocks * blockRows > probation / 2 && blocks > MIN_BLOCKS) blocks--;
  return { blocks, blockRows, span: blocks * blockRows };
}

/** Channel names of a context sample: `c0` (newest block) .. `c{blocks-1}`. */
export function contextChannels(shape: DailyContextShape): string[] {
  return Array.from({ length: shape.blocks }, (_, k) => `c${k}`);
}

/** Turns values, one at a time, into context samples (null until `span` values have arrived). */
export class DailyContext {
  readonly #shape: DailyContextShape;
  readonly #channels: string[];
  readonly #ring: Float64Array;
  #count = 0;

  constructor(shape: DailyContextShape) {
    this.#shape = shape;
    this.#channels = contextChannels(shape);
    this.#ring = new Float64Array(shape.span);
  }

  push(value: number): SensorSample | null {
    const { span, blocks, blockRows } = this.#shape;
    this.#ring[this.#count % span] = value;
    this.#count++;
    if (this.#count < span) return null;
    const sample: Record<string, number> = {};
    const newest = this.#count - 1;
    for (let b = 0; b < blocks; b++) {
      let sum = 0;
      for (let r = 0; r < blockRows; r++) sum += this.#ring[(newest - b * blockRows - r) % span]!;
      sample[this.#channels[b]!] = sum / blockRows;
    }
    return sample;
  }
}
