/**
 * The convolutional VAE's TF.js building blocks: the forward-only-gradient 3x3 convolution on wasm
 * against the cpu backend's own tf.grads of tf.conv2d, the pooling / upsampling / layout helpers,
 * and the level rule.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  avgPool2x2, conv3x3, conv3x3ForwardOnlyGrad, nhwcToRows, rowsToNhwc, upsample2x,
} from '../../src/vae/conv-ops.js';
import { convLevels } from '../../src/vae/conv-weights.js';
import { expectClose, mulberry32, normals } from '../onnx/helpers.js';

const SAME: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [1, 1], [1, 1], [0, 0]];

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

interface ConvCase { n: number; h: number; w: number; cin: number; cout: number }

/** value, dL/dx and dL/dw of L = Σ conv(x, w) · r on the current backend, as plain arrays. */
function valueAndGrads(
  conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D, c: ConvCase, data: { x: Float32Array; w: Float32Array; r: Float32Array },
): { y: Float32Array; dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor4d(data.x, [c.n, c.h, c.w, c.cin]);
    const w = tf.tensor4d(data.w, [3, 3, c.cin, c.cout]);
    const r = tf.tensor4d(data.r, [c.n, c.h, c.w, c.cout]);
    const y = conv(x, w);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), r)))([x, w]);
    return { y: y.dataSync() as Float32Array, dx: dx!.dataSync() as Float32Array, dw: dw!.dataSync() as Float32Array };
  });
}

describe('conv3x3ForwardOnlyGrad', () => {
  it('exists because tfjs-backend-wasm has no Conv2DBackpropFilter kernel', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBeDefined();
  });

  const cases: ConvCase[] = [
    { n: 3, h: 6, w: 5, cin: 2, cout: 4 },
    { n: 2, h: 8, w: 8, cin: 1, cout: 3 },
    { n: 4, h: 7, w: 4, cin: 5, cout: 1 },
  ];
  for (const c of cases) {
    it(`on wasm equals the cpu backend's tf.conv2d and its gradients: ${JSON.stringify(c)}`, async () => {
      const rand = mulberry32(c.n * 100 + c.h * 10 + c.cin);
      const data = {
        x: normals(rand, c.n * c.h * c.w * c.cin),
        w: normals(rand, 9 * c.cin * c.cout),
        r: normals(rand, c.n * c.h * c.w * c.cout),
      };
      await tf.setBackend('wasm');
      const got = valueAndGrads(conv3x3ForwardOnlyGrad, c, data);
      await tf.setBackend('cpu');
      const want = valueAndGrads((x, w) => tf.conv2d(x, w, 1, SAME), c, data);
      await tf.setBackend('wasm');
      expectClose(got.y, want.y, 1e-4, 1e-5, 'y');
      expectClose(got.dx, want.dx, 1e-4, 1e-5, 'dx');
      expectClose(got.dw, want.dw, 1e-4, 1e-5, 'dw');
    });
  }

  it('is what conv3x3 differentiates through on wasm, with the bias added and its gradient summed', () => {
    const rand = mulberry32(7);
    const x = tf.tensor4d(normals(rand, 2 * 4 * 4 * 2), [2, 4, 4, 2]);
    const w = tf.tensor4d(normals(rand, 9 * 2 * 3), [3, 3, 2, 3]);
    const bias = tf.tensor1d([0.5, -1, 2]);
    const [dw, db] = tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(conv3x3(x, a as tf.Tensor4D, c as tf.Tensor1D)))([w, bias]);
    const [dwRef] = tf.grads((a: tf.Tensor) => tf.sum(conv3x3ForwardOnlyGrad(x, a as tf.Tensor4D)))([w]);
    expectClose(dw!.dataSync(), dwRef!.dataSync(), 1e-6, 1e-6, 'dw');
    expectClose(db!.dataSync(), [32, 32, 32], 1e-6, 1e-6, 'dbias'); // 2 images x 4 x 4 pixels
    const y = conv3x3(x, w, bias);
    const yRef = tf.add(conv3x3ForwardOnlyGrad(x, w), bias);
    expectClose(y.dataSync(), yRef.dataSync(), 1e-6, 1e-6, 'y');
    tf.dispose([x, w, bias, dw!, db!, dwRef!, y, yRef]);
  });
});

describe('pooling, upsampling and layouts', () => {
  it('avgPool2x2 averages each 2x2 block; upsample2x copies pixel (floor(i/2), floor(j/2))', () => {
    const x = tf.tensor4d(Float32Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
    expect(Array.from(avgPool2x2(x).dataSync())).toEqual([2.5, 4.5, 10.5, 12.5]);
    const small = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
    const up = upsample2x(small);
    expect(up.shape).toEqual([1, 4, 6, 1]);
    const v = up.dataSync();
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 6; j++) expect(v[i * 6 + j]).toBe(1 + Math.floor(i / 2) * 3 + Math.floor(j / 2));
    }
    tf.dispose([x, small, up]);
  });

  it('rowsToNhwc and nhwcToRows convert NCHW rows to NHWC and back', () => {
    const [c, h, w] = [3, 2, 4];
    const rows = tf.tensor2d(Float32Array.from({ length: 2 * c * h * w }, (_, i) => i), [2, c * h * w]);
    const nhwc = rowsToNhwc(rows, [c, h, w]);
    expect(nhwc.shape).toEqual([2, h, w, c]);
    // NHWC element (n, i, j, ch) is NCHW row element ch·H·W + i·W + j.
    const v = nhwc.dataSync();
    expect(v[((1 * h + 1) * w + 2) * c + 2]).toBe(1 * c * h * w + 2 * h * w + 1 * w + 2);
    expect(Array.from(nhwcToRows(nhwc).dataSync())).toEqual(Array.from(rows.dataSync()));
    const gray = tf.tensor2d([1, 2, 3, 4], [1, 4]);
    expect(rowsToNhwc(gray, [1, 2, 2]).shape).toEqual([1, 2, 2, 1]);
    tf.dispose([rows, nhwc, gray]);
  });
});

describe('convLevels', () => {
  it('halves while both sides are even and the smaller halved side is at least 4, at most 3 times', () => {
    expect(convLevels(28, 28)).toBe(2); // 14, 7
    expect(convLevels(64, 64)).toBe(3); // 32, 16, 8
    expect(convLevels(256, 256)).toBe(3);
    expect(convLevels(16, 12)).toBe(1); // 8x6, then 3 < 4
    expect(convLevels(8, 8)).toBe(1);
    expect(convLevels(30, 30)).toBe(1); // 15 is odd
    expect(convLevels(7, 7)).toBe(0);
    expect(convLevels(28, 27)).toBe(0);
  });
});
