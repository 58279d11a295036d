/**
 * The defect-detection run end to end on a small budget: trains on clean images, scores a mixed
 * set, writes the model and one heat map per test image, and reports metrics in range. (Detection
 * quality needs the full run, `npm run example:defects`; its numbers are in the README.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDetector } from '@novae/runtime';
import { decodeImage } from '@novae/adapters/node';
import { afterAll, describe, expect, it } from 'vitest';
import { runDefectsDemo } from '../src/demo.js';

const out = mkdtempSync(join(tmpdir(), 'novae-defects-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('runDefectsDemo', () => {
  it('trains, scores, writes a verified model and a heat map per image, and reports metrics', async () => {
    const r = await runDefectsDemo({ material: 'wood', train: 40, testClean: 6, testDefective: 6, epochs: 2, seed: 3, out });
    for (const value of [r.rocAuc, r.pixelHitRate, r.pixelAuroc]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(r.flagged).sort()).toEqual(['clean', 'hole', 'scratch', 'spot', 'stain']);
    const maps = readdirSync(join(out, 'maps')).sort();
    expect(maps).toHaveLength(12);
    expect(maps.filter((f) => f.endsWith('-clean.png'))).toHaveLength(6);
    const map = decodeImage(readFileSync(join(out, 'maps', maps[0]!)), maps[0]);
    expect([map.width, map.height]).toEqual([256, 256]);
    const modelFile = join(out, 'defects-wood.onnx');
    expect(existsSync(modelFile)).toBe(true);
    const detector = await loadDetector(modelFile);
    expect(detector.manifest.model).toMatchObject({ architecture: 'mlp', inputShape: [1, 64, 64] });
    await detector.dispose();
  });
});
