/**
 * The ONNX protobuf schema, loaded at run time from the vendored `proto/onnx.proto` (onnx 1.12,
 * IR_VERSION 8) with protobufjs, plus TypeScript shapes for the messages the exporter writes.
 *
 * Field names keep the snake_case of onnx.proto (`keepCase: true`): `ir_version`, `opset_import`,
 * `metadata_props`, `raw_data`, ... The interfaces cover only the fields novae uses; protobufjs
 * encodes whatever the schema defines. int64 fields are plain numbers here (all values novae writes
 * are far below 2^53), and decoding converts them back to numbers.
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { Root, Type } from 'protobufjs';

/** `TensorProto.DataType` values used by novae. */
export const TensorDataType = { FLOAT: 1, INT64: 7 } as const;

/** `AttributeProto.AttributeType` values used by novae. */
export const AttributeType = { FLOAT: 1, INT: 2, FLOATS: 6, INTS: 7 } as const;

export interface OperatorSetIdProto {
  domain?: string;
  version?: number;
}

export interface StringStringEntryProto {
  key?: string;
  value?: string;
}

export interface TensorProto {
  name?: string;
  dims?: number[];
  data_type?: number;
  raw_data?: Uint8Array;
  float_data?: number[];
  int64_data?: number[];
  doc_string?: string;
}

export interface AttributeProto {
  name?: string;
  type?: number;
  f?: number;
  i?: number;
  floats?: number[];
  ints?: number[];
  doc_string?: string;
}

export interface NodeProto {
  input?: string[];
  output?: string[];
  name?: string;
  op_type?: string;
  domain?: string;
  attribute?: AttributeProto[];
  doc_string?: string;
}

export interface TensorShapeDimension {
  dim_value?: number;
  dim_param?: string;
}

export interface TypeProto {
  tensor_type?: { elem_type?: number; shape?: { dim?: TensorShapeDimension[] } };
}

export interface ValueInfoProto {
  name?: string;
  type?: TypeProto;
  doc_string?: string;
}

export interface GraphProto {
  name?: string;
  node?: NodeProto[];
  initializer?: TensorProto[];
  input?: ValueInfoProto[];
  output?: ValueInfoProto[];
  value_info?: ValueInfoProto[];
  doc_string?: string;
}

export interface ModelProto {
  ir_version?: number;
  opset_import?: OperatorSetIdProto[];
  producer_name?: string;
  producer_version?: string;
  domain?: string;
  model_version?: number;
  doc_string?: string;
  graph?: GraphProto;
  metadata_props?: StringStringEntryProto[];
}

/** Path of the vendored schema: `packages/trainer/proto/onnx.proto`, from `src/onnx/` or `dist/onnx/`. */
export const ONNX_PROTO_PATH = fileURLToPath(new URL('../../proto/onnx.proto', import.meta.url));

let modelType: Type | undefined;

/** The `onnx.ModelProto` message type; the schema is parsed on first use and cached. */
export function onnxModelType(): Type {
  if (modelType === undefined) {
    const root: Root = new protobuf.Root().loadSync(ONNX_PROTO_PATH, { keepCase: true });
    modelType = root.lookupType('onnx.ModelProto');
  }
  return modelType;
}

/** Serialises a model to ONNX bytes; throws if the object does not fit the schema. */
export function encodeModel(model: ModelProto): Uint8Array {
  const type = onnxModelType();
  const problem = type.verify(model as Record<string, unknown>);
  if (problem !== null) throw new Error(`invalid ONNX ModelProto: ${problem}`);
  const bytes = type.encode(type.fromObject(model as Record<string, unknown>)).finish();
  // protobufjs may hand back a Buffer (a Uint8Array subclass): return a plain Uint8Array view.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Parses ONNX bytes into a plain object (int64 as numbers, bytes as Uint8Array, enums as numbers). */
export function decodeModel(bytes: Uint8Array): ModelProto {
  const type = onnxModelType();
  const message = type.decode(bytes);
  return type.toObject(message, { longs: Number, enums: Number, arrays: false }) as ModelProto;
}
