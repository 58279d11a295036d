/** Round-trips exported models through the protobufjs ONNX schema. */
import { describe, expect, it } from 'vitest';
import { buildMlpVaeModel } from '../../src/onnx/mlp-vae-graph.js';
import { decodeModel, encodeModel } from '../../src/onnx/onnx-proto.js';
import { randomWeights } from './helpers.js';

const weights = randomWeights({ seed: 21, inputDim: 5, latentDim: 2, hidden: [7], activation: 'relu', likelihood: 'gaussian' });

describe('onnx-proto', () => {
  it('round-trips metadata_props, IR version and opset', () => {
    const manifest = JSON.stringify({ format: 'novae-model', schemaVersion: 1, note: 'ünïcødé ✓' });
    const bytes = buildMlpVaeModel(weights, {
      metadata: { 'novae.manifest': manifest, other: 'x' },
      producerVersion: '0.1.0',
      docString: 'test model',
    });
    const model = decodeModel(bytes);
    expect(model.ir_version).toBe(8);
    expect(model.opset_import).toEqual([{ domain: '', version: 17 }]);
    expect(model.producer_name).toBe('@novae/trainer');
    expect(model.producer_version).toBe('0.1.0');
    expect(model.doc_string).toBe('test model');
    const entry = model.metadata_props?.find((p) => p.key === 'novae.manifest');
    expect(entry?.value).toBe(manifest);
    expect(model.metadata_props).toHaveLength(2);
  });

  it('declares exactly the contract inputs and outputs with symbolic dims', () => {
    const graph = decodeModel(buildMlpVaeModel(weights, { metadata: {} })).graph!;
    expect(graph.input?.map((i) => i.name)).toEqual(['x', 'eps']);
    expect(graph.output?.map((o) => o.name).sort()).toEqual(
      ['feature_nll', 'kl', 'logvar', 'mu', 'nll', 'nll_samples', 'recon', 'score'],
    );
    const eps = graph.input![1].type!.tensor_type!;
    expect(eps.elem_type).toBe(1);
    expect(eps.shape!.dim).toEqual([{ dim_param: 'S' }, { dim_param: 'N' }, { dim_value: 2 }]);
    // Initializers are not graph inputs, and the decoder weights are stored once.
    const names = graph.initializer!.map((t) => t.name!);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith('decoder_0_kernel'))).toHaveLength(1);
  });

  it('rejects objects that do not fit the schema', () => {
    expect(() => encodeModel({ ir_version: 'eight' as unknown as number })).toThrow(/invalid ONNX ModelProto/);
  });
});
