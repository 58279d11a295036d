/**
 * The export check: the ONNX file, scored by @novae/runtime, must reproduce the trainer's own TF.js
 * scores of the held-out rows. A relative difference above 1e-4 is an error, never a warning.
 */
import { loadDetector, type ModelSource } from '@novae/runtime';
import type { RowScores } from './vae/evaluate.js';

/** Largest tolerated |runtime − trainer| / max(1, |trainer|), per row and per output. */
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

/** Score `encoded` through the runtime from `model` and compare with the trainer's `reference`. */
export async function verifyExport(
  model: ModelSource, encoded: Float32Array, n: number, reference: RowScores,
): Promise<ExportCheck> {
  const detector = await loadDetector(model);
  try {
    const result = await detector.scoreEncoded(encoded, n, { samples: 1 });
    let worst = 0;
    for (const [name, got, want] of [
      ['score', result.scores, reference.score], ['nll', result.nll, reference.nll], ['kl', result.kl, reference.kl],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const diff = relativeDifference(got[i]!, want[i]!);
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
