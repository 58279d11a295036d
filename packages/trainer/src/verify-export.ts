/**
 * The export check: the ONNX file, scored by @novae/runtime, must reproduce the trainer's own TF.js
 * scores of the held-out rows. A relative difference above 1e-4 is an error, never a warning.
 */
import { loadDetector, type ModelSource } from '@novae/runtime';
import type { RowScores } from './vae/evaluate.js';

/**
 * Largest tolerated |runtime − trainer| / max(1, |trainer|) per row and output (for score and nll,
 * which are sums, the denominator is at least the terms' magnitude: see `sumDifference`).
 */
export const EXPORT_TOLERANCE = 1e-4;

export class ExportMismatchError extends Error {
  override readonly name = 'ExportMismatchError';
}

export interface ExportCheck {
  rows: number;
  /** Largest relative difference seen over score, nll and kl. */
  maxRelativeDifference: number;
  /** The execution provider that ran the check. */
  backend: string;
}

/**
 * |actual − expected| / max(1, |expected|), the measure `EXPORT_TOLERANCE` bounds: relative, and absolute
 * below 1 nat so scores near zero are not magnified.
 */
export function relativeDifference(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

/**
 * The same measure for a sum of terms (a row's score or NLL is a sum over its features): relative to
 * the terms' total magnitude `magnitude` = Σ|term| when that is larger. float32 sums carry rounding
 * error in proportion to Σ|term|, so a score near 0 made of large terms that cancel (a Gaussian with
 * a small variance has negative per-pixel NLL) is compared at the precision it was computed with.
 */
export function sumDifference(actual: number, expected: number, magnitude: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected), magnitude);
}

/** Σ_f |featureNll[row, f]| + |kl[row]|: the magnitude of the terms of row `row`'s score. */
function termMagnitude(reference: RowScores, row: number, width: number): number {
  let sum = Math.abs(reference.kl[row]!);
  for (let f = row * width; f < (row + 1) * width; f++) sum += Math.abs(reference.featureNll[f]!);
  return sum;
}

/** Score `encoded` through the runtime from `model` and compare with the trainer's `reference`. */
export async function verifyExport(
  model: ModelSource, encoded: Float32Array, n: number, reference: RowScores,
): Promise<ExportCheck> {
  const detector = await loadDetector(model);
  try {
    const result = await detector.scoreEncoded(encoded, n, { samples: 1 });
    const width = n > 0 ? reference.featureNll.length / n : 0;
    const magnitude = Array.from({ length: n }, (_, i) => termMagnitude(reference, i, width));
    let worst = 0;
    for (const [name, got, want] of [
      ['score', result.scores, reference.score], ['nll', result.nll, reference.nll], ['kl', result.kl, reference.kl],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const diff = name === 'kl' ? relativeDifference(got[i]!, want[i]!) : sumDifference(got[i]!, want[i]!, magnitude[i]!);
        if (!(diff <= EXPORT_TOLERANCE)) {
          throw new ExportMismatchError(
            `export check failed: row ${i} ${name} is ${got[i]} in ONNX Runtime but ${want[i]} in the trainer ` +
            `(relative difference ${diff.toExponential(2)} > ${EXPORT_TOLERANCE})`,
          );
        }
        worst = Math.max(worst, diff);
      }
    }
    return { rows: n, maxRelativeDifference: worst, backend: detector.backend };
  } finally {
    await detector.dispose();
  }
}
