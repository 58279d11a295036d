/**
 * A small typed builder for ONNX graphs: initializers (stored as little-endian `raw_data`), nodes
 * with int / ints / float / floats attributes, graph inputs and outputs with symbolic dimensions,
 * and unique value names. Architecture-specific exporters (MLP, convolutional) are written on top.
 */
import { AttributeType, TensorDataType } from './onnx-proto.js';
import type {
  AttributeProto,
  GraphProto,
  ModelProto,
  NodeProto,
  TensorProto,
  ValueInfoProto,
} from './onnx-proto.js';

/** A tensor dimension: a fixed size, or a symbolic name such as `'N'` (batch) or `'S'` (samples). */
export type Dim = number | string;

/** A node attribute; the key says which `AttributeProto` field carries it. */
export type AttributeValue =
  | { int: number }
  | { ints: readonly number[] }
  | { float: number }
  | { floats: readonly number[] };

/** Options for {@link GraphBuilder.toModel}. */
export interface ModelOptions {
  irVersion: number;
  /** Version of the default (`ai.onnx`) operator set. */
  opsetVersion: number;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  /** Written to `metadata_props`, one entry per key. */
  metadata?: Record<string, string>;
}

function checkDims(name: string, dims: readonly number[], length: number): void {
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`initializer ${name}: bad dimension ${d}`);
  }
  const expected = dims.reduce((a, b) => a * b, 1);
  if (expected !== length) {
    throw new Error(`initializer ${name}: dims [${dims.join(', ')}] need ${expected} values, got ${length}`);
  }
}

function toAttribute(name: string, value: AttributeValue): AttributeProto {
  if ('int' in value) {
    if (!Number.isInteger(value.int)) throw new Error(`attribute ${name}: ${value.int} is not an integer`);
    return { name, type: AttributeType.INT, i: value.int };
  }
  if ('ints' in value) {
    if (!value.ints.every(Number.isInteger)) throw new Error(`attribute ${name}: non-integer in ints`);
    return { name, type: AttributeType.INTS, ints: [...value.ints] };
  }
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.FLOATS, floats: [...value.floats] };
}

function valueInfo(name: string, dims: readonly Dim[]): ValueInfoProto {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: TensorDataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

/** Accumulates one ONNX graph. All graph inputs and outputs are float32 tensors. */
export class GraphBuilder {
  private readonly names = new Set<string>();
  private readonly produced = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private nodeCount = 0;

  constructor(readonly name: string) {}

  /** A value name not used yet, derived from `prefix` (`prefix`, then `prefix_1`, `prefix_2`, ...). */
  uniqueName(prefix: string): string {
    let n = this.counters.get(prefix) ?? 0;
    let candidate = n === 0 ? prefix : `${prefix}_${n}`;
    while (this.names.has(candidate)) candidate = `${prefix}_${++n}`;
    this.counters.set(prefix, n + 1);
    this.names.add(candidate);
    return candidate;
  }

  /**
   * Marks `name` as produced (by an initializer, graph input or node output); throws if something
   * already produces it. Names from {@link uniqueName} are reserved, not produced, until claimed.
   */
  private claim(name: string): string {
    if (this.produced.has(name)) throw new Error(`duplicate ONNX value name: ${name}`);
    this.names.add(name);
    this.produced.add(name);
    return name;
  }

  /** A float32 initializer named exactly `name`; `data` is row-major. Returns the name. */
  addFloatInitializer(name: string, dims: readonly number[], data: Float32Array): string {
    checkDims(name, dims, data.length);
    const raw = new Uint8Array(data.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
    this.initializers.push({ name: this.claim(name), dims: [...dims], data_type: TensorDataType.FLOAT, raw_data: raw });
    return name;
  }

  /** An int64 initializer named exactly `name` (shapes, axes). Returns the name. */
  addInt64Initializer(name: string, dims: readonly number[], data: readonly number[]): string {
    checkDims(name, dims, data.length);
    const raw = new Uint8Array(data.length * 8);
    const view = new DataView(raw.buffer);
    data.forEach((v, i) => {
      if (!Number.isSafeInteger(v)) throw new Error(`initializer ${name}: ${v} is not a safe integer`);
      view.setBigInt64(i * 8, BigInt(v), true);
    });
    this.initializers.push({ name: this.claim(name), dims: [...dims], data_type: TensorDataType.INT64, raw_data: raw });
    return name;
  }

  /** A float32 constant with a fresh name derived from `prefix`. */
  constFloat(prefix: string, dims: readonly number[], data: Float32Array | readonly number[]): string {
    const values = data instanceof Float32Array ? data : Float32Array.from(data);
    return this.addFloatInitializer(this.uniqueName(prefix), dims, values);
  }

  /** A float32 scalar (rank 0) constant with a fresh name. */
  scalarFloat(prefix: string, value: number): string {
    return this.constFloat(prefix, [], [value]);
  }

  /** An int64 constant with a fresh name derived from `prefix`. */
  constInt64(prefix: string, dims: readonly number[], data: readonly number[]): string {
    return this.addInt64Initializer(this.uniqueName(prefix), dims, data);
  }

  /** Declares a float32 graph input. */
  addInput(name: string, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), dims));
    return name;
  }

  /** Declares a float32 graph output; a node must produce `name` (pass it as that node's output). */
  addOutput(name: string, dims: readonly Dim[]): string {
    if (this.outputs.some((o) => o.name === name)) throw new Error(`duplicate graph output: ${name}`);
    this.names.add(name);
    this.outputs.push(valueInfo(name, dims));
    return name;
  }

  /**
   * Appends a node. `outputs` gives exact output names or, as a number, how many fresh names to
   * generate from the op type. Returns the output names.
   */
  addNode(
    opType: string,
    inputs: readonly string[],
    options: { outputs?: readonly string[] | number; attributes?: Record<string, AttributeValue>; name?: string } = {},
  ): string[] {
    const spec = options.outputs ?? 1;
    const prefix = opType.toLowerCase();
    const outputs =
      typeof spec === 'number'
        ? Array.from({ length: spec }, () => this.claim(this.uniqueName(prefix)))
        : spec.map((o) => this.claim(o));
    const attribute = Object.entries(options.attributes ?? {}).map(([k, v]) => toAttribute(k, v));
    const node: NodeProto = {
      input: [...inputs],
      output: outputs,
      name: options.name ?? `${opType}_${this.nodeCount}`,
      op_type: opType,
    };
    if (attribute.length > 0) node.attribute = attribute;
    this.nodes.push(node);
    this.nodeCount++;
    return outputs;
  }

  /** Appends a single-output node; `output` is an exact name, else a fresh one. Returns the output name. */
  op(opType: string, inputs: readonly string[], attributes?: Record<string, AttributeValue>, output?: string): string {
    return this.addNode(opType, inputs, { outputs: output === undefined ? 1 : [output], attributes })[0];
  }

  /** The graph so far; throws if a declared output is never produced. */
  toGraph(docString?: string): GraphProto {
    for (const o of this.outputs) {
      if (!this.produced.has(o.name!)) throw new Error(`graph output ${o.name} is not produced by any node`);
    }
    const graph: GraphProto = {
      name: this.name,
      node: [...this.nodes],
      initializer: [...this.initializers],
      input: [...this.inputs],
      output: [...this.outputs],
    };
    if (docString !== undefined) graph.doc_string = docString;
    return graph;
  }

  /** Wraps the graph in a ModelProto with one default-domain opset import. */
  toModel(options: ModelOptions): ModelProto {
    const model: ModelProto = {
      ir_version: options.irVersion,
      opset_import: [{ domain: '', version: options.opsetVersion }],
      graph: this.toGraph(),
      metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    };
    if (options.producerName !== undefined) model.producer_name = options.producerName;
    if (options.producerVersion !== undefined) model.producer_version = options.producerVersion;
    if (options.docString !== undefined) model.doc_string = options.docString;
    return model;
  }
}

/**
 * The outputs every novae graph ends with, from the per-feature NLL `featureNll` [S, N, ...] and
 * the node that produces `kl`: `nll_samples` (sum over `featureAxes`), `nll` (mean over samples)
 * and `score` = nll + kl. `feature_nll` (the mean over samples) is named `featureNllName`.
 */
export function addScoreOutputs(b: GraphBuilder, featureNll: string, featureAxes: readonly number[], featureNllName = 'feature_nll'): void {
  const axes = b.constInt64('axes_features', [featureAxes.length], featureAxes);
  const nllSamples = b.op('ReduceSum', [featureNll, axes], { keepdims: { int: 0 } }, 'nll_samples');
  b.op('ReduceMean', [featureNll], { axes: { ints: [0] }, keepdims: { int: 0 } }, featureNllName);
  const nll = b.op('ReduceMean', [nllSamples], { axes: { ints: [0] }, keepdims: { int: 0 } }, 'nll');
  b.op('Add', [nll, 'kl'], undefined, 'score');
}
