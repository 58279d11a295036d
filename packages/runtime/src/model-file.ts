/**
 * Reads the `novae.manifest` entry of an ONNX file's `metadata_props` straight from the model bytes
 * (ONNX Runtime's JS API does not expose metadata). Only the top level of `ModelProto` is walked,
 * with a minimal wire-format reader; the graph and its weights are skipped, never decoded.
 */
import { MANIFEST_KEY, ManifestError, parseManifest, type Manifest } from './manifest.js';
import { ProtoReader, WIRE_LENGTH_DELIMITED } from './proto-reader.js';

/** `ModelProto.metadata_props` field number in onnx.proto. */
const MODEL_METADATA_PROPS = 14;
/** `ModelProto.graph` field number: present in every ONNX model. */
const MODEL_GRAPH = 7;
/** `StringStringEntryProto` key / value field numbers. */
const ENTRY_KEY = 1;
const ENTRY_VALUE = 2;

function readEntry(bytes: Uint8Array): [string, string] {
  const reader = new ProtoReader(bytes);
  let key = '';
  let value = '';
  while (reader.pos < reader.len) {
    const tag = reader.varint();
    const field = tag >>> 3;
    if (field === ENTRY_KEY && (tag & 7) === WIRE_LENGTH_DELIMITED) key = reader.string();
    else if (field === ENTRY_VALUE && (tag & 7) === WIRE_LENGTH_DELIMITED) value = reader.string();
    else reader.skipType(tag & 7);
  }
  return [key, value];
}

/** All `metadata_props` of an ONNX model, as a map. Throws `ManifestError` if the bytes are not ONNX. */
export function readModelMetadata(bytes: Uint8Array, source = 'model'): Map<string, string> {
  const metadata = new Map<string, string>();
  let sawGraph = false;
  try {
    const reader = new ProtoReader(bytes);
    while (reader.pos < reader.len) {
      const tag = reader.varint();
      const field = tag >>> 3;
      if (field === 0) throw new Error('field number 0');
      if (field === MODEL_METADATA_PROPS && (tag & 7) === WIRE_LENGTH_DELIMITED) {
        const [key, value] = readEntry(reader.bytes());
        metadata.set(key, value);
      } else {
        if (field === MODEL_GRAPH) sawGraph = true;
        reader.skipType(tag & 7);
      }
    }
  } catch (err) {
    throw new ManifestError(`${source}: not an ONNX model file (${(err as Error).message})`);
  }
  if (!sawGraph) throw new ManifestError(`${source}: not an ONNX model file (no graph found)`);
  return metadata;
}

/** Read and validate the novae manifest of a model file. */
export function readManifest(bytes: Uint8Array, source = 'model'): Manifest {
  const text = readModelMetadata(bytes, source).get(MANIFEST_KEY);
  if (text === undefined) {
    throw new ManifestError(
      `${source}: an ONNX model but not a novae model (no '${MANIFEST_KEY}' metadata entry); train one with 'novae train'`,
    );
  }
  try {
    return parseManifest(text);
  } catch (err) {
    throw new ManifestError(`${source}: ${(err as Error).message}`);
  }
}
