// The camera page's default model, and a demo clip for browsers without a camera: a novae image
// model trained with @novae/trainer on generated camera frames of clean wood surfaces (the defects
// example's textures, filmed at 320x240), and a .y4m clip of such surfaces, clean and then with
// defects, that Chromium can play as its camera. Written to models/ (served at /models/).
// Usage: node examples/camera/model.mjs [--if-missing]    (after `npm run build` at the repo root)
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { train } from '@novae/trainer';
import { cleanFrames, clipFrames } from './dist/frames.js';
import { encodeY4m } from './dist/y4m.js';

export const MODELS_DIR = fileURLToPath(new URL('./models/', import.meta.url));
export const DEFAULT_MODEL = join(MODELS_DIR, 'camera.onnx');
export const DEMO_CLIP = join(MODELS_DIR, 'camera.y4m');

/** The surface the default model knows (of the defects example's fabric, metal and wood). */
export const MATERIAL = 'wood';

/**
 * How the camera model is trained: 64x64 grayscale; a dense VAE (the image default) with a
 * Gaussian likelihood, which on these surfaces separates frames with a hole from clean ones far
 * better than the convolutional VAE can in the same minute of training; small batches and a high
 * learning rate so about 600 optimiser steps fit in under a minute on two cores.
 */
export const TRAIN_OPTIONS = {
  adapter: { kind: 'image', width: 64, height: 64, channels: 1 },
  architecture: 'mlp', hidden: [128], likelihood: 'gaussian',
  epochs: 40, batchSize: 8, learningRate: 0.005, seed: 0,
};

/** Train on `frames` clean camera frames (texture seeds from `seed` on); resolves to a TrainedModel. */
export function trainCameraModel({ frames = 150, seed = 1000, ...options } = {}) {
  return train(cleanFrames(MATERIAL, frames, seed), { ...TRAIN_OPTIONS, ...options });
}

/** Write a .y4m clip of `clipFrames(options)` (see src/frames.ts) at 30 frames/s; resolves to its frames. */
export async function writeClip(path, options) {
  const frames = clipFrames({ material: MATERIAL, ...options });
  await writeFile(path, encodeY4m(frames, { fps: 30 }));
  return frames;
}

/** Train and write the default model and the demo clip (unless both exist and `ifMissing`). */
export async function makeDefaultModel({ ifMissing = false, log = console.log } = {}) {
  if (ifMissing && existsSync(DEFAULT_MODEL) && existsSync(DEMO_CLIP)) return;
  await mkdir(MODELS_DIR, { recursive: true });
  log(`training the camera model on 300 frames of clean ${MATERIAL} (about a minute)...`);
  const started = performance.now();
  const trained = await trainCameraModel({ frames: 300 });
  await trained.save(DEFAULT_MODEL); // atomic
  await trained.dispose();
  // Six clean surfaces, then six with a defect (each kind in turn), each in view for half a second.
  await writeClip(`${DEMO_CLIP}.tmp`, { clean: 6, defective: 6, hold: 15, seed: 90000 });
  await rename(`${DEMO_CLIP}.tmp`, DEMO_CLIP);
  log(`wrote ${DEFAULT_MODEL} and ${DEMO_CLIP} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await makeDefaultModel({ ifMissing: process.argv.includes('--if-missing') });
}
