/** Unit tests of the generic ONNX graph builder. */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/onnx/graph-builder.js';

describe('GraphBuilder', () => {
  it('generates unique names and refuses duplicate producers', () => {
    const b = new GraphBuilder('g');
    b.addInput('x', ['N', 3]);
    expect(b.uniqueName('x')).toBe('x_1');
    expect(b.uniqueName('t')).toBe('t');
    expect(b.uniqueName('t')).toBe('t_1');
    const a = b.op('Relu', ['x']);
    const c = b.op('Relu', [a]);
    expect(a).not.toBe(c);
    expect(() => b.op('Relu', ['x'], undefined, a)).toThrow(/duplicate/);
    expect(() => b.addFloatInitializer('x', [1], new Float32Array(1))).toThrow(/duplicate/);
  });

  it('stores initializers as little-endian raw_data and checks dims', () => {
    const b = new GraphBuilder('g');
    b.addFloatInitializer('w', [2], Float32Array.from([1, -2.5]));
    b.addInt64Initializer('axes', [2], [1, -1]);
    expect(() => b.addFloatInitializer('bad', [2, 2], new Float32Array(3))).toThrow(/need 4 values/);
    const [w, axes] = b.toGraph().initializer!;
    const wv = new DataView(w.raw_data!.buffer, w.raw_data!.byteOffset);
    expect([wv.getFloat32(0, true), wv.getFloat32(4, true)]).toEqual([1, -2.5]);
    expect(w.data_type).toBe(1);
    const av = new DataView(axes.raw_data!.buffer, axes.raw_data!.byteOffset);
    expect([av.getBigInt64(0, true), av.getBigInt64(8, true)]).toEqual([1n, -1n]);
    expect(axes.data_type).toBe(7);
  });

  it('encodes typed attributes and checks that outputs are produced', () => {
    const b = new GraphBuilder('g');
    b.addInput('x', ['N', 'S']);
    b.addOutput('y', ['N']);
    expect(() => b.toGraph()).toThrow(/y is not produced/);
    b.op('ReduceMean', ['x'], { axes: { ints: [1] }, keepdims: { int: 0 }, alpha: { float: 0.5 } }, 'y');
    const graph = b.toGraph();
    expect(graph.node![0].attribute).toEqual([
      { name: 'axes', type: 7, ints: [1] },
      { name: 'keepdims', type: 2, i: 0 },
      { name: 'alpha', type: 1, f: 0.5 },
    ]);
    expect(graph.output![0].type!.tensor_type!.shape!.dim).toEqual([{ dim_param: 'N' }]);
  });
});
