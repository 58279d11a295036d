/**
 * The TF.js building blocks of the convolutional VAE (NHWC): a 3x3 stride-1 'same' convolution whose
 * gradient works, and runs fast, on every backend, 2x2 average pooling, nearest-neighbour 2x
 * upsampling, and the NCHW <-> NHWC layout changes at the model's edges.
 *
 * tfjs-backend-wasm has no Conv2DBackpropFilter kernel (tf.conv2d's filter gradient throws there) and
 * its Conv2DBackpropInput is about 9x slower than its forward Conv2D. Where the backend lacks the
 * filter-gradient kernel, `conv3x3` uses a custom gradient made of forward convolutions only:
 *   dx = conv2d(dy, transpose(reverse(w, [0, 1]), [0, 1, 3, 2]), 1, pad)      (full correlation)
 *   dw = transpose(conv2d(transpose(pad(x), [3, 1, 2, 0]),                     (batch <-> channels:
 *                         transpose(dy, [1, 2, 0, 3]), 1, 'valid'), [1, 2, 0, 3])  N is summed over)
 * with pad = [[0, 0], [1, 1], [1, 1], [0, 0]]. Backends with the kernel (cpu, tfjs-node) use their own.
 */
import * as tf from '@tensorflow/tfjs';

/** Explicit symmetric 'same' padding of a 3x3 kernel, NHWC. */
const SAME_3X3: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [1, 1], [1, 1], [0, 0]];

const forwardOnlyGradConv = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, w, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.conv2d(x, w, 1, SAME_3X3),
    gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
      const flipped = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
      const dx = tf.conv2d(dy, flipped, 1, SAME_3X3);
      const xT = tf.transpose(tf.pad(xs, SAME_3X3), [3, 1, 2, 0]) as tf.Tensor4D;
      const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
      const dw = tf.transpose(tf.conv2d(xT, dyT, 1, 'valid'), [1, 2, 0, 3]);
      return [dx, dw];
    },
  };
});

/**
 * 3x3, stride 1, 'same' (zero-padded) convolution of x [N, H, W, in] with w [3, 3, in, out], whose
 * gradients are built from forward convolutions only (see the file header). Exported for the tests;
 * the model calls `conv3x3`, which picks it where the backend needs it.
 */
export function conv3x3ForwardOnlyGrad(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return forwardOnlyGradConv(x, w);
}

/** Whether the current backend can differentiate tf.conv2d with respect to its filter. */
function hasFilterGradient(): boolean {
  return tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined;
}

/** 3x3 stride-1 'same' convolution plus bias, NHWC; differentiable on every backend. */
export function conv3x3(x: tf.Tensor4D, w: tf.Tensor4D, bias: tf.Tensor1D): tf.Tensor4D {
  const y = hasFilterGradient() ? tf.conv2d(x, w, 1, SAME_3X3) : conv3x3ForwardOnlyGrad(x, w);
  return tf.add(y, bias);
}

/** 2x2 average pooling, stride 2 (H and W must be even). */
export function avgPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(x, 2, 2, 'valid');
}

/**
 * Nearest-neighbour 2x upsampling: output pixel (i, j) copies input pixel (floor(i/2), floor(j/2)),
 * as ONNX Resize (nearest) at scale 2 does.
 */
export function upsample2x(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.image.resizeNearestNeighbor(x, [2 * h, 2 * w], false, false);
}

/** Rows of C·H·W values in NCHW order [N, D] -> NHWC [N, H, W, C] (a reshape when C = 1). */
export function rowsToNhwc(x: tf.Tensor2D, [c, h, w]: readonly [number, number, number]): tf.Tensor4D {
  if (c === 1) return tf.reshape(x, [-1, h, w, 1]);
  return tf.transpose(tf.reshape(x, [-1, c, h, w]), [0, 2, 3, 1]);
}

/** NHWC [M, H, W, C] -> rows of C·H·W values in NCHW order [M, D] (a reshape when C = 1). */
export function nhwcToRows(x: tf.Tensor4D): tf.Tensor2D {
  const [, h, w, c] = x.shape;
  if (c === 1) return tf.reshape(x, [-1, h * w]);
  return tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [-1, c * h * w]);
}
