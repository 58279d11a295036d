import { describe, expect, it } from 'vitest';
import { fitImage } from '@novae/adapters';
import { makeTexture } from '../../defects/dist/textures.js';
import { clipFrames, FRAME_HEIGHT, FRAME_WIDTH, toCameraFrame } from '../src/frames.js';

describe('camera frames', () => {
  it('stretches an image to fill the frame, opaque, corners kept', () => {
    const data = new Uint8ClampedArray([0, 0, 0, 255, 200, 0, 0, 255, 0, 100, 0, 255, 0, 0, 50, 255]);
    const frame = toCameraFrame({ data, width: 2, height: 2 }, 8, 6);
    expect(frame).toMatchObject({ width: 8, height: 6 });
    const at = (x: number, y: number): number[] => [...frame.data.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4)];
    expect(at(0, 0)).toEqual([0, 0, 0, 255]);
    expect(at(7, 0)).toEqual([200, 0, 0, 255]);
    expect(at(0, 5)).toEqual([0, 100, 0, 255]);
    expect(at(7, 5)).toEqual([0, 0, 50, 255]);
    expect(at(4, 3)[0]).toBeGreaterThan(0); // blended in between
  });

  it('makes 320x240 frames that the 64x64 adapter brings back close to the texture', () => {
    const texture = makeTexture('wood', 7);
    const frame = toCameraFrame(texture);
    expect(frame).toMatchObject({ width: FRAME_WIDTH, height: FRAME_HEIGHT });
    const adapter = fitImage({ width: 64, height: 64, channels: 1 });
    const seen = adapter.encode([frame]);
    const original = adapter.encode([texture]);
    let error = 0;
    for (let i = 0; i < seen.length; i++) error += Math.abs(seen[i]! - original[i]!);
    expect(error / seen.length).toBeLessThan(0.03); // a slight blur, no shift
  });

  it('makes a clip of clean surfaces, then defective ones, each held for `hold` frames', () => {
    const frames = clipFrames({ material: 'wood', clean: 2, defective: 1, hold: 3, seed: 5 });
    expect(frames).toHaveLength(9);
    expect(frames[1]).toBe(frames[0]);
    expect(frames[3]).not.toBe(frames[2]);
    expect(frames[6]!.data).not.toEqual(toCameraFrame(makeTexture('wood', 7)).data); // the defect changed it
    expect(() => clipFrames({ material: 'wood', clean: 1, defective: 0, hold: 0, seed: 1 })).toThrow('hold: expected a positive integer, got 0');
  });
});
