/**
 * `novae train <folder> --adapter image`: fit an image detector on a folder of normal PNG/JPEG
 * images and save one verified .onnx file.
 */
import type { ImageAdapter } from '@novae/adapters';
import type { Architecture } from '../options.js';
import type { TrainedModel } from '../trained-model.js';
import type { ExportCheck } from '../verify-export.js';
import type { Likelihood } from '../vae/weights.js';
import { formatBytes, formatCount, formatNumber } from './format.js';
import { openImageFolder, readImages } from './image-folder.js';
import { imageAdapterOptions, type ImageFlags } from './image-options.js';
import { checkOutputPath } from './output-file.js';
import { trainingProgress } from './progress.js';
import type { TrainingBackend } from '../backend.js';

export interface ImageTrainFlags extends ImageFlags {
  out: string;
  architecture?: Architecture;
  likelihood?: Likelihood;
  epochs?: number;
  latent?: number;
  seed?: number;
  backend: TrainingBackend;
  q?: number;
}

/** The paragraph printed when an image model is trained. */
export function imageTrainingSummary(model: TrainedModel<ImageAdapter>, check: ExportCheck, images: number, out: string): string {
  const { training, calibration, model: info } = model.manifest;
  const { size, channels } = model.adapter;
  const layers = info.architecture === 'conv' ? `channels ${info.channels?.join(', ')}` : `hidden ${info.hidden?.join(', ')}`;
  return [
    `Trained on ${formatCount(images)} images (${formatCount(training.rows)} for fitting, ${formatCount(images - training.rows)} held out)`,
    `at ${size.width}x${size.height} ${channels === 1 ? 'grayscale' : 'RGB'}: ${info.architecture} VAE (${layers}), ${info.likelihood} likelihood,`,
    `latent dimension ${info.latentDim}, for ${training.epochs} epochs on the ${training.backend} backend in ${training.seconds} s.`,
    `Validation loss ${formatNumber(training.validationLoss, 5)} nats per image; threshold ${formatNumber(calibration.threshold, 5)}`,
    `(quantile q = ${calibration.q} of the held-out normal scores).`,
    `Export check: max relative difference ${check.maxRelativeDifference.toExponential(2)} over ${formatCount(check.rows)} images`,
    `(ONNX Runtime ${check.backend}). Saved ${out} (${formatBytes(model.bytes.length)}).`,
  ].join(' ');
}

/** Run `novae train <folder> --adapter image`. */
export async function runTrainImages(dir: string, flags: ImageTrainFlags): Promise<void> {
  await checkOutputPath(flags.out);
  const folder = await openImageFolder(dir);
  const images = await readImages(folder);
  const { train } = await import('../train.js');
  const progress = trainingProgress();
  let model: TrainedModel<ImageAdapter>;
  try {
    model = await train(images, {
      adapter: imageAdapterOptions(flags),
      architecture: flags.architecture,
      likelihood: flags.likelihood,
      epochs: flags.epochs,
      latentDim: flags.latent,
      seed: flags.seed,
      backend: flags.backend,
      calibration: flags.q === undefined ? undefined : { q: flags.q },
      onProgress: (p) => progress.onProgress(p),
    });
  } catch (err) {
    // Encoding errors name `images[i]`: say which file that is.
    const row = (err as { row?: unknown }).row;
    if (err instanceof Error && typeof row === 'number' && folder.files[row] !== undefined) {
      err.message = `${folder.files[row]}: ${err.message}`;
    }
    throw err;
  } finally {
    progress.stop();
  }
  try {
    const check = await model.save(flags.out);
    process.stdout.write(`${imageTrainingSummary(model, check, images.length, flags.out)}\n`);
  } finally {
    await model.dispose();
  }
}
