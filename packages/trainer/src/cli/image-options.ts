/**
 * The image flags of `novae train` (`--size`, `--color`): parsed and turned into `train()`'s
 * `{ kind: 'image', width, height, channels }` adapter options.
 */
import { InvalidArgumentError } from 'commander';
import type { ImageTrainAdapterOptions } from '../adapter-options.js';
import { UserError } from './user-error.js';

export interface ImageFlags {
  size?: { width: number; height: number };
  color?: 'gray' | 'rgb';
}

/** Default model input size for images. */
export const DEFAULT_IMAGE_SIZE = { width: 64, height: 64 };

/** `WxH` (or one number for a square), each 4 to 1024 pixels. */
export function imageSize(value: string): { width: number; height: number } {
  const match = /^\s*(\d+)\s*(?:[x×]\s*(\d+)\s*)?$/i.exec(value);
  const width = Number(match?.[1]);
  const height = Number(match?.[2] ?? match?.[1]);
  if (!match || !(width >= 4 && width <= 1024 && height >= 4 && height <= 1024)) {
    throw new InvalidArgumentError('expected WIDTHxHEIGHT in pixels, e.g. 64x64 (each from 4 to 1024).');
  }
  return { width, height };
}

/** Throw if an image flag is given with another adapter. */
export function rejectImageFlags(adapter: string, flags: ImageFlags): void {
  const given = [['size', '--size'], ['color', '--color']].filter(([key]) => flags[key as keyof ImageFlags] !== undefined);
  if (given.length > 0) {
    throw new UserError(`${given.map(([, flag]) => flag).join(', ')}: only for --adapter image (this is --adapter ${adapter})`);
  }
}

/** The adapter options the flags ask for. */
export function imageAdapterOptions(flags: ImageFlags): ImageTrainAdapterOptions {
  const size = flags.size ?? DEFAULT_IMAGE_SIZE;
  return { kind: 'image', width: size.width, height: size.height, channels: flags.color === 'rgb' ? 3 : 1 };
}
