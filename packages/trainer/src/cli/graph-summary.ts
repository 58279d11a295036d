/** A summary of an ONNX model's graph for `novae inspect`: versions, inputs, outputs and sizes. */
import { decodeModel, type ModelProto, type ValueInfoProto } from '../onnx/onnx-proto.js';

/** `TensorProto.DataType` names (onnx.proto). */
const ELEMENT_TYPES: Readonly<Record<number, string>> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

export interface TensorSummary {
  name: string;
  type: string;
  /** Sizes and symbolic names, e.g. `['N', 21]`; `'?'` for an unknown dimension. */
  shape: (number | string)[];
}

export interface GraphSummary {
  irVersion: number;
  /** `ai.onnx 17`, one entry per imported operator set. */
  opsets: string[];
  inputs: TensorSummary[];
  outputs: TensorSummary[];
  nodes: number;
  initializers: number;
  /** Total elements over all initializers. */
  parameters: number;
  fileBytes: number;
}

function tensor(info: ValueInfoProto): TensorSummary {
  const t = info.type?.tensor_type;
  const dims = t?.shape?.dim ?? [];
  return {
    name: info.name ?? '?',
    type: ELEMENT_TYPES[t?.elem_type ?? 0] ?? `type ${t?.elem_type}`,
    shape: dims.map((d) => d.dim_param || (d.dim_value !== undefined ? Number(d.dim_value) : '?')),
  };
}

/** Summarise decoded ONNX bytes. */
export function summarizeModel(model: ModelProto, fileBytes: number): GraphSummary {
  const graph = model.graph ?? {};
  const initializers = graph.initializer ?? [];
  const initializerNames = new Set(initializers.map((t) => t.name));
  return {
    irVersion: Number(model.ir_version ?? 0),
    opsets: (model.opset_import ?? []).map((o) => `${o.domain || 'ai.onnx'} ${Number(o.version ?? 0)}`),
    // Old exporters list initializers among the inputs; only the real inputs matter here.
    inputs: (graph.input ?? []).filter((i) => !initializerNames.has(i.name)).map(tensor),
    outputs: (graph.output ?? []).map(tensor),
    nodes: graph.node?.length ?? 0,
    initializers: initializers.length,
    parameters: initializers.reduce((sum, t) => sum + (t.dims ?? []).reduce((a, b) => a * Number(b), 1), 0),
    fileBytes,
  };
}

/** Decode and summarise ONNX model bytes. */
export function summarizeGraph(bytes: Uint8Array): GraphSummary {
  return summarizeModel(decodeModel(bytes), bytes.length);
}
