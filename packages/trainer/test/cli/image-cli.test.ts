/**
 * The `novae` command on images: train --adapter image on a folder of PNG files, score a folder
 * (one line per image with its file name, heat-map PNGs with --maps), and bad image input ending
 * with one clear stderr line and no output file.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage, encodePng } from '@novae/adapters/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapNames } from '../../src/cli/image-scores.js';
import { discImages } from '../image-data.js';
import { csvRecords, expectCleanFailure, runInFreshFolder, runNovae, type RunResult } from './fixtures.js';

let dir: string;
let model: string;
let trainRun: RunResult;

function writeFolder(path: string, images: ReturnType<typeof discImages>, prefix: string): string[] {
  mkdirSync(path, { recursive: true });
  return images.map((image, i) => {
    const file = `${prefix}-${String(i).padStart(2, '0')}.png`;
    writeFileSync(join(path, file), encodePng(image));
    return file;
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'novae-image-cli-'));
  writeFolder(join(dir, 'normal'), discImages(60, 1, 24), 'n');
  writeFolder(join(dir, 'mixed'), [...discImages(4, 5, 24), ...discImages(4, 6, 24, true)], 'm');
  model = join(dir, 'parts.onnx');
  trainRun = await runNovae(['train', 'normal', '--adapter', 'image', '--size', '16x16', '--epochs', '15', '--out', model], dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('novae train --adapter image', () => {
  it('trains the default (MLP) VAE on the folder and says so', () => {
    expect(trainRun.stderr).not.toMatch(/novae: /);
    expect(trainRun.code).toBe(0);
    expect(trainRun.stdout).toMatch(/Trained on 60 images \(54 for fitting, 6 held out\) at 16x16 grayscale: mlp VAE \(hidden 128\), gaussian likelihood/);
    expect(trainRun.stdout).toMatch(/over 6 images/);
    expect(existsSync(model)).toBe(true);
  });

  it('trains a conv VAE with --architecture conv', async () => {
    const r = await runNovae(['train', 'normal', '--adapter', 'image', '--size', '16x16', '--architecture', 'conv', '--epochs', '2', '--out', 'conv.onnx'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/at 16x16 grayscale: conv VAE \(channels 8, 16\), gaussian likelihood/);
    expect(existsSync(join(dir, 'conv.onnx'))).toBe(true);
  });
});

describe('novae score on an image folder', () => {
  it('writes one line per image, file first, in name order, and a heat map per image', async () => {
    const r = await runNovae(['score', model, 'mixed', '--maps', 'maps', '--explain', '--out', 'scores.csv'], dir);
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRecords(readFileSync(join(dir, 'scores.csv'), 'utf8'));
    expect(Object.keys(rows[0]!)).toEqual(['file', 'score', 'nll', 'kl', 'p_value', 'is_anomaly', 'explanation']);
    expect(rows.map((row) => row.file)).toEqual(Array.from({ length: 8 }, (_, i) => `m-0${i}.png`));
    const score = rows.map((row) => Number(row.score));
    const mean = (values: number[]): number => values.reduce((a, v) => a + v, 0) / values.length;
    expect(mean(score.slice(4))).toBeGreaterThan(mean(score.slice(0, 4)));
    expect(rows[5]!.explanation).toMatch(/^\d+,\d+ \d+% \(seen [\d.]+, expected -?[\d.]+\)/);
    const maps = readdirSync(join(dir, 'maps')).sort();
    expect(maps).toEqual(rows.map((row) => row.file));
    const map = decodeImage(readFileSync(join(dir, 'maps', 'm-05.png')), 'm-05.png');
    expect([map.width, map.height]).toEqual([256, 256]);
  });
});

describe('heat-map names', () => {
  it('keep the image name, with its extension only where two images share a name', () => {
    expect(mapNames(['a.png', 'a.jpg', 'b.jpeg', 'c.PNG'])).toEqual(['a.png.png', 'a.jpg.png', 'b.png', 'c.png']);
  });
});

describe('bad image input fails cleanly', () => {
  it('a corrupt image in the training folder is named', async () => {
    const r = await runInFreshFolder(dir, (out) => ['train', 'imgs', '--adapter', 'image', '--out', out], {});
    mkdirSync(join(r.folder, 'imgs'));
    writeFolder(join(r.folder, 'imgs'), discImages(12, 1, 8), 'a');
    writeFileSync(join(r.folder, 'imgs', 'b-broken.png'), 'not a png at all');
    const again = await runNovae(['train', 'imgs', '--adapter', 'image', '--out', r.out], r.folder);
    expectCleanFailure({ ...again, folder: r.folder, out: r.out }, /b-broken\.png/);
  });

  it('a folder with no images, and image flags with CSV data', async () => {
    expectCleanFailure(
      await runInFreshFolder(dir, (out) => ['train', 'out', '--adapter', 'image', '--out', `${out}.onnx`]),
      /out/,
    );
    expectCleanFailure(
      await runInFreshFolder(dir, (out) => ['train', 'a.csv', '--size', '32x32', '--out', out], { 'a.csv': 'x\n1\n' }),
      /--size: only for --adapter image/,
    );
  });

  it('an image model given a CSV', async () => {
    expectCleanFailure(
      await runInFreshFolder(dir, (out) => ['score', model, 'a.csv', '--out', out], { 'a.csv': 'x\n1\n' }),
      /a\.csv/,
    );
  });
});
