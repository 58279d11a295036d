/** The page's readouts: the overlay canvas, score, p-value, verdict, frame rate, status and errors. */
import type { ScoreResult } from '@novae/runtime';

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

export interface View {
  video: HTMLVideoElement;
  /** Show a one-frame result: its overlay (the canvas takes the model's size; CSS scales it up) and numbers. */
  showResult(result: ScoreResult, fps: number): void;
  showModel(text: string): void;
  showStatus(text: string): void;
  showErrors(messages: readonly string[]): void;
}

/** p-values to two significant digits, small ones as "< 0.001" (the calibration set resolves no finer). */
export function formatPValue(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toPrecision(2);
}

export function createView(): View {
  const video = byId<HTMLVideoElement>('video');
  const canvas = byId<HTMLCanvasElement>('overlay');
  const score = byId<HTMLElement>('score');
  const pValue = byId<HTMLElement>('p-value');
  const verdict = byId<HTMLElement>('verdict');
  const fpsOut = byId<HTMLElement>('fps');
  const model = byId<HTMLElement>('model');
  const status = byId<HTMLElement>('status');
  const errors = byId<HTMLElement>('error');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gives the page no 2D canvas');

  return {
    video,
    showResult(result, fps) {
      const overlay = result.overlay(0);
      if (canvas.width !== overlay.width || canvas.height !== overlay.height) {
        canvas.width = overlay.width;
        canvas.height = overlay.height;
      }
      context.putImageData(overlay as ImageData, 0, 0);
      score.textContent = result.scores[0]!.toFixed(1);
      pValue.textContent = formatPValue(result.pValues[0]!);
      const flagged = result.isAnomaly[0]!;
      verdict.textContent = flagged ? 'anomaly' : 'normal';
      verdict.className = flagged ? 'flag' : 'ok';
      fpsOut.textContent = fps.toFixed(1);
    },
    showModel(text) {
      model.textContent = text;
    },
    showStatus(text) {
      status.textContent = text;
    },
    showErrors(messages) {
      errors.hidden = messages.length === 0;
      errors.textContent = messages.join('\n');
    },
  };
}
