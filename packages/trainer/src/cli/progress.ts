/**
 * Training progress on stderr: a live cli-progress bar on a terminal; otherwise (logs, pipes, CI)
 * one plain line about every 10% of the epochs.
 */
import cliProgress from 'cli-progress';
import type { EpochProgress } from '../vae/fit.js';
import { formatDuration, formatNumber } from './format.js';

export interface TrainingProgress {
  /** Pass to `train({ onProgress })`. */
  onProgress(progress: EpochProgress): void;
  /** End the bar (safe to call more than once, also after a failure). */
  stop(): void;
}

function payload(p: EpochProgress): Record<string, string> {
  return { loss: formatNumber(p.loss, 4), val: formatNumber(p.validationLoss, 4), left: formatDuration(p.secondsLeft) };
}

function barProgress(stream: NodeJS.WriteStream): TrainingProgress {
  const bar = new cliProgress.SingleBar({
    stream,
    format: 'training |{bar}| epoch {value}/{total} | loss {loss} | val loss {val} | ETA {left}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  // Ctrl-C during training: end the bar so the terminal gets its cursor back, then exit.
  const interrupted = (signal: NodeJS.Signals): void => {
    bar.stop();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  return {
    onProgress(p) {
      if (!started) {
        bar.start(p.epochs, p.epoch, payload(p));
        process.once('SIGINT', interrupted);
        process.once('SIGTERM', interrupted);
        started = true;
      } else {
        bar.update(p.epoch, payload(p));
      }
    },
    stop() {
      if (!started) return;
      bar.stop();
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      started = false;
    },
  };
}

function lineProgress(stream: NodeJS.WritableStream): TrainingProgress {
  return {
    onProgress(p) {
      const every = Math.max(1, Math.ceil(p.epochs / 10));
      if (p.epoch % every !== 0 && p.epoch !== p.epochs) return;
      const { loss, val, left } = payload(p);
      stream.write(`epoch ${p.epoch}/${p.epochs}  loss ${loss}  val loss ${val}  ETA ${left}\n`);
    },
    stop() {},
  };
}

/** A progress reporter for `stream`: a bar when it is a terminal, sparse lines otherwise. */
export function trainingProgress(stream: NodeJS.WriteStream = process.stderr): TrainingProgress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}
